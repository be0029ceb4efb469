// MARK: - numpy-compatible printing

extension Tensor: CustomStringConvertible {
    /// Exactly numpy's `str()` of the same array under the current print
    /// options (`PrintOptions.current`, numpy's defaults unless
    /// `np.set_printoptions` changed them), so `print(t)` matches Python's
    /// `print(a)`. numpy: `str(a)`.
    ///
    /// A rank-0 tensor prints like numpy's scalar (`3.0`, `1e-05`, `7`, `True`),
    /// ignoring the options as numpy does. Arrays use one shared element width;
    /// floats choose positional or scientific notation for the whole array (see
    /// `FloatFormat`), ints are right-aligned, bools print ` True`/`False`. Rows
    /// longer than the line width wrap, and arrays with more elements than the
    /// threshold show only the edge items of every axis, with `...`. Empty
    /// arrays print `[]`.
    public var description: String {
        if rank == 0 { return Self.scalarText(scalars[0], dtype) }
        if count == 0 { return "[]" }
        let printer = ArrayPrinter(self, options: .current)
        return printer.render(axis: 0, offset: 0, indent: " ", width: printer.options.linewidth)
    }

    /// numpy's `str()` of one element of type `dtype` as a scalar.
    static func scalarText(_ value: Double, _ dtype: DType) -> String {
        switch dtype {
        case .float64: return FloatFormat.scalarText(value)
        case .int64: return integerText(value)
        case .bool: return value != 0 ? "True" : "False"
        }
    }

    /// The decimal digits of an int64 element.
    static func integerText(_ value: Double) -> String {
        String(Int64(exactly: value) ?? Int64(value.rounded(.towardZero)))
    }
}

/// The element strings of one array, all the same width (numpy's
/// `FloatingFormat`, `IntegerFormat` and `BoolFormat`).
private enum ElementFormat {
    case float(FloatFormat)
    case integer(width: Int)
    case bool

    init(_ values: [Double], dtype: DType, options: PrintOptions) {
        switch dtype {
        case .float64:
            self = .float(FloatFormat(values, precision: options.precision, suppress: options.suppress))
        case .int64:
            // numpy: the longer of str(max) and str(min).
            let longest = [values.max(), values.min()].compactMap { $0 }.map { Tensor.integerText($0).count }.max()
            self = .integer(width: longest ?? 0)
        case .bool:
            self = .bool
        }
    }

    func format(_ value: Double) -> String {
        switch self {
        case .float(let format):
            return format.format(value)
        case .integer(let width):
            let text = Tensor.integerText(value)
            return String(repeating: " ", count: Swift.max(0, width - text.count)) + text
        case .bool:
            return value != 0 ? " True" : "False"
        }
    }
}

/// numpy's `_formatArray` for one tensor: recursion over axes, line
/// wrapping inside the last axis, and summarization.
private struct ArrayPrinter {
    let tensor: Tensor
    let options: PrintOptions
    let strides: [Int]
    let summarize: Bool
    let format: ElementFormat

    init(_ tensor: Tensor, options: PrintOptions) {
        self.tensor = tensor
        self.options = options
        strides = tensor.strides
        summarize = tensor.count > options.threshold
        let shown = Self.shownValues(tensor, strides: strides, summarize: summarize, edgeItems: options.edgeitems)
        format = ElementFormat(shown, dtype: tensor.dtype, options: options)
    }

    /// The elements numpy keeps when summarizing (`_leading_trailing`), which
    /// are the ones that decide the notation and widths.
    private static func shownValues(_ tensor: Tensor, strides: [Int], summarize: Bool, edgeItems: Int) -> [Double] {
        guard summarize else { return tensor.scalars }
        var result: [Double] = []
        func visit(_ axis: Int, _ offset: Int) {
            if axis == tensor.rank {
                result.append(tensor.scalars[offset])
                return
            }
            for i in keptIndices(tensor.shape[axis], summarize: true, edgeItems: edgeItems) {
                visit(axis + 1, offset + i * strides[axis])
            }
        }
        visit(0, 0)
        return result
    }

    private static func keptIndices(_ n: Int, summarize: Bool, edgeItems: Int) -> [Int] {
        guard summarize && n > 2 * edgeItems else { return Array(0..<n) }
        return Array(0..<edgeItems) + Array((n - edgeItems)..<n)
    }

    func render(axis: Int, offset: Int, indent: String, width: Int) -> String {
        if axis == tensor.rank { return format.format(tensor.scalars[offset]) }
        let nextIndent = indent + " "
        let n = tensor.shape[axis]
        let edgeItems = options.edgeitems
        let showSummary = summarize && n > 2 * edgeItems
        let indices = Self.keptIndices(n, summarize: showSummary, edgeItems: edgeItems)
        let child = { (i: Int) in
            render(axis: axis + 1, offset: offset + i * strides[axis], indent: nextIndent, width: width - 1)
        }
        var text = ""
        if axis == tensor.rank - 1 {
            let elementWidth = width - 1
            var line = indent
            for (position, i) in indices.enumerated() {
                if showSummary && position == edgeItems {
                    extend(&text, &line, "...", elementWidth, indent)
                    line += " "
                }
                extend(&text, &line, child(i), elementWidth, indent)
                if position < indices.count - 1 { line += " " }
            }
            text += line
        } else {
            let separator = String(repeating: "\n", count: tensor.rank - axis - 1)
            for (position, i) in indices.enumerated() {
                if showSummary && position == edgeItems { text += indent + "..." + separator }
                text += indent + child(i)
                if position < indices.count - 1 { text += separator }
            }
        }
        return "[" + text.dropFirst(indent.count) + "]"
    }

    /// numpy's `_extendLine`: wrap before `word` if it would pass `width`,
    /// unless the line holds nothing but the indent.
    private func extend(_ text: inout String, _ line: inout String, _ word: String, _ width: Int, _ indent: String) {
        if line.utf8.count + word.utf8.count > width && line.utf8.count > indent.utf8.count {
            while line.hasSuffix(" ") { line.removeLast() }
            text += line + "\n"
            line = indent
        }
        line += word
    }
}

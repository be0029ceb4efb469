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
    public var description: String { text(options: .current) }

    /// numpy's `str()` under the given print options rather than the current ones, as
    /// `np.array2string(a, threshold=…)` writes it: the runner asks for every value of a
    /// tensor that a notebook's `print` summarised.
    @_spi(Runner) public func text(options: PrintOptions) -> String {
        if rank == 0 { return scalarText }
        if count == 0 { return "[]" }
        let printer = ArrayPrinter(self, options: options, separator: " ")
        return printer.render(axis: 0, offset: 0, indent: " ", width: printer.options.linewidth)
    }

    /// numpy's `str()` of the one element as a numpy scalar: `0.5`, `0.1` (float32's
    /// shortest digits), `7`, `True`.
    private var scalarText: String {
        switch storage {
        case .float64(let values): return FloatFormat.scalarText(values[0])
        case .int64(let values): return String(values[0])
        case .bool(let values): return values[0] ? "True" : "False"
        case .float32(let values): return FloatFormat.scalarText(Double(values[0]), float32: true)
        case .int32(let values): return String(values[0])
        case .uint8(let values): return String(values[0])
        }
    }

    /// Exactly numpy's `repr()` under the current print options: `array([1, 2], dtype=uint8)`,
    /// `array([0.1, 0.2], dtype=float32)`, `array([[1., 2.],` with the next rows under
    /// the first, the `dtype=` of a type other than float64, int64 and bool, and the
    /// `shape=` of an empty or summarised array. A rank-0 tensor gives numpy's scalar
    /// repr (`np.float32(0.1)`, `np.int64(3)`, `np.True_`), as the runtime's rank-0
    /// tensors stand for numpy's scalars. numpy: `repr(a)`.
    public var repr: String {
        let options = PrintOptions.current
        if rank == 0 {
            if dtype == .bool { return scalarText == "True" ? "np.True_" : "np.False_" }
            return "np.\(dtype)(\(scalarText))"
        }
        let prefix = "array("
        var text: String
        if count == 0 {
            text = "[]"
        } else {
            let printer = ArrayPrinter(self, options: options, separator: ", ")
            // numpy's array2string: the suffix ")" shortens the lines by one.
            text = printer.render(
                axis: 0, offset: 0, indent: " " + String(repeating: " ", count: prefix.count),
                width: options.linewidth - 1)
        }
        var extras: [String] = []
        if (count == 0 && shape != [0]) || count > options.threshold { extras.append("shape=\(shape)") }
        if ![.float64, .int64, .bool].contains(dtype) || count == 0 { extras.append("dtype=\(dtype)") }
        guard !extras.isEmpty else { return prefix + text + ")" }
        text = prefix + text + ","
        let extra = extras.joined(separator: ", ") + ")"
        let lastLine = text.split(separator: "\n", omittingEmptySubsequences: false).last!.count
        let spacer =
            lastLine + extra.count + 1 > options.linewidth ? "\n" + String(repeating: " ", count: prefix.count) : " "
        return text + spacer + extra
    }

}

/// The element strings of one array, all the same width (numpy's
/// `FloatingFormat`, `IntegerFormat` and `BoolFormat`), chosen from the elements
/// that will be shown.
private enum ElementFormat {
    case float(TensorBuffer<Double>, FloatFormat)
    case integer(TensorBuffer<Int64>, width: Int)
    case bool(TensorBuffer<Bool>)

    init(_ storage: TensorStorage, shown offsets: [Int]?, options: PrintOptions) {
        func shown<Element>(_ values: TensorBuffer<Element>) -> [Element] {
            offsets.map { $0.map { values[$0] } } ?? Array(values)
        }
        func float(_ values: TensorBuffer<Double>, float32: Bool) -> ElementFormat {
            .float(
                values,
                FloatFormat(shown(values), precision: options.precision, suppress: options.suppress, float32: float32))
        }
        func integer(_ values: TensorBuffer<Int64>) -> ElementFormat {
            // numpy: the longer of str(max) and str(min).
            let kept = shown(values)
            let longest = [kept.max(), kept.min()].compactMap { $0 }.map { String($0).count }.max()
            return .integer(values, width: longest ?? 0)
        }
        switch storage {
        case .float64(let values): self = float(values, float32: false)
        case .int64(let values): self = integer(values)
        case .bool(let values): self = .bool(values)
        // float32, int32 and uint8 values are exact as float64 and int64.
        case .float32(let values): self = float(values.mapped { Double($0) }, float32: true)
        case .int32(let values): self = integer(values.mapped { Int64($0) })
        case .uint8(let values): self = integer(values.mapped { Int64($0) })
        }
    }

    /// The text of the element at a row-major offset.
    func text(at offset: Int) -> String {
        switch self {
        case .float(let values, let format):
            return format.format(values[offset])
        case .integer(let values, let width):
            let text = String(values[offset])
            return String(repeating: " ", count: Swift.max(0, width - text.count)) + text
        case .bool(let values):
            return values[offset] ? " True" : "False"
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
    /// Between elements: `" "` for `str`, `", "` for `repr`.
    let separator: String

    init(_ tensor: Tensor, options: PrintOptions, separator: String) {
        self.tensor = tensor
        self.separator = separator
        self.options = options
        strides = tensor.strides
        summarize = tensor.count > options.threshold
        let shown = Self.shownOffsets(tensor, strides: strides, summarize: summarize, edgeItems: options.edgeitems)
        format = ElementFormat(tensor.storage, shown: shown, options: options)
    }

    /// The offsets of the elements numpy keeps when summarizing (`_leading_trailing`),
    /// which are the ones that decide the notation and widths; nil when all are shown.
    private static func shownOffsets(_ tensor: Tensor, strides: [Int], summarize: Bool, edgeItems: Int) -> [Int]? {
        guard summarize else { return nil }
        var result: [Int] = []
        func visit(_ axis: Int, _ offset: Int) {
            if axis == tensor.rank {
                result.append(offset)
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
        if axis == tensor.rank { return format.text(at: offset) }
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
                    line += separator
                }
                extend(&text, &line, child(i), elementWidth, indent)
                if position < indices.count - 1 { line += separator }
            }
            text += line
        } else {
            let rowSeparator =
                separator.trimmingTrailingSpaces + String(repeating: "\n", count: tensor.rank - axis - 1)
            for (position, i) in indices.enumerated() {
                if showSummary && position == edgeItems { text += indent + "..." + rowSeparator }
                text += indent + child(i)
                if position < indices.count - 1 { text += rowSeparator }
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

extension String {
    /// The string without its trailing spaces (Python's `rstrip()` for the separators).
    fileprivate var trimmingTrailingSpaces: String {
        var result = self
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}

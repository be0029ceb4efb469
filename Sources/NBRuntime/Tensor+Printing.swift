// MARK: - numpy-compatible printing

extension Tensor: CustomStringConvertible {
    /// Exactly numpy's `str()` of the same float64 array under the default
    /// print options (precision 8, floatmode 'maxprec', linewidth 75,
    /// threshold 1000, edgeitems 3), so `print(t)` matches Python's `print(a)`.
    ///
    /// A rank-0 tensor prints like numpy's scalar (`3.0`, `1e-05`). Arrays use
    /// one shared element width, positional or scientific notation chosen for
    /// the whole array (see `FloatFormat`), wrap rows longer than 75
    /// characters, and show only 3 items at each edge of every axis, with
    /// `...`, once the array has more than 1000 elements. Empty arrays print `[]`.
    public var description: String {
        if rank == 0 { return FloatFormat.scalarText(scalars[0]) }
        if count == 0 { return "[]" }
        let printer = ArrayPrinter(self)
        return printer.render(axis: 0, offset: 0, indent: " ", width: ArrayPrinter.lineWidth)
    }
}

/// numpy's `_formatArray` for one tensor: recursion over axes, line
/// wrapping inside the last axis, and summarization.
private struct ArrayPrinter {
    static let lineWidth = 75
    static let threshold = 1000
    static let edgeItems = 3

    let tensor: Tensor
    let strides: [Int]
    let summarize: Bool
    let format: FloatFormat

    init(_ tensor: Tensor) {
        self.tensor = tensor
        strides = tensor.strides
        summarize = tensor.count > Self.threshold
        format = FloatFormat(Self.shownValues(tensor, strides: strides, summarize: summarize))
    }

    /// The elements numpy keeps when summarizing (`_leading_trailing`), which
    /// are the ones that decide the notation and widths.
    private static func shownValues(_ tensor: Tensor, strides: [Int], summarize: Bool) -> [Double] {
        guard summarize else { return tensor.scalars }
        var result: [Double] = []
        func visit(_ axis: Int, _ offset: Int) {
            if axis == tensor.rank { result.append(tensor.scalars[offset]); return }
            for i in keptIndices(tensor.shape[axis], summarize: true) { visit(axis + 1, offset + i * strides[axis]) }
        }
        visit(0, 0)
        return result
    }

    private static func keptIndices(_ n: Int, summarize: Bool) -> [Int] {
        guard summarize && n > 2 * edgeItems else { return Array(0..<n) }
        return Array(0..<edgeItems) + Array((n - edgeItems)..<n)
    }

    func render(axis: Int, offset: Int, indent: String, width: Int) -> String {
        if axis == tensor.rank { return format.format(tensor.scalars[offset]) }
        let nextIndent = indent + " "
        let n = tensor.shape[axis]
        let showSummary = summarize && n > 2 * Self.edgeItems
        let indices = Self.keptIndices(n, summarize: showSummary)
        let child = { (i: Int) in
            render(axis: axis + 1, offset: offset + i * strides[axis], indent: nextIndent, width: width - 1)
        }
        var text = ""
        if axis == tensor.rank - 1 {
            let elementWidth = width - 1
            var line = indent
            for (position, i) in indices.enumerated() {
                if showSummary && position == Self.edgeItems {
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
                if showSummary && position == Self.edgeItems { text += indent + "..." + separator }
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

/// The math of one HTML report, typeset before the report is built, and what is wrong with it.
///
/// The notebook's prose formulas are typeset in document order with the front matter's
/// macros, so a definition carries to the formulas after it; the tensors' matrices are
/// typeset on their own. A formula KaTeX can't typeset is a warning at its notebook line
/// and column, and shows on the page as its author wrote it, marked as an error. A `$`
/// that opens no formula is a warning too. Without a typesetter (node is missing) the
/// formulas are left to KaTeX in the browser, and only the dollars are checked.
struct ReportMath: Sendable {
    /// The prose formulas' HTML, by UTF-8 offset in ``ProseRenderer/document(of:)``.
    var prose: [Int: String] = [:]
    /// Each matrix's HTML, by its TeX.
    var matrices: [String: String] = [:]
    var diagnostics: [Diagnostic] = []
    /// How many formulas and matrices there are.
    var count = 0

    /// No math: what a Markdown report has.
    init() {}

    init(notebook: Notebook, matrices: [String], typesetter: KaTeXTypesetter?) throws(ReportError) {
        let document = ProseRenderer.document(of: notebook)
        let bytes = Array(document.utf8)
        let scan = MathScanner(document, codeBlocks: CommonMarkConverter.codeBlockLines(of: document)).scan()
        let lines = LineIndex(bytes)
        // One warning per line, at its first stray dollar: a line of 16,000 would otherwise
        // quote itself 16,000 times.
        var strayLines: [(offset: Int, line: Int, count: Int)] = []
        for offset in scan.stray {
            let line = lines.line(of: offset)
            if strayLines.last?.line == line {
                strayLines[strayLines.count - 1].count += 1
            } else {
                strayLines.append((offset, line, 1))
            }
        }
        for (offset, _, count) in strayLines {
            let location = lines.location(of: offset, file: notebook.file)
            let message =
                count == 1
                ? "this $ opens a formula that nothing closes (a dollar sign is written \\$)"
                : "\(count) unclosed $ on this line, from this one on: each opens a formula that nothing closes "
                    + "(a dollar sign is written \\$)"
            diagnostics.append(Diagnostic(.warning, message, at: location, sourceLine: notebook.line(location.line)))
        }
        let uniqueMatrices = Array(Set(matrices)).sorted()
        count = scan.spans.count + uniqueMatrices.count
        guard let typesetter else { return }
        let formulas =
            scan.spans.map { KaTeXTypesetter.Formula(tex: $0.tex, display: $0.display) }
            + uniqueMatrices.map { KaTeXTypesetter.Formula(tex: $0, display: true, isolated: true) }
        let outcomes = try typesetter.typeset(formulas, macros: notebook.macros)
        for (span, outcome) in zip(scan.spans, outcomes) {
            switch outcome {
            case .html(let html):
                prose[span.range.lowerBound] = html
            case .error(let message, let position):
                let source = String(decoding: bytes[span.range], as: UTF8.self)
                prose[span.range.lowerBound] =
                    "<span class=\"math-error\" title=\"\(("KaTeX: " + message).htmlEscaped)\">"
                    + source.htmlEscaped + "</span>"
                let location = lines.location(of: Self.offset(of: position, in: span), file: notebook.file)
                let hint =
                    message.hasPrefix("Undefined control sequence")
                    ? "; define it in the front matter (nbrun: macros:) or with \\newcommand in an earlier formula" : ""
                diagnostics.append(
                    Diagnostic(
                        .warning, "KaTeX can't typeset this formula: \(message)\(hint)",
                        at: location, sourceLine: notebook.line(location.line)))
            }
        }
        for (tex, outcome) in zip(uniqueMatrices, outcomes.dropFirst(scan.spans.count)) {
            if case .html(let html) = outcome { self.matrices[tex] = html }
        }
        diagnostics.sort {
            ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0)
        }
    }

    /// The UTF-8 offset in the document of UTF-16 offset `position` of `span`'s TeX (its
    /// start when KaTeX gave no position).
    private static func offset(of position: Int?, in span: MathSpan) -> Int {
        let delimiter = (span.range.count - span.tex.utf8.count) / 2
        let prefix = position.flatMap { String(span.tex.utf16.prefix(max($0, 0))) } ?? ""
        return span.range.lowerBound + delimiter + prefix.utf8.count
    }
}

/// Turns UTF-8 offsets of a text into lines and character columns, as an editor counts them.
private struct LineIndex {
    let bytes: [UInt8]
    /// The offset where each line starts; line n starts at `starts[n - 1]`.
    let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        starts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
    }

    func location(of offset: Int, file: String) -> SourceLocation {
        let line = line(of: offset)
        let column = String(decoding: bytes[starts[line - 1]..<min(offset, bytes.count)], as: UTF8.self).count + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The 1-based line of `offset`: the last line that starts at or before it.
    func line(of offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }
}

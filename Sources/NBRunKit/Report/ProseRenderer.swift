/// Renders a notebook's prose to HTML for the report.
///
/// Math is protected from cmark-gfm (see ``MathProtector``); level-2 and level-3
/// headings get ids that are unique across the whole report, and are collected for the
/// table of contents. Raw HTML goes through GFM's tagfilter unless `unsafeHTML`.
struct ProseRenderer {
    /// A level-2 or level-3 heading, as the table of contents shows it.
    struct Heading {
        var level: Int
        /// Plain text, with any math as its TeX source.
        var text: String
        /// The text as HTML, with any math as KaTeX markup.
        var html: String
        /// The id of the heading element.
        var anchor: String
    }

    var unsafeHTML: Bool
    /// The formulas of the notebook typeset as HTML, by the UTF-8 offset of each in
    /// ``document(of:)``; a formula not in it is left to KaTeX in the browser.
    var typeset: [Int: String] = [:]
    /// The headings rendered so far, in order.
    private(set) var headings: [Heading] = []
    private var usedAnchors: Set<String>
    /// The HTML of each prose block of the notebook rendered so far, by its first line.
    private var notebookHTML: [Int: String]?

    /// `reserved` are ids that headings must not take (the cells' ids, say).
    init(unsafeHTML: Bool = false, reserved: Set<String> = []) {
        self.unsafeHTML = unsafeHTML
        usedAnchors = reserved
    }

    /// The HTML of `prose`, one of the prose blocks of `notebook`.
    ///
    /// The notebook is rendered once, as one document with its cells cut out, so prose
    /// that goes on around a cell in a list item or block quote stays in it: numbering
    /// goes on, and the text after the cell is not read as indented code. The piece
    /// before such a cell opens the item and the piece after it closes it, so one
    /// block's HTML need not be balanced; in document order, with each cell's HTML
    /// between them, the pieces are, and the cell sits inside its item or quote. Link
    /// reference definitions and footnotes reach across cells too.
    mutating func html(of prose: Prose, in notebook: Notebook) -> String {
        if notebookHTML == nil { notebookHTML = render(notebook) }
        return notebookHTML?[prose.line] ?? ""
    }

    /// The HTML of one piece of Markdown, on its own.
    mutating func html(of markdown: String) -> String {
        render(markdown, cuttingAt: [], leavingOut: [])[0]
    }

    // MARK: - Private

    /// The notebook as the Markdown document its prose is rendered from: its text, with
    /// blank lines for the front matter, so lines and offsets are the notebook's own.
    static func document(of notebook: Notebook) -> String {
        notebook.blocks.map(documentText).joined()
    }

    /// A block's part of ``document(of:)``.
    private static func documentText(of block: Notebook.Block) -> String {
        guard case .frontMatter(let yaml) = block else { return block.rawText }
        return String(repeating: "\n", count: SourceLines(yaml.rawText).count)
    }

    /// Each prose block's HTML, by its first line.
    private mutating func render(_ notebook: Notebook) -> [Int: String] {
        let markdown = Self.document(of: notebook)
        var numbers: [Int: Int] = [:]
        for (number, lines) in CommonMarkConverter.codeBlockLines(of: markdown).enumerated() {
            numbers[lines.lowerBound] = number
        }
        let cells = notebook.cells.compactMap { numbers[$0.line] }
        let outputs = notebook.blocks.compactMap {
            if case .output(let output) = $0 { numbers[output.line] } else { nil }
        }
        let before = self
        let pieces = render(markdown, cuttingAt: Set(cells), leavingOut: Set(outputs))
        guard cells.count == notebook.cells.count, pieces.count == cells.count + 1 else {
            // Protecting the math changed which code blocks there are: render block by block.
            self = before
            var html: [Int: String] = [:]
            var offset = 0
            for block in notebook.blocks {
                if case .prose(let prose) = block {
                    html[prose.line] = render(prose.rawText, cuttingAt: [], leavingOut: [], at: offset)[0]
                }
                offset += Self.documentText(of: block).utf8.count
            }
            return html
        }
        // Each prose block gets the piece between the cells around it. Two cells with no
        // prose between them can still have a piece that closes or opens a list; it is
        // carried to the next prose block (or the last one), to keep the page balanced.
        var html: [Int: String] = [:]
        var segment = 0
        var taken = false
        var carried = ""
        var lastProse: Int?
        for block in notebook.blocks {
            switch block {
            case .cell:
                if !taken { carried += pieces[segment] }
                segment += 1
                taken = false
            case .prose(let prose):
                html[prose.line] = taken ? "" : carried + pieces[segment]
                if !taken { carried = "" }
                taken = true
                lastProse = prose.line
            default:
                continue
            }
        }
        if !taken { carried += pieces[segment] }
        if let lastProse, !carried.isEmpty { html[lastProse, default: ""] += carried }
        return html
    }

    /// The HTML of `markdown`, cut where the code blocks numbered in `cuts` are, with
    /// math protected and the top-level headings' ids recorded. `markdown` starts at UTF-8
    /// offset `start` of the notebook's document, for finding its formulas in ``typeset``.
    private mutating func render(
        _ markdown: String, cuttingAt cuts: Set<Int>, leavingOut omitted: Set<Int>,
        at start: Int = 0
    ) -> [String] {
        let math = MathProtector(markdown: markdown)
        let typeset = self.typeset
        let lookUp = { (span: MathSpan) in typeset[start + span.range.lowerBound] }
        var found: [Heading] = []
        var used = usedAnchors
        let pieces = CommonMarkConverter.html(
            of: math.protected, unsafe: unsafeHTML, cuttingAt: cuts,
            leavingOut: omitted
        ) { level, text in
            guard (2...3).contains(level) else { return nil }
            let anchor = Self.unique(ReportContext.anchor(math.restore(plain: text)), among: &used)
            found.append(
                Heading(
                    level: level, text: math.restore(plain: text),
                    html: math.restore(html: text.htmlEscaped, typeset: lookUp), anchor: anchor))
            return anchor
        }
        usedAnchors = used
        headings += found
        return pieces.map { math.restore(html: $0, typeset: lookUp) }
    }

    /// `anchor`, or `anchor-1`, `anchor-2` … if it is taken (as GitHub does), now taken.
    private static func unique(_ anchor: String, among used: inout Set<String>) -> String {
        let base = anchor.isEmpty ? "section" : anchor
        var candidate = base
        var number = 0
        while used.contains(candidate) {
            number += 1
            candidate = "\(base)-\(number)"
        }
        used.insert(candidate)
        return candidate
    }
}

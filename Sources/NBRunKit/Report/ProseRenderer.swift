/// Renders a notebook's prose, block by block, to HTML for the report.
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
    /// The headings rendered so far, in order.
    private(set) var headings: [Heading] = []
    /// The formulas rendered so far.
    private(set) var mathCount = 0
    private var usedAnchors: Set<String>

    /// `reserved` are ids that headings must not take (the cells' ids, say).
    init(unsafeHTML: Bool = false, reserved: Set<String> = []) {
        self.unsafeHTML = unsafeHTML
        usedAnchors = reserved
    }

    /// The HTML of one block of prose.
    mutating func html(of markdown: String) -> String {
        let math = MathProtector(markdown: markdown)
        var found: [Heading] = []
        var used = usedAnchors
        let html = CommonMarkConverter.html(of: math.protected, unsafe: unsafeHTML) { level, text in
            guard (2...3).contains(level) else { return nil }
            let anchor = Self.unique(ReportContext.anchor(math.restore(plain: text)), among: &used)
            found.append(Heading(level: level, text: math.restore(plain: text),
                                 html: math.restore(html: text.htmlEscaped), anchor: anchor))
            return anchor
        }
        usedAnchors = used
        headings += found
        mathCount += math.spans.count
        return math.restore(html: html)
    }

    /// `anchor`, or `anchor-1`, `anchor-2` … if it is taken (as GitHub does), now taken.
    private static func unique(_ anchor: String, among used: inout Set<String>) -> String {
        let base = anchor.isEmpty ? "section" : anchor
        var candidate = base, number = 0
        while used.contains(candidate) {
            number += 1
            candidate = "\(base)-\(number)"
        }
        used.insert(candidate)
        return candidate
    }
}

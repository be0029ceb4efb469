/// Keeps math away from the Markdown parser.
///
/// cmark-gfm would read `*`, `_`, `\\` and `|` inside formulas as Markdown. So each
/// formula that ``MathScanner`` finds is replaced by an inert alphanumeric placeholder
/// before parsing, and put back afterwards in `<span class="math inline">…</span>` or
/// `<div class="math display">…</div>` (a `span` when display math shares its paragraph
/// with other text; a short inline formula and the punctuation after it in a
/// `<span class="math-nowrap">`, so the punctuation can't wrap onto a line of its own):
/// typeset, when the caller has it typeset, or else HTML-escaped with
/// explicit delimiters, `\(…\)` or `\[…\]`, for KaTeX in the browser. The TeX between
/// the delimiters is exactly as written.
struct MathProtector {
    /// The Markdown with every formula replaced by its placeholder.
    let protected: String
    /// The formulas, in order; placeholder `n` stands for `spans[n]`.
    let spans: [MathSpan]
    /// Starts every placeholder; chosen so that the original text never contains it.
    private let prefix: String
    /// The original text of each span, delimiters included.
    private let sources: [String]

    init(markdown: String) {
        let bytes = Array(markdown.utf8)
        spans = MathScanner(markdown, codeBlocks: CommonMarkConverter.codeBlockLines(of: markdown)).spans()
        var prefix = "nbrunmath"
        while markdown.containsBytes(of: prefix) { prefix += "x" }
        self.prefix = prefix
        sources = spans.map { String(decoding: bytes[$0.range], as: UTF8.self) }
        var text = ""
        var position = 0
        for (index, span) in spans.enumerated() {
            text += String(decoding: bytes[position..<span.range.lowerBound], as: UTF8.self)
            text += Self.placeholder(prefix, index)
            position = span.range.upperBound
        }
        protected = text + String(decoding: bytes[position...], as: UTF8.self)
    }

    /// `html` rendered from ``protected``, with the formulas put back: as `typeset` gives
    /// them (HTML), or, where it gives nil, as TeX between delimiters for KaTeX in the browser.
    ///
    /// A placeholder that ended up inside a tag (a link's URL, say) gets the formula's
    /// source text, escaped, instead of markup.
    func restore(html: String, typeset: (MathSpan) -> String? = { _ in nil }) -> String {
        // One pass over the bytes: a search per formula, through Foundation, took an eighth
        // of a warm run.
        let bytes = Array(html.utf8)
        let marker = Array(prefix.utf8)
        let paragraphStart = Array("<p>".utf8)
        let paragraphEnd = Array("</p>".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var position = 0
        var insideTag = false
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == marker[0], let (index, end) = placeholder(in: bytes, at: position, marker: marker) else {
                if byte == UInt8(ascii: "<") {
                    insideTag = true
                } else if byte == UInt8(ascii: ">") {
                    insideTag = false
                }
                output.append(byte)
                position += 1
                continue
            }
            let span = spans[index]
            let math =
                typeset(span)
                ?? (span.display
                    ? "\\[" + span.tex.htmlEscaped + "\\]" : "\\(" + span.tex.htmlEscaped + "\\)")
            if span.display, output.suffix(paragraphStart.count).elementsEqual(paragraphStart),
                bytes[end...].starts(with: paragraphEnd)
            {
                output.removeLast(paragraphStart.count)
                output += Array("<div class=\"math display\">\(math)</div>".utf8)
                position = end + paragraphEnd.count
            } else if insideTag {
                output += Array(sources[index].htmlEscaped.utf8)
                position = end
            } else {
                let element = "<span class=\"math \(span.display ? "display" : "inline")\">\(math)</span>"
                // Punctuation right after a short inline formula stays on its line.
                let punctuation =
                    span.display || span.tex.count > Self.longestKeptWithPunctuation
                    ? 0 : Self.punctuation(in: bytes, at: end)
                if punctuation > 0 {
                    output += Array("<span class=\"math-nowrap\">\(element)".utf8)
                    output += bytes[end..<(end + punctuation)]
                    output += Array("</span>".utf8)
                } else {
                    output += Array(element.utf8)
                }
                position = end + punctuation
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The longest inline formula (characters of TeX) that is kept on one line with the
    /// punctuation after it: a longer one may have to break, at a relation, on a phone.
    static let longestKeptWithPunctuation = 40

    /// How many bytes of punctuation that ends a clause (`.`, `,`, `;`, `:`, `!`, `?`, a
    /// closing bracket or quote, an ellipsis) start at `start`.
    private static func punctuation(in bytes: [UInt8], at start: Int) -> Int {
        let marks = [".", ",", ";", ":", "!", "?", ")", "]", "\u{2019}", "\u{201D}", "\u{2026}"].map { Array($0.utf8) }
        var position = start
        while let mark = marks.first(where: { bytes[position...].starts(with: $0) }) { position += mark.count }
        return position - start
    }

    /// The formula index of a placeholder starting at `start` and where it ends, if one does.
    private func placeholder(in bytes: [UInt8], at start: Int, marker: [UInt8]) -> (Int, Int)? {
        guard bytes[start...].starts(with: marker) else { return nil }
        var position = start + marker.count
        var index = 0
        var digits = 0
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            index = index * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            digits += 1
            position += 1
        }
        guard digits > 0, position < bytes.count, bytes[position] == UInt8(ascii: "z"), index < spans.count else {
            return nil
        }
        return (index, position + 1)
    }

    /// `text` from ``protected`` (a heading's plain text, say), with each formula's
    /// source put back as written, delimiters included.
    func restore(plain text: String) -> String {
        // Most headings hold no formula: spare them a search per formula.
        guard text.containsBytes(of: prefix) else { return text }
        var text = text
        for index in spans.indices.reversed() {
            text = text.replacingOccurrences(of: Self.placeholder(prefix, index), with: sources[index])
        }
        return text
    }

    /// Placeholder `index`: letters and digits only, so cmark leaves it alone; the
    /// closing `z` keeps `…1z` from being a prefix of `…12z`.
    private static func placeholder(_ prefix: String, _ index: Int) -> String {
        "\(prefix)\(index)z"
    }
}

import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Swift source as HTML, one string per line, with tokens wrapped in
/// `<span class="…">` by swift-syntax's classification (no regexes).
///
/// The classes are `kw` (keywords), `ty` (types), `str` (string and regex literals),
/// `num` (number literals), `com` (comments), `attr` (attributes and `#if`) and `op`
/// (operators); everything else is plain escaped text. A token that spans lines (a
/// block comment, a multi-line string) is closed at the end of each line and reopened
/// on the next, so every line is balanced HTML on its own. Concatenating the lines'
/// text content gives back the source exactly.
enum SwiftHighlighter {
    /// The lines of `source` as HTML, without their line terminators. A final newline
    /// doesn't start another line.
    static func lines(of source: String) -> [String] {
        // Code swift-syntax would take minutes to parse is shown plain (the plan reports it).
        if NestingGuard.problem(in: source) != nil { return plainLines(of: source) }
        return lines(of: source, tree: Parser.parse(source: source))
    }

    /// The lines of `source` escaped, without highlighting.
    static func plainLines(of source: String) -> [String] {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { $0.htmlEscaped }
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        return lines.map { $0.replacingOccurrences(of: "\r", with: "") }
    }

    /// ``lines(of:)`` from the tree the caller already parsed.
    static func lines(of source: String, tree: SourceFileSyntax) -> [String] {
        let bytes = Array(source.utf8)
        var lines: [String] = [""]
        func emit(_ range: Range<Int>, _ cssClass: String?) {
            let text = String(decoding: bytes[range], as: UTF8.self)
            for (number, piece) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if number > 0 { lines.append("") }
                guard !piece.isEmpty else { continue }
                let escaped = piece.htmlEscaped
                lines[lines.count - 1] += cssClass.map { "<span class=\"\($0)\">\(escaped)</span>" } ?? escaped
            }
        }
        var position = 0
        for classified in tree.classifications {
            let start = classified.range.lowerBound.utf8Offset
            let end = classified.range.upperBound.utf8Offset
            guard start >= position, end <= bytes.count, start < end else { continue }
            if start > position { emit(position..<start, nil) }
            emit(start..<end, cssClass(for: classified.kind))
            position = end
        }
        if position < bytes.count { emit(position..<bytes.count, nil) }
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        return lines.map { $0.replacingOccurrences(of: "\r", with: "") }
    }

    private static func cssClass(for kind: SyntaxClassification) -> String? {
        switch kind {
        case .keyword: "kw"
        case .type: "ty"
        case .stringLiteral, .regexLiteral: "str"
        case .integerLiteral, .floatLiteral: "num"
        case .lineComment, .blockComment, .docLineComment, .docBlockComment: "com"
        case .attribute, .ifConfigDirective: "attr"
        case .operator: "op"
        case .identifier, .dollarIdentifier, .argumentLabel, .editorPlaceholder, .none: nil
        }
    }
}

/// A text cut into lines that keep their terminators, addressed by 1-based number.
///
/// Line breaks are `\n`, `\r\n` and a lone `\r`, as cmark-gfm counts them for line numbers.
struct SourceLines {
    private var lines: [Substring]

    init(_ text: String) {
        var lines: [Substring] = []
        var start = text.startIndex
        var index = start
        while index < text.endIndex {
            let next = text.index(after: index)
            // "\r\n" is one Character in Swift; a lone "\r" ends a line too, as in cmark.
            if text[index] == "\n" || text[index] == "\r\n" || text[index] == "\r" {
                lines.append(text[start..<next])
                start = next
            }
            index = next
        }
        if start < text.endIndex { lines.append(text[start...]) }
        self.lines = lines
    }

    var count: Int { lines.count }

    /// The line without its terminator, or "" past the end.
    subscript(number: Int) -> String {
        guard number >= 1, number <= lines.count else { return "" }
        var line = lines[number - 1]
        while line.last == "\n" || line.last == "\r\n" || line.last == "\r" { line = line.dropLast() }
        return String(line)
    }

    /// The lines `first...last`, terminators included.
    func text(from first: Int, through last: Int) -> String {
        let lower = max(first, 1)
        let upper = min(last, lines.count)
        guard lower <= upper else { return "" }
        return lines[(lower - 1)..<upper].joined()
    }

    /// Whether line `number` has the shape of a closing fence: `>` markers and
    /// indentation, then `length` or more `fence` characters, then only blanks.
    func isClosingFence(line number: Int, fence: Character, length: Int) -> Bool {
        let rest = self[number].drop { $0 == " " || $0 == "\t" || $0 == ">" }
        let run = rest.prefix { $0 == fence }
        return run.count >= length && rest.dropFirst(run.count).allSatisfy { $0 == " " || $0 == "\t" }
    }
}

/// The text that list items and block quotes put in front of the lines they hold.
///
/// cmark-gfm removes it from a code block's literal; these functions find it again in
/// the notebook's lines, so that nested cells keep their place when columns are mapped
/// and when `update` writes lines.
enum ContainerPrefix {
    /// What goes in front of a new line in the same containers as the fence that opens
    /// `line`, at the fence's indentation.
    ///
    /// Everything before the fence is container syntax: blanks, `>` markers and list
    /// markers. List markers become spaces, which continue their item, and each `>`
    /// gets a space after it: a line that continues a block quote may drop the space
    /// after its `>`, which would shift what follows by one column.
    static func continuation(ofFenceLine line: String, fence: Character) -> String {
        let before = line.prefix { $0 != fence }
        var prefix = ""
        for (offset, character) in before.enumerated() {
            switch character {
            case ">":
                prefix.append(">")
                let next = before.dropFirst(offset + 1).first
                if next != " " && next != "\t" { prefix.append(" ") }
            case " ", "\t": prefix.append(character)
            default: prefix.append(" ")
            }
        }
        return prefix
    }

    /// The text of a blank line inside the containers that `continuation` continues.
    static func blankLine(continuing continuation: String) -> String {
        String(continuation.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// For each line of `literal` (as cmark gives a code block's code, one `\n`-ended
    /// line per notebook line), what stands in front of it on notebook line
    /// `firstLine` + n of `lines`.
    static func linePrefixes(of literal: String, in lines: SourceLines, from firstLine: Int) -> [LinePrefix] {
        var code = literal.split(separator: "\n", omittingEmptySubsequences: false)
        if code.last == "" { code.removeLast() }
        return code.enumerated().map { number, codeLine in
            let line = lines[firstLine + number]
            if let text = line.utf8Prefix(before: codeLine) { return LinePrefix(text) }
            // cmark turned the rest of a tab into spaces: they are not in the notebook.
            let content = codeLine.drop { $0 == " " }
            if let text = line.utf8Prefix(before: content) {
                return LinePrefix(text, spacesFromTab: codeLine.count - content.count)
            }
            // cmark changed the text itself (a NUL became U+FFFD); nothing to map.
            return LinePrefix("")
        }
    }
}

extension String {
    /// The text before `suffix` when this string ends with it, byte for byte.
    fileprivate func utf8Prefix(before suffix: Substring) -> String? {
        let bytes = Array(utf8)
        let tail = Array(suffix.utf8)
        guard bytes.count >= tail.count, bytes.suffix(tail.count).elementsEqual(tail) else { return nil }
        return String(decoding: bytes.dropLast(tail.count), as: UTF8.self)
    }
}

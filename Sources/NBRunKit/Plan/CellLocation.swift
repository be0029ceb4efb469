/// Turns a place in a cell's code into a place in the notebook, with the column counted
/// in characters, as an editor shows it (`⋅` is one column, not three bytes).
///
/// A cell's code line is the end of its notebook line: what comes before it is the
/// fence's indentation or the `>` and list markers of the block that holds the cell.
struct CellLocation {
    var cell: Cell
    var notebook: Notebook

    /// The notebook location of a UTF-8 offset into the cell's source.
    func location(ofUTF8Offset offset: Int) -> SourceLocation {
        let bytes = cell.source.utf8.prefix(offset)
        let lineIndex = bytes.newlineCount
        let lineStart = bytes.lastIndex(of: UInt8(ascii: "\n")).map { bytes.index(after: $0) } ?? bytes.startIndex
        let byteColumn = bytes.distance(from: lineStart, to: bytes.endIndex) + 1
        let line = cell.firstCodeLine + lineIndex
        return SourceLocation(
            file: notebook.file, line: line,
            column: characterColumn(line: line, byteColumn: byteColumn))
    }

    /// The character column in notebook line `line` (one of the cell's) for a 1-based UTF-8
    /// column in the cell's own text of that line.
    func characterColumn(line: Int, byteColumn: Int) -> Int {
        let codeLines = cell.source.split(separator: "\n", omittingEmptySubsequences: false)
        let index = line - cell.firstCodeLine
        let code = codeLines.indices.contains(index) ? Self.trimmed(codeLines[index]) : ""
        return Self.characterColumn(
            in: Self.trimmed(Substring(notebook.line(line))), code: code,
            byteColumn: byteColumn)
    }

    static func characterColumn(in notebookLine: Substring, code: Substring, byteColumn: Int) -> Int {
        let prefix = notebookLine.hasSuffix(code) ? notebookLine.utf8.count - code.utf8.count : 0
        let bytes = notebookLine.utf8.prefix(max(0, prefix + byteColumn - 1))
        return String(decoding: bytes, as: UTF8.self).count + 1
    }

    private static func trimmed(_ line: Substring) -> Substring {
        line.last == "\r" ? line.dropLast() : line
    }
}

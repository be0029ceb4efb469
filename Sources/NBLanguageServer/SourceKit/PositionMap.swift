import NBRunKit

/// Protocol positions mapped between a notebook as the editor has it and its program as
/// sourcekit-lsp has it, through ``GeneratedSource`` (which works in UTF-8 columns).
struct PositionMap: Sendable {
    let source: GeneratedSource
    let notebookLines: TextLines
    let programLines: [String: TextLines]

    init(source: GeneratedSource, notebookText: String) {
        self.source = source
        notebookLines = TextLines(notebookText)
        programLines = Dictionary(uniqueKeysWithValues: source.files.map { ($0.name, TextLines($0.text)) })
    }

    /// The program's file and position for a notebook position; nil outside the cells' code.
    func programPosition(for position: Position) -> (file: String, position: Position)? {
        let line = notebookLines[position.line]
        let point = GeneratedSource.Point(
            line: position.line + 1, utf8Column: LineColumns.utf8Column(ofUTF16: position.character, in: line))
        guard let place = source.programPlace(for: point), let lines = programLines[place.file] else { return nil }
        let text = lines[place.line - 1]
        return (
            place.file,
            Position(line: place.line - 1, character: LineColumns.utf16Offset(ofUTF8: place.utf8Column, in: text))
        )
    }

    /// The notebook's position for a position in the program's file `file`; nil in nbrun's own lines.
    func notebookPosition(file: String, _ position: Position) -> Position? {
        guard let lines = programLines[file] else { return nil }
        let line = lines[position.line]
        let place = ProgramPlace(
            file: file, line: position.line + 1,
            utf8Column: LineColumns.utf8Column(ofUTF16: position.character, in: line))
        return source.notebookPoint(for: place).map {
            Position(
                line: $0.line - 1,
                character: LineColumns.utf16Offset(ofUTF8: $0.utf8Column, in: notebookLines[$0.line - 1]))
        }
    }

    func notebookRange(file: String, _ range: TextRange) -> TextRange? {
        guard let start = notebookPosition(file: file, range.start), let end = notebookPosition(file: file, range.end)
        else { return nil }
        return TextRange(start: start, end: end)
    }
}

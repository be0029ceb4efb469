import NBRunKit

extension LSPDiagnostic {
    /// nbrun's diagnostic as an editor shows it, in the document `uri` whose text is `lines`.
    ///
    /// The range starts at the diagnostic's character column and covers the identifier
    /// there (one character otherwise); without a column, the whole line. Notes with a
    /// place become related information; notes without one join the message.
    init(_ diagnostic: Diagnostic, uri: String, lines: TextLines) {
        let range = Self.range(of: diagnostic.location, in: lines)
        var message = diagnostic.message
        var related: [RelatedInformation] = []
        for note in diagnostic.notes {
            if let location = note.location {
                let noteURI = location.file == diagnostic.location?.file ? uri : DocumentURI.uri(ofPath: location.file)
                let noteLines = noteURI == uri ? lines : TextLines("")
                related.append(
                    RelatedInformation(
                        location: Location(uri: noteURI, range: Self.range(of: location, in: noteLines)),
                        message: note.message))
            } else {
                message += "\n" + note.message
            }
        }
        self.init(
            range: range, severity: Self.severity(diagnostic.severity), source: "nbrun", message: message,
            relatedInformation: related.isEmpty ? nil : related)
    }

    private static func severity(_ severity: Diagnostic.Severity) -> Int {
        switch severity {
        case .error: error
        case .warning: warning
        case .note: information
        }
    }

    private static func range(of location: SourceLocation?, in lines: TextLines) -> TextRange {
        guard let location else { return TextRange(at: Position(line: 0, character: 0)) }
        let line = max(location.line - 1, 0)
        let text = lines[line]
        guard let column = location.column else {
            return TextRange(
                start: Position(line: line, character: 0), end: Position(line: line, character: text.utf16.count))
        }
        let start = LineColumns.utf16Offset(ofCharacter: column, in: text)
        let rest = text.dropFirst(max(column - 1, 0))
        let isWord = { (character: Character) in character.isLetter || character.isNumber || character == "_" }
        let word = rest.prefix(while: isWord)
        let length = word.isEmpty ? (rest.first.map { String($0).utf16.count } ?? 0) : String(word).utf16.count
        return TextRange(
            start: Position(line: line, character: start), end: Position(line: line, character: start + length))
    }
}

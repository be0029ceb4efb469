import Foundation

/// A place in a text document: a 0-based line and a 0-based offset in UTF-16 code
/// units into it (the protocol's default encoding, and the only one every client speaks).
public struct Position: Sendable, Hashable, Codable, Comparable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (a: Position, b: Position) -> Bool {
        (a.line, a.character) < (b.line, b.character)
    }
}

public struct TextRange: Sendable, Hashable, Codable {
    public var start: Position
    public var end: Position

    public init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }

    public init(at position: Position) {
        self.init(start: position, end: position)
    }
}

public struct Location: Sendable, Hashable, Codable {
    public var uri: String
    public var range: TextRange

    public init(uri: String, range: TextRange) {
        self.uri = uri
        self.range = range
    }
}

public struct TextDocumentIdentifier: Sendable, Hashable, Codable {
    public var uri: String
}

public struct TextDocumentItem: Sendable, Hashable, Codable {
    public var uri: String
    public var languageId: String
    public var version: Int
    public var text: String
}

public struct VersionedTextDocumentIdentifier: Sendable, Hashable, Codable {
    public var uri: String
    public var version: Int
}

public struct DidOpenTextDocumentParams: Sendable, Codable {
    public var textDocument: TextDocumentItem
}

public struct DidCloseTextDocumentParams: Sendable, Codable {
    public var textDocument: TextDocumentIdentifier
}

public struct DidChangeTextDocumentParams: Sendable, Codable {
    public var textDocument: VersionedTextDocumentIdentifier
    public var contentChanges: [ContentChange]

    /// A whole new text (no range), or the text that replaces a range.
    public struct ContentChange: Sendable, Codable {
        public var range: TextRange?
        public var text: String

        public init(range: TextRange?, text: String) {
            self.range = range
            self.text = text
        }
    }
}

public struct TextDocumentPositionParams: Sendable, Codable {
    public var textDocument: TextDocumentIdentifier
    public var position: Position
}

/// A diagnostic as the protocol carries it.
public struct LSPDiagnostic: Sendable, Hashable, Codable {
    public var range: TextRange
    /// 1 error, 2 warning, 3 information, 4 hint.
    public var severity: Int
    public var source: String
    public var message: String
    public var relatedInformation: [RelatedInformation]?

    public struct RelatedInformation: Sendable, Hashable, Codable {
        public var location: Location
        public var message: String
    }

    public static let error = 1, warning = 2, information = 3, hint = 4
}

public struct PublishDiagnosticsParams: Sendable, Codable {
    public var uri: String
    public var version: Int?
    public var diagnostics: [LSPDiagnostic]
}

/// `window/logMessage`: a line for the editor's log of this server.
public struct LogMessageParams: Sendable, Codable {
    /// 1 error, 2 warning, 3 info, 4 log.
    public var type: Int
    public var message: String
}

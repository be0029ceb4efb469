/// An open document's text as the editor has it, and its version.
///
/// Edits arrive as ranges in UTF-16 code units (the protocol's positions); the text is
/// kept as a Swift string and converted at the edges.
public struct TextDocument: Sendable, Equatable {
    public var uri: String
    public var version: Int
    public private(set) var text: String

    public init(uri: String, version: Int, text: String) {
        self.uri = uri
        self.version = version
        self.text = text
    }

    /// Applies the changes of one `didChange`, in order (each range refers to the text the
    /// previous change left). A range past the end is clamped to it.
    public mutating func apply(_ changes: [DidChangeTextDocumentParams.ContentChange], version: Int) {
        for change in changes {
            guard let range = change.range else {
                text = change.text
                continue
            }
            var utf8 = Array(text.utf8)
            let start = Self.utf8Offset(of: range.start, in: utf8)
            let end = max(start, Self.utf8Offset(of: range.end, in: utf8))
            utf8.replaceSubrange(start..<end, with: Array(change.text.utf8))
            text = String(decoding: utf8, as: UTF8.self)
        }
        self.version = version
    }

    /// The UTF-8 offset of a protocol position in `bytes`, clamped to its line and to the text.
    static func utf8Offset(of position: Position, in bytes: [UInt8]) -> Int {
        var offset = 0
        var line = 0
        while line < position.line {
            guard let newline = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else { return bytes.count }
            offset = newline + 1
            line += 1
        }
        let lineEnd = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let lineText = String(decoding: bytes[offset..<lineEnd], as: UTF8.self)
        return offset + LineColumns.utf8Column(ofUTF16: position.character, in: lineText) - 1
    }
}

/// Converts columns within one line between the encodings in play: the protocol's
/// UTF-16 offsets (0-based), nbrun's character columns and swiftc's UTF-8 columns (1-based).
public enum LineColumns {
    /// The 1-based UTF-8 column of a 0-based UTF-16 offset into `line`; an offset inside a
    /// surrogate pair or past the end is moved to the next character or the end.
    public static func utf8Column(ofUTF16 offset: Int, in line: String) -> Int {
        var utf16 = 0
        var utf8 = 0
        for scalar in line.unicodeScalars {
            if utf16 >= offset { break }
            utf16 += scalar.utf16.count
            utf8 += scalar.utf8.count
        }
        return utf8 + 1
    }

    /// The 0-based UTF-16 offset of a 1-based UTF-8 column of `line`.
    public static func utf16Offset(ofUTF8 column: Int, in line: String) -> Int {
        var utf16 = 0
        var utf8 = 0
        for scalar in line.unicodeScalars {
            if utf8 >= column - 1 { break }
            utf16 += scalar.utf16.count
            utf8 += scalar.utf8.count
        }
        return utf16
    }

    /// The 0-based UTF-16 offset of a 1-based character column of `line`.
    public static func utf16Offset(ofCharacter column: Int, in line: String) -> Int {
        String(line.prefix(max(column - 1, 0))).utf16.count
    }
}

/// The lines of a text, cut once, for many lookups.
public struct TextLines: Sendable {
    private let lines: [Substring]

    public init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Line `number` (0-based) without its terminator; empty past the end.
    public subscript(number: Int) -> String {
        guard lines.indices.contains(number) else { return "" }
        let line = lines[number]
        return String(line.last == "\r" ? line.dropLast() : line)
    }

    public var count: Int { lines.count }
}

import Foundation

/// Reads a notebook file from disk and parses it.
public enum NotebookLoader {
    public static func load(_ path: String) throws(InputError) -> Notebook {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missing(path)
        }
        guard !isDirectory.boolValue else { throw .directory(path) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .invalidUTF8(path, byteOffset: firstInvalidByte(in: data))
        }
        if text.utf8.contains(0) { throw .binary(path) }
        do {
            return try Notebook(parsing: text, file: path)
        } catch {
            throw .parse(error)
        }
    }

    /// The offset of the first byte that doesn't start or continue valid UTF-8.
    static func firstInvalidByte(in data: Data) -> Int {
        var offset = 0
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
                offset = consumed
            case .emptyInput:
                return offset
            case .error:
                return offset
            }
        }
    }
}

/// Why a notebook file could not be used.
public enum InputError: Error, Equatable, Sendable {
    case missing(String)
    case directory(String)
    case unreadable(String)
    case invalidUTF8(String, byteOffset: Int)
    case binary(String)
    case parse(ParseError)
}

extension InputError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .missing(let path): "\(path): no such file"
        case .directory(let path): "\(path): is a directory, not a notebook"
        case .unreadable(let path): "\(path): can't be read (check its permissions)"
        case .invalidUTF8(let path, let offset): "\(path): not valid UTF-8 (first bad byte at offset \(offset))"
        case .binary(let path): "\(path): looks like a binary file, not a Markdown notebook"
        case .parse(let error): error.diagnostic.formatted
        }
    }
}

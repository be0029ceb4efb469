import Foundation

/// Something nbrun or the compiler has to say about a notebook.
///
/// The library returns diagnostics; the CLI decides how they look.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Hashable, Sendable {
        case error, warning, note
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// The notebook line that `location` points at, quoted as written.
    public var sourceLine: String?
    public var notes: [Diagnostic]

    public init(
        _ severity: Severity, _ message: String, at location: SourceLocation? = nil,
        sourceLine: String? = nil, notes: [Diagnostic] = []
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
        self.notes = notes
    }

    /// The first line of ``formatted``: `file:line:col: error: message`.
    public var headline: String { (location.map { "\($0): " } ?? "") + "\(severity.rawValue): \(message)" }

    /// The compiler-style text: `file:line:col: error: message`, then the quoted
    /// line with a caret under the column, then the notes.
    public var formatted: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): \(message)"
        if let sourceLine {
            text += "\n" + sourceLine
            if let column = location?.column, column >= 1 {
                let prefix = sourceLine.prefix(column - 1).map { $0 == "\t" ? "\t" : " " as Character }
                text += "\n" + String(prefix) + "^"
            }
        }
        for note in notes { text += "\n" + note.formatted }
        return text
    }

    /// ``formatted``, with ANSI colours for a terminal: the location and message bold, the
    /// severity in its colour, the caret green.
    public var colored: String {
        let bold = "\u{1B}[1m"
        let reset = "\u{1B}[0m"
        let color =
            switch severity {
            case .error: "\u{1B}[1;31m"
            case .warning: "\u{1B}[1;35m"
            case .note: "\u{1B}[1;36m"
            }
        var plain = self
        plain.notes = []
        var lines = plain.formatted.components(separatedBy: "\n")
        let tag = "\(severity.rawValue):"
        if let range = lines[0].range(of: tag) {
            let location = lines[0][..<range.lowerBound]
            lines[0] = bold + location + reset + color + tag + reset + bold + lines[0][range.upperBound...] + reset
        }
        if lines.count == 3 { lines[2] = "\u{1B}[1;32m" + lines[2] + reset }  // the caret
        return ([lines.joined(separator: "\n")] + notes.map(\.colored)).joined(separator: "\n")
    }
}

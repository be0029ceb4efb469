import Foundation

/// What one notebook's command printed, kept in order so that notebooks handled in
/// parallel print their messages together: results to stdout, errors to stderr.
struct Transcript: Sendable {
    private var entries: [(toStderr: Bool, text: String)] = []

    /// A result line, for stdout.
    mutating func out(_ text: String) { entries.append((false, text)) }

    /// A diagnostic or error, for stderr.
    mutating func err(_ text: String) { entries.append((true, text.hasSuffix("\n") ? text : text + "\n")) }

    /// Writes every entry to its stream, in order.
    func flush() {
        for entry in entries {
            (entry.toStderr ? FileHandle.standardError : FileHandle.standardOutput).write(Data(entry.text.utf8))
        }
    }
}

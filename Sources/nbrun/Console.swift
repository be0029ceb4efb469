import Foundation
import NBRunKit

/// The terminal: reports go to stdout, everything else to stderr.
struct Console: Sendable {
    /// Whether stderr is a terminal, where progress lines are shown.
    var isTerminal = isatty(STDERR_FILENO) != 0

    /// Replaces the progress line with `text`, or clears it when nil.
    func progress(_ text: String?) {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + (text ?? "")).utf8))
    }

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    func status(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func error(_ message: String) {
        status("nbrun: error: \(message)")
    }

    func show(_ diagnostic: Diagnostic) {
        status(diagnostic.formatted)
    }
}

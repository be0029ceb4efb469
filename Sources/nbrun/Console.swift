import Foundation
import NBRunKit

/// The terminal: reports and check results go to stdout, everything else to stderr.
///
/// Diagnostics are coloured when the stream they go to is a terminal and `NO_COLOR`
/// is not set (https://no-color.org), and plain otherwise.
struct Console: Sendable {
    enum Stream { case stdout, stderr }

    /// Whether stderr is a terminal, where progress lines are shown.
    var isTerminal = isatty(STDERR_FILENO) != 0
    private var colorAllowed = ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    func status(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func error(_ message: String) {
        status("nbrun: error: \(message)")
    }

    /// Replaces the progress line with `text`, or clears it when nil.
    func progress(_ text: String?) {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + (text ?? "")).utf8))
    }

    /// A diagnostic as compiler-style text, coloured for `stream` when that is a terminal.
    func render(_ diagnostic: Diagnostic, stream: Stream = .stderr) -> String {
        let terminal = isatty(stream == .stdout ? STDOUT_FILENO : STDERR_FILENO) != 0
        guard colorAllowed, terminal else { return diagnostic.formatted }
        return colored(diagnostic)
    }

    private func colored(_ diagnostic: Diagnostic) -> String {
        let bold = "\u{1B}[1m", reset = "\u{1B}[0m"
        let color = switch diagnostic.severity {
        case .error: "\u{1B}[1;31m"
        case .warning: "\u{1B}[1;35m"
        case .note: "\u{1B}[1;36m"
        }
        var plain = diagnostic
        plain.notes = []
        var lines = plain.formatted.components(separatedBy: "\n")
        let tag = "\(diagnostic.severity.rawValue):"
        if let range = lines[0].range(of: tag) {
            let location = lines[0][..<range.lowerBound]
            lines[0] = bold + location + reset + color + tag + reset + bold + lines[0][range.upperBound...] + reset
        }
        if lines.count == 3 { lines[2] = "\u{1B}[1;32m" + lines[2] + reset }  // the caret
        return ([lines.joined(separator: "\n")] + diagnostic.notes.map(colored)).joined(separator: "\n")
    }
}

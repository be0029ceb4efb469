import ArgumentParser
import Foundation
import NBRunKit

/// The terminal: results go to stdout, everything else to stderr.
///
/// Diagnostics are coloured when the stream they go to is a terminal and `NO_COLOR`
/// is not set (https://no-color.org), and plain otherwise.
struct Console: Sendable {
    private var colorAllowed = ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true

    func error(_ message: String) { say("nbrun: error: \(message)") }

    /// A line for stderr.
    func say(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    /// Prints what a job said, notebook by notebook, then its summary, and returns its exit code.
    func finish(_ outcome: JobOutcome) -> ExitCode {
        for transcript in outcome.transcripts {
            for entry in transcript.entries {
                switch entry {
                case .result(let text): FileHandle.standardOutput.write(Data(text.utf8))
                case .bytes(let data): FileHandle.standardOutput.write(data)
                case .message(let line): say(line)
                case .diagnostic(let diagnostic, let toStdout):
                    let colored = colorAllowed && isatty(toStdout ? 1 : 2) != 0
                    let text = (colored ? diagnostic.colored : diagnostic.formatted) + "\n"
                    (toStdout ? FileHandle.standardOutput : FileHandle.standardError).write(Data(text.utf8))
                }
            }
        }
        if let summary = outcome.summary { say(summary) }
        return ExitCode(outcome.status.rawValue)
    }

    /// Shows progress on one line of a terminal; nil when stderr is not one.
    var progressHandler: ProgressHandler? {
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        return { event in FileHandle.standardError.write(Data(("\r\u{1B}[K" + event.line).utf8)) }
    }
}

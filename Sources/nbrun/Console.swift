import ArgumentParser
import Foundation
import NBRunKit

/// The terminal: results go to stdout, everything else to stderr.
///
/// Diagnostics are coloured when the stream they go to is a terminal and `NO_COLOR`
/// is not set (https://no-color.org), and plain otherwise.
struct Console: Sendable {
    private var colorAllowed = ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true

    /// Runs `body`; an error it throws is printed, prefixed with `context`, and exits 2.
    func exitingOnError<T>(_ context: String = "", _ body: () throws -> T) throws -> T {
        do { return try body() } catch let failure {
            say("nbrun: error: " + context + failure.localizedDescription)
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
    }

    /// A line for stderr.
    func say(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    /// Prints what a job said, notebook by notebook, then its summary, and returns its exit code.
    func finish(_ outcome: JobOutcome) -> ExitCode {
        for entry in outcome.transcripts.flatMap(\.entries) {
            let stdout = entry.stream == .stdout
            let colored = colorAllowed && isatty(stdout ? STDOUT_FILENO : STDERR_FILENO) != 0
            (stdout ? FileHandle.standardOutput : FileHandle.standardError).write(entry.bytes(colored: colored))
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

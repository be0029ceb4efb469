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
            say(Transcript.Entry.errorPrefix + context + failure.localizedDescription)
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
    }

    /// A line for stderr.
    func say(_ line: String) { _ = write(Data((line + "\n").utf8), to: FileHandle.standardError) }

    /// Writes `data`; false when the stream is closed or full. (FileHandle's own `write(_:)`
    /// traps on those, and a reader that went away must not crash nbrun.)
    private func write(_ data: Data, to handle: FileHandle) -> Bool {
        (try? handle.write(contentsOf: data)) != nil
    }

    /// Prints what a job said, notebook by notebook, then its summary, and returns its exit code.
    /// When results can't be written to stdout (closed, or a full disk), it says so on stderr
    /// and exits 2: the output is incomplete.
    func finish(_ outcome: JobOutcome) -> ExitCode {
        Interrupts.holdIfInterrupted()
        var lostOutput = false
        for entry in outcome.transcripts.flatMap(\.entries) {
            let stdout = entry.stream == .stdout
            if stdout && lostOutput { continue }
            let colored = colorAllowed && isatty(stdout ? STDOUT_FILENO : STDERR_FILENO) != 0
            let written = write(
                entry.bytes(colored: colored), to: stdout ? FileHandle.standardOutput : FileHandle.standardError)
            if stdout && !written { lostOutput = true }
        }
        if let summary = outcome.summary { say(summary) }
        if lostOutput {
            say(
                Transcript.Entry.errorPrefix
                    + "can't write to stdout (closed, or the disk is full); the output is incomplete")
            return ExitCode(max(outcome.status, .badInput).rawValue)
        }
        return ExitCode(outcome.status.rawValue)
    }

    /// Shows progress on one line of a terminal; nil when stderr is not one.
    var progressHandler: ProgressHandler? {
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        return { event in _ = try? FileHandle.standardError.write(contentsOf: Data(("\r\u{1B}[K" + event.line).utf8)) }
    }
}

import Foundation
import NBRunKit

/// Checks one notebook and writes what it found into a transcript, so that the
/// output of notebooks checked in parallel stays together.
struct NotebookChecker: Sendable {
    var session: Session
    var strict: Bool
    var `repeat`: Int
    var commandLine: OutputOptions
    var annotate = ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true"

    struct Outcome: Sendable {
        var check: CheckResult?
        var transcript: Transcript
        var status: ExitStatus
    }

    func check(_ file: String) -> Outcome {
        var transcript = Transcript()
        let show: (String) -> Void = { transcript.out($0 + "\n") }
        var runs: [RunResult] = []
        for _ in 0..<`repeat` {
            switch session.execute(file, progress: false, show: runs.isEmpty ? { transcript.err($0) } : { _ in }) {
            case .success(let run): runs.append(run)
            case .failure(let status): return Outcome(check: nil, transcript: transcript, status: status)
            }
        }
        let check = CheckResult(run: runs[0], commandLine: commandLine)
        var failed = false
        for verdict in check.verdicts where verdict.kind == .failed || (strict && verdict.kind == .unchecked) {
            failed = true
            let location = verdict.location(file: file)
            let message = verdict.kind == .failed
                ? "output of \(name(verdict.cell)) differs: \(verdict.mismatch?.reason ?? "")"
                : "\(name(verdict.cell)) documents no output (--strict); run `nbrun update --add-missing \(file)`"
            show(session.console.render(Diagnostic(.error, message, at: location), stream: .stdout))
            if verdict.kind == .failed { transcript.out(verdict.diff(file: file)) }
            annotation(file: file, line: location.line, message: message)
        }
        for cell in check.run.cells where cell.status == .error {
            annotation(file: file, line: cell.error?.line ?? cell.cell.line, message: cell.error?.message ?? "the cell failed")
        }
        for flaky in flakyCells(runs) {
            failed = true
            show(session.console.render(Diagnostic(.error, "\(name(flaky)) is flaky: its output changed between runs",
                                                   at: SourceLocation(file: file, line: flaky.line)), stream: .stdout))
        }
        if check.count(.failed) > 0 {
            show("run `nbrun update \(file)` to accept the new output")
        }
        show("\(file): \(check.count(.passed)) passed, \(check.count(.failed)) failed, "
             + "\(check.count(.errored)) errored, \(check.count(.unchecked)) unchecked")
        let status: ExitStatus = failed || !session.passes(check.run) ? .cellFailed : .success
        return Outcome(check: check, transcript: transcript, status: status)

        func annotation(file: String, line: Int, message: String) {
            guard annotate else { return }
            transcript.out("::error file=\(escapeProperty(file)),line=\(line)::\(escapeData(message))\n")
        }
    }

    private func name(_ cell: Cell) -> String {
        "cell \(cell.index)" + (cell.options.id.map { " (\($0))" } ?? "")
    }

    /// Cells whose stdout was not the same in every run.
    private func flakyCells(_ runs: [RunResult]) -> [Cell] {
        guard let first = runs.first, runs.count > 1 else { return [] }
        return first.cells.filter { cell in
            runs.dropFirst().contains { run in
                run.cells.first { $0.cell.index == cell.cell.index }?.stdout != cell.stdout
            }
        }.map(\.cell)
    }

    // GitHub's workflow command escaping.
    private func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

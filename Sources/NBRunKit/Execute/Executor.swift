import Foundation

/// Runs a built notebook program and turns what it printed into cell results.
public struct Executor: Sendable {
    public var runner: any ProcessRunning
    /// Told the index of each cell as it begins, while the program runs.
    public var progress: (@Sendable (Int) -> Void)?
    /// How long the whole program may run, in seconds.
    public var timeout: TimeInterval = 600
    /// How many bytes of stdout (and of stderr) each cell keeps; the rest is cut, marked.
    public var maxOutput = 1 << 20

    public init(runner: any ProcessRunning = SystemProcessRunner(), progress: (@Sendable (Int) -> Void)? = nil) {
        self.runner = runner
        self.progress = progress
    }

    /// Runs `executable` with the notebook's folder as working directory and stdin empty.
    ///
    /// Cells in `program` are reported ok, or error for the one that stopped the program,
    /// then not-run; cells outside the program (`eval=false`) are skipped.
    public func run(_ executable: URL, program: Program, notebook: Notebook, scratch: URL) throws -> [CellResult] {
        let marker = "\u{1}nbrun-cell-\(UUID().uuidString)"
        let events = scratch.appendingPathComponent("events.jsonl")
        var environment = ProcessInfo.processInfo.environment
        environment["NBRUN_MARK"] = marker
        environment["NBRUN_EVENTS"] = events.path
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,sanitize=no"
        let directory = URL(fileURLWithPath: notebook.file).deletingLastPathComponent()
        let watcher = progress.map { EventWatcher(file: events, onBegin: $0) }
        let output = try runner.run(executable, [], environment: environment, directory: directory,
                                    deadline: Date(timeIntervalSinceNow: timeout))
        watcher?.stop()
        let trace = ExecutionTrace(
            stdout: String(decoding: output.stdout, as: UTF8.self),
            stderr: String(decoding: output.stderr, as: UTF8.self),
            events: (try? String(contentsOf: events, encoding: .utf8)) ?? "",
            marker: marker)

        var results: [CellResult] = []
        var stopped = false
        for cell in notebook.cells {
            guard program.cellIndices.contains(cell.index) else {
                results.append(CellResult(cell: cell, status: cell.options.eval ? .notRun : .skipped))
                continue
            }
            var result = CellResult(cell: cell, status: .notRun,
                                    stdout: cut(trace.stdout[cell.index] ?? ""), stderr: trace.stderr[cell.index] ?? "")
            if stopped || !trace.begun.contains(cell.index) {
                results.append(result)
                continue
            }
            if let tensors = trace.ended[cell.index] {
                result.status = .ok
                result.tensors = tensors
                result.stderr = cut(result.stderr)
            } else {
                let crash = CrashReport(stderr: result.stderr, notebookFile: notebook.file,
                                        signaled: output.signaled, status: output.status)
                result.status = .error
                result.stderr = cut(crash.userStderr)
                // Without a trapping line (a timeout, a signal), point at the cell's fence.
                let line = crash.line ?? cell.line
                result.error = CellError(message: message(for: crash, cell: cell, output: output), line: line,
                                         column: crash.column, sourceLine: notebook.line(line))
                stopped = true
            }
            results.append(result)
        }
        return results
    }

    /// Why the program stopped in `cell`: a limit nbrun enforced, or what the runtime said.
    private func message(for crash: CrashReport, cell: Cell, output: ProcessOutput) -> String {
        if output.timedOut {
            return "timed out: the notebook ran longer than its \(Self.seconds(timeout)) limit (--timeout)"
        }
        if output.outputLimitReached {
            return "stopped: the program printed more than nbrun keeps"
        }
        if output.signaled, output.status == SIGALRM, let limit = cell.options.timeout {
            return "timed out: the cell ran longer than its \(Self.seconds(limit)) limit (timeout=\(Self.number(limit)))"
        }
        return crash.message
    }

    /// `text`, cut at ``maxOutput`` bytes with a note saying how much was left out.
    private func cut(_ text: String) -> String {
        let bytes = text.utf8.count
        guard bytes > maxOutput else { return text }
        var kept = String(decoding: text.utf8.prefix(maxOutput), as: UTF8.self)
        if kept.last == "\u{FFFD}" { kept.removeLast() }  // don't end on half a character
        return kept + "\n[nbrun: output cut at \(maxOutput) bytes; \(bytes - maxOutput) more bytes not shown]\n"
    }

    private static func seconds(_ value: Double) -> String {
        number(value) + " s"
    }

    /// `1` for 1.0, `2.5` for 2.5: the number as a person would write it.
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
    }
}

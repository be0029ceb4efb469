import Foundation
@_spi(Runner) import NBRuntime

/// Runs a built notebook program and turns what it printed into what happened to each cell.
public struct Executor: Sendable {
    public var runner: any ProcessRunning
    /// Told the index of each cell as it begins, while the program runs.
    public var progress: (@Sendable (Int) -> Void)?
    /// How long the whole program may run, in seconds.
    public var timeout: TimeInterval
    /// How many bytes of stdout (and of stderr) each cell keeps; the rest is cut, marked.
    public var maxOutput: Int

    /// The limits have no defaults here: ``RunSettings`` owns them.
    public init(
        timeout: TimeInterval, maxOutput: Int, runner: any ProcessRunning = SystemProcessRunner(),
        progress: (@Sendable (Int) -> Void)? = nil
    ) {
        self.timeout = timeout
        self.maxOutput = maxOutput
        self.runner = runner
        self.progress = progress
    }

    /// One run of a program: for each of its cells that began, what it printed and how it ended.
    struct ProgramRun {
        var cells: [Int: CellRun] = [:]
        /// The cell that stopped the program, if one did.
        var stoppedAt: Int?
        /// Why the program stopped there: a limit nbrun enforced (nothing can run after it),
        /// or a trap in that cell.
        var stoppedByLimit = false
        /// Per cell marked `cache=true`, what the execution cache did (``ExecutionCacheStore``).
        var cacheEvents: [Int: RunnerEvent] = [:]
    }

    struct CellRun {
        enum Outcome: Equatable {
            case ran
            case failed(CellError)
            /// An `expect=error` cell whose child process failed, as it should.
            case failedAsExpected(CellError)
            /// An `expect=error` cell that ran without failing.
            case ranUnexpectedly
        }

        var stdout: String
        var stderr: String
        var tensors: [TensorSnapshot]
        var outcome: Outcome
        /// The cell printed more than ``Executor/maxOutput`` to stdout.
        var stdoutCut = false
        var figures: [Figure] = []
        var inspections: [Inspection] = []
        /// Set when the outputs come from the execution cache.
        var reuse: CellResult.Reuse?
    }

    /// Runs `executable` with the notebook's folder as working directory and stdin empty.
    /// `environment` adds to (or overrides) the program's environment.
    func run(
        _ executable: URL, locations: ProgramLocations, scratch: URL, environment extra: [String: String] = [:]
    ) throws -> ProgramRun {
        let notebook = locations.notebook
        let marker = "\u{1}nbrun-cell-\(UUID().uuidString)"
        let events = scratch.appendingPathComponent("events-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: events) }
        var environment = ProcessInfo.processInfo.environment
        environment[RunnerProtocol.markerVariable] = marker
        environment[RunnerProtocol.eventsVariable] = events.path
        environment["SWIFT_BACKTRACE"] =
            "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,sanitize=no"
        environment.merge(extra) { _, new in new }
        let directory = URL(fileURLWithPath: notebook.file).deletingLastPathComponent()
        let watcher = progress.map { EventWatcher(file: events, onBegin: $0) }
        // Cut per cell as it arrives, keeping --max-output bytes of each (and a tail) in memory.
        var stdoutStream = CellStream(marker: marker, headLimit: maxOutput)
        var stderrStream = CellStream(marker: marker, headLimit: maxOutput)
        let output = try runner.run(
            executable, [], environment: environment, directory: directory,
            deadline: Date(timeIntervalSinceNow: timeout)
        ) { descriptor, bytes in
            if descriptor == 1 { stdoutStream.append(bytes) } else { stderrStream.append(bytes) }
        }
        stdoutStream.finish()
        stderrStream.finish()
        watcher?.stop()
        let trace = ExecutionTrace(
            stdout: stdoutStream, stderr: stderrStream,
            events: (try? String(contentsOf: events, encoding: .utf8)) ?? "")

        var run = ProgramRun()
        run.cacheEvents = trace.cacheEvents
        for index in locations.program.cellIndices where trace.begun.contains(index) {
            guard let cell = locations.plan[index]?.cell else { continue }
            let stdout = trace.stdout[index] ?? CellStream.Text()
            // A crash report ends stderr: the tail keeps it even when the middle was dropped.
            let stderrText = trace.stderr[index] ?? CellStream.Text()
            let stderr = String(
                decoding: stderrText.head + (stderrText.omitted > 0 ? [10] : []) + stderrText.tail, as: UTF8.self)
            var result = CellRun(
                stdout: cut(stdout), stderr: cut(stderrText), tensors: trace.tensors[index] ?? [],
                outcome: .ran, stdoutCut: stdout.bytes > maxOutput,
                figures: trace.figures[index] ?? [], inspections: trace.inspections[index] ?? [])
            if let expected = trace.expectedErrors[index] {
                // The child process printed its crash report into this cell's stderr.
                if expected == .failed {
                    let crash = CrashReport(
                        stderr: stderr, signaled: false, status: 1, place: locations.notebookLocation)
                    result.stderr = cut(crash.userStderr)
                    result.outcome = .failedAsExpected(error(for: crash, cell: cell, locations: locations))
                } else {
                    result.outcome = .ranUnexpectedly
                }
            } else if !trace.ended.contains(index) {
                let crash = CrashReport(
                    stderr: stderr, signaled: output.signaled, status: output.status,
                    place: locations.notebookLocation)
                result.stderr = cut(crash.userStderr)
                var failure = error(for: crash, cell: cell, locations: locations)
                if let limit = limitMessage(cell: cell, output: output) {
                    failure = CellError(message: limit, line: cell.line, sourceLine: notebook.line(cell.line))
                    run.stoppedByLimit = output.timedOut || output.outputLimitReached
                }
                result.outcome = .failed(failure)
                run.stoppedAt = index
            }
            run.cells[index] = result
            if run.stoppedAt != nil { break }
        }
        return run
    }

    /// The error a crash report describes, at notebook lines and character columns, with
    /// the notebook lines that led to it.
    private func error(for crash: CrashReport, cell: Cell, locations: ProgramLocations) -> CellError {
        let notebook = locations.notebook
        // Without a trapping line (a signal), point at the cell's fence.
        let line = crash.line ?? cell.line
        let column = crash.line == nil ? nil : crash.column
        let callers = crash.frames.dropFirst().map { frame in
            Diagnostic(
                .note, "called from here",
                at: SourceLocation(file: notebook.file, line: frame.line, column: frame.column),
                sourceLine: notebook.line(frame.line))
        }
        return CellError(
            message: locations.userText(crash.message), line: line, column: column,
            sourceLine: notebook.line(line), callers: callers)
    }

    /// Why the program stopped in `cell` when nbrun stopped it, rather than the cell itself.
    private func limitMessage(cell: Cell, output: ProcessOutput) -> String? {
        if output.timedOut {
            return "timed out: the notebook ran longer than its \(Self.seconds(timeout)) limit (--timeout)"
        }
        if output.outputLimitReached {
            return "stopped: the program printed more than nbrun keeps"
        }
        if output.signaled, output.status == SIGALRM, let limit = cell.options.timeout {
            return
                "timed out: the cell ran longer than its \(Self.seconds(limit)) limit (timeout=\(Self.number(limit)))"
        }
        return nil
    }

    private func cut(_ text: String) -> String {
        cut(CellStream.Text(head: Array(text.utf8), bytes: text.utf8.count))
    }

    /// `text`, cut at ``maxOutput`` bytes with a note saying how much was left out.
    private func cut(_ text: CellStream.Text) -> String {
        let bytes = text.bytes
        guard bytes > maxOutput else { return String(decoding: text.head + text.tail, as: UTF8.self) }
        var kept = String(decoding: text.head.prefix(maxOutput), as: UTF8.self)
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

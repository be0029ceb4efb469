import Foundation

/// `nbrun check`: runs notebooks and compares each documented output with what its cell printed.
public struct CheckJob: Sendable {
    public var workbench: Workbench
    /// Cells that print something but document nothing fail too.
    public var strict = false
    /// Run each notebook this many times; a cell whose output changes is flaky and fails.
    public var repeatCount = 1
    /// How outputs compare, from the command line (a block's options and the front matter win).
    public var comparison = OutputOptions()
    /// Write JUnit XML here.
    public var junit: String?
    /// Print GitHub Actions annotations (`::error file=…`).
    public var annotations = false
    /// `solution` (the default) runs each notebook as written, solutions and all, and
    /// compares outputs; `student` only type-checks each notebook's student version.
    public var variant: Variant = .solution

    public init(
        workbench: Workbench, strict: Bool = false, repeatCount: Int = 1, comparison: OutputOptions = .init(),
        junit: String? = nil, annotations: Bool = false, variant: Variant = .solution
    ) {
        self.workbench = workbench
        self.strict = strict
        self.repeatCount = repeatCount
        self.comparison = comparison
        self.junit = junit
        self.annotations = annotations
        self.variant = variant
    }

    /// What checking one notebook found.
    struct NotebookCheck: Sendable {
        var file: String
        var transcript: Transcript
        var checked: CheckedRun?
        /// Why there is no check: the notebook could not be read or run.
        var problem: NotebookProblem?
        var status: ExitStatus
    }

    public func run(_ given: [String]) -> JobOutcome {
        var notes: [Transcript] = []
        let files = workbench.select(given, transcript: &notes)
        var outcome = variant == .student ? typecheckStudentVersions(files) : check(files)
        outcome.transcripts = notes + outcome.transcripts
        return outcome
    }

    private func check(_ files: [String]) -> JobOutcome {
        let checks = parallelMap(files, jobs: workbench.jobs) { check($0) }
        var outcome = JobOutcome(
            transcripts: checks.map(\.transcript),
            status: checks.map(\.status).max() ?? .success)
        if let junit {
            let report = JUnitReport(
                checks: checks.compactMap(\.checked), strict: strict,
                problems: checks.compactMap { check in check.problem.map { (check.file, $0.message) } })
            do {
                try AtomicFile().write(report.xml, to: URL(fileURLWithPath: junit))
            } catch {
                var transcript = Transcript()
                transcript.error("\(junit): can't write the JUnit report: \(error.localizedDescription)")
                outcome.transcripts.append(transcript)
                outcome.status = max(outcome.status, .badInput)
            }
        }
        if files.count != 1 { outcome.summary = Self.summary(checks) }
        return outcome
    }

    /// `nbrun check: 3 notebooks, 10 passed, 0 failed, 0 errored, 7 unchecked`, in the words
    /// each notebook's own line uses, so the totals add up.
    static func summary(_ checks: [NotebookCheck]) -> String {
        let summaries = checks.compactMap(\.checked?.summary)
        var line = "nbrun check: \(checks.count.counted("notebook")), " + RunSummary.checkCounts(summaries)
        let unread = checks.count - summaries.count
        if unread > 0 { line += "; \(unread.counted("notebook")) could not be checked" }
        return line
    }

    private func check(_ file: String) -> NotebookCheck {
        var transcript = Transcript()
        var runs: [CheckedRun] = []
        for _ in 0..<max(1, repeatCount) {
            var attempt = Transcript()
            switch workbench.execute(file, comparison: comparison, transcript: &attempt) {
            case .success(let run):
                if runs.isEmpty { transcript = attempt }
                runs.append(run)
            case .failure(let problem):
                return NotebookCheck(file: file, transcript: attempt, problem: problem, status: problem.status)
            }
        }
        let checked = runs[0]
        var failed = false
        for verdict in checked.verdicts where verdict.kind == .failed || (strict && verdict.kind == .unchecked) {
            failed = true
            let location = verdict.location(file: file)
            let message =
                verdict.kind == .failed
                ? "output of \(verdict.cell.name) differs: \(verdict.mismatch?.reason ?? "")"
                : "\(verdict.cell.name) documents no output (--strict); run `nbrun update --add-missing \(file)`"
            transcript.diagnostic(Diagnostic(.error, message, at: location), toStdout: true)
            if verdict.kind == .failed { transcript.result(verdict.diff(file: file)) }
            annotate(&transcript, file: file, line: location.line, message: message)
        }
        for cell in checked.run.cells where cell.status == .error {
            annotate(
                &transcript, file: file, line: cell.error?.line ?? cell.cell.line,
                message: cell.error?.message ?? "the cell failed")
        }
        for note in checked.notRunNotes {
            transcript.diagnostic(note, toStdout: true)
            annotate(&transcript, .warning, file: file, line: note.location?.line ?? 1, message: note.message)
        }
        for flaky in flakyCells(runs.map(\.run)) {
            failed = true
            transcript.diagnostic(
                Diagnostic(
                    .error, "\(flaky.name) is flaky: its output changed between runs",
                    at: SourceLocation(file: file, line: flaky.line)), toStdout: true)
        }
        if checked.summary.differ > 0 {
            transcript.result("run `nbrun update \(file)` to accept the new output\n")
        }
        transcript.result("\(file): \(checked.summary.checkCounts)\n")
        let passes = !failed && checked.ok && workbench.passes(checked)
        return NotebookCheck(
            file: file, transcript: transcript, checked: checked, status: passes ? .success : .cellFailed)
    }

    /// `check --variant student`: every notebook's student version type-checks.
    private func typecheckStudentVersions(_ files: [String]) -> JobOutcome {
        let results = parallelMap(files, jobs: workbench.jobs) { file -> (Transcript, ExitStatus) in
            var transcript = Transcript()
            let student: Notebook
            switch workbench.load(file, variant: .student, disablingExercises: false, transcript: &transcript) {
            case .success(let notebook): student = notebook
            case .failure(let problem): return (transcript, problem.status)
            }
            let errors: [Diagnostic]
            do {
                errors = try workbench.typecheck(student)
            } catch {
                transcript.error("\(file): \(error.localizedDescription)")
                return (transcript, .badInput)
            }
            for error in errors {
                transcript.diagnostic(error, toStdout: true)
                annotate(&transcript, file: file, line: error.location?.line ?? 1, message: error.message)
            }
            let exercises = student.versionInfo?.exercises.count ?? 0
            let what = exercises == 0 ? "marks no solutions" : "has \(exercises.counted("exercise cell"))"
            transcript.result(
                "\(file): "
                    + (errors.isEmpty
                        ? "the student version type-checks (it \(what))\n"
                        : "the student version does not type-check: \(errors.count.counted("error"))\n"))
            return (transcript, errors.isEmpty ? .success : .cellFailed)
        }
        var outcome = JobOutcome(transcripts: results.map(\.0), status: results.map(\.1).max() ?? .success)
        if files.count != 1 {
            let passed = results.filter { $0.1 == .success }.count
            outcome.summary =
                "nbrun check --variant student: \(files.count.counted("notebook")), "
                + "\(passed) type-check, \(files.count - passed) don't"
        }
        return outcome
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

    /// A GitHub Actions annotation (`::error file=…,line=…::message`), when they are on.
    private func annotate(
        _ transcript: inout Transcript, _ severity: Diagnostic.Severity = .error, file: String, line: Int,
        message: String
    ) {
        guard annotations else { return }
        transcript.result(
            "::\(severity == .error ? "error" : "warning") file=\(Escape.workflowProperty(file)),line=\(line)::"
                + Escape.workflowData(message) + "\n")
    }
}

import Foundation

/// `nbrun update`: runs notebooks and writes what each cell printed into its documented output.
///
/// Only output blocks that no longer match change. A notebook that doesn't compile is
/// left alone, and an output that nbrun cut (`--max-output`) is never written into one:
/// the summary line says what was not written and why, and the exit status is 1.
public struct UpdateJob: Sendable {
    public var workbench: Workbench
    /// Insert an output block after each cell that prints something but documents nothing.
    public var addMissing = false
    public var comparison = OutputOptions()
    /// Write even when the notebook changed while it ran (the edits made meanwhile are lost).
    public var force = false

    public init(
        workbench: Workbench, addMissing: Bool = false, comparison: OutputOptions = .init(), force: Bool = false
    ) {
        self.workbench = workbench
        self.addMissing = addMissing
        self.comparison = comparison
        self.force = force
    }

    public func run(_ given: [String]) -> JobOutcome {
        var notes: [Transcript] = []
        let files = workbench.select(given, transcript: &notes)
        let results = parallelMap(files, jobs: workbench.jobs) { update($0) }
        return JobOutcome(transcripts: notes + results.map(\.0), status: results.map(\.1).max() ?? .success)
    }

    private func update(_ file: String) -> (Transcript, ExitStatus) {
        var transcript = Transcript()
        let url = URL(fileURLWithPath: file)
        if AtomicFile.isReadOnly(url) {
            transcript.error("\(file): the notebook is read-only, so update won't replace it (chmod u+w)")
            return (transcript, .badInput)
        }
        guard case .success(let checked) = workbench.execute(file, comparison: comparison, transcript: &transcript)
        else {
            return (transcript, .badInput)
        }
        let run = checked.run
        var check = checked.check
        // An output nbrun cut is not what the cell printed: never document it.
        var notWritten = 0
        for (index, verdict) in check.verdicts.enumerated() where verdict.kind == .failed || verdict.kind == .unchecked
        {
            guard run.cells.first(where: { $0.cell.index == verdict.cell.index })?.outputCut == true else { continue }
            if verdict.kind == .failed || addMissing {
                notWritten += 1
                transcript.diagnostic(
                    Diagnostic(
                        .warning,
                        "\(verdict.cell.name) printed more than --max-output keeps "
                            + "(\(workbench.runner.executor.maxOutput) bytes), so its output was not written; "
                            + "raise --max-output to document it",
                        at: verdict.location(file: file)))
            }
            check.verdicts[index].kind = .ignored
        }
        for note in checked.notRunNotes { transcript.diagnostic(note) }
        // What was left as it was, and why: nothing reads "up to date" while it isn't.
        var leftOut: [String] = []
        if notWritten > 0 { leftOut.append(notWritten.counted("output") + " not written (more than --max-output)") }
        if !checked.summary.allRan { leftOut.append(checked.summary.line) }
        if run.diagnostics.contains(where: { $0.severity == .error }) {
            transcript.result("\(file): not updated, because it doesn't compile\n")
        } else if let rewrite = NotebookUpdater(addMissing: addMissing).rewrite(check) {
            do {
                // The notebook as it was read: a save made while the cells ran must not be lost.
                let original = force ? nil : Data(run.notebook.text.utf8)
                try AtomicFile().write(rewrite.text, to: url, replacing: original)
            } catch is AtomicFile.ChangedMeanwhile {
                transcript.error(
                    "\(file): the notebook changed while nbrun ran; nothing written "
                        + "(run update again, or pass --force to overwrite the changes)")
                return (transcript, .notebookChanged)
            } catch {
                transcript.error("\(file): can't write: \(error.localizedDescription)")
                return (transcript, .badInput)
            }
            var changes: [String] = []
            if rewrite.rewritten > 0 { changes.append("updated \(rewrite.rewritten.counted("output"))") }
            if rewrite.added > 0 { changes.append("added \(rewrite.added)") }
            transcript.result("\(file): " + (changes + leftOut).joined(separator: ", ") + "\n")
        } else {
            transcript.result(
                "\(file): " + (leftOut.isEmpty ? "up to date" : "nothing written; " + leftOut.joined(separator: ", "))
                    + "\n")
        }
        if notWritten > 0 { return (transcript, .cellFailed) }
        return (transcript, workbench.passes(checked) ? .success : .cellFailed)
    }
}

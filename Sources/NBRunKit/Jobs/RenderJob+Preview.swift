import Foundation

/// A page `nbrun preview` shows for a save.
public struct PreviewPage: Sendable {
    public var transcript: Transcript
    /// The HTML report; nil when the notebook couldn't be read or rendered.
    public var html: String?
    /// Whether the notebook compiled as saved: when it didn't, the preview keeps showing the
    /// last page that did, with these diagnostics.
    public var compiles: Bool
    /// Where the outputs come from when not simply from a fresh run, or what the fresh run
    /// that checked them found; nil for a plain fresh run.
    public var note: String?
    /// False while a fresh run is still to check the outputs shown.
    public var settled = true
}

extension RenderJob {
    /// An edit session for `nbrun preview`: its checkpoints live in a scratch folder.
    public func editSession() throws -> EditSession {
        EditSession(runner: workbench.runner, pool: try CheckpointPool(folder: ScratchFolders.make()))
    }

    /// Runs the notebook after a save, for a live preview, and gives `show` each page.
    ///
    /// First the quickest honest page: the last run's outputs when the program didn't
    /// change, or the cells after a checkpoint run again (see ``EditSession``), marked as
    /// such. Then the page of a fresh run of the whole notebook, saying whether it changed
    /// anything; that one alone when there was nothing to reuse. `cellBegins` hears each
    /// cell begin, in either run. Once `isCancelled` says a newer save came, nothing more
    /// is shown.
    public func preview(
        _ file: String, in session: EditSession, show: (PreviewPage) -> Void,
        cellBegins: (@Sendable (Int) -> Void)? = nil, isCancelled: () -> Bool = { false }
    ) {
        var job = self
        job.format = .html
        let started = Date()
        var loading = Transcript()
        guard case .success(let notebook) = workbench.load(file, variant: variant, transcript: &loading) else {
            show(PreviewPage(transcript: loading, html: nil, compiles: false))
            return
        }
        var quick: RunResult?
        if let (result, how) = try? session.quickRun(notebook, cellBegins: cellBegins), !isCancelled() {
            quick = result
            let note =
                switch how {
                case .sameProgram:
                    "The code didn't change: these are the last run's outputs, marked as reused. "
                        + "A fresh run is checking them…"
                case .resumed(let cell):
                    "Cells after cell \(cell) ran again on the state a checkpoint kept; the outputs before "
                        + "them are the last run's. A fresh run is checking them all…"
                }
            show(job.page(result, of: notebook, file: file, transcript: loading, since: started, note: note))
        }
        guard !isCancelled() else { return }
        let fresh: RunResult
        do {
            fresh = try session.freshRun(notebook, cellBegins: cellBegins, isCancelled: isCancelled)
        } catch {
            var transcript = loading
            transcript.error("\(file): \(error.localizedDescription)")
            show(PreviewPage(transcript: transcript, html: nil, compiles: false))
            return
        }
        guard !isCancelled() else { return }
        let note = quick.map { quick -> String in
            let changed = fresh.cellsDiffering(from: quick)
            if changed.isEmpty { return "Verified: a fresh run of the whole notebook gives these same outputs." }
            let cells = changed.map(String.init).joined(separator: ", ")
            return "A fresh run of the whole notebook changed "
                + (changed.count == 1 ? "cell \(cells)" : "cells \(cells)") + "; these are its outputs."
        }
        var page = job.page(fresh, of: notebook, file: file, transcript: loading, since: started, note: note)
        page.settled = true
        show(page)
    }

    /// The page for one result, and what the transcript says of it.
    private func page(
        _ result: RunResult, of notebook: Notebook, file: String, transcript loading: Transcript, since started: Date,
        note: String?
    ) -> PreviewPage {
        var rendered = RenderedNotebook(transcript: loading)
        workbench.tell(result, of: notebook, file: file, transcript: &rendered.transcript)
        let checked = CheckedRun(result)
        renderReport(of: checked, into: &rendered, template: nil, figureFolder: nil)
        let compiles = !result.diagnostics.contains { $0.severity == .error }
        let seconds = String(format: "%.2fs", Date().timeIntervalSince(started))
        let reused = result.cells.contains { $0.reuse != nil }
        if compiles {
            rendered.transcript.message(
                "\(file): \(checked.summary.line) in \(seconds)"
                    + (reused ? " (outputs reused until a fresh run checks them)" : ""))
        } else {
            rendered.transcript.message("\(file): doesn't compile (\(seconds)); the page keeps the last good outputs")
        }
        return PreviewPage(
            transcript: rendered.transcript, html: rendered.text, compiles: compiles, note: note, settled: !reused)
    }
}

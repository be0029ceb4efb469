import ArgumentParser
import Foundation
import NBPreview
import NBRunKit

struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve a notebook's HTML report, and run the notebook again on every save.",
        discussion:
            "The page reloads after each run; a save that doesn't compile shows its errors above the last outputs.")

    @Option(help: "The TCP port to serve on; 0 picks a free one.") var port: UInt16 = 8000
    @Option(help: "The address to listen on. The default, 127.0.0.1, lets in only this machine.") var host = "127.0.0.1"
    @Flag(help: "Open the page in the desktop's browser (xdg-open).") var open = false
    @OptionGroup var options: RunOptions
    @Argument(help: "The notebook to preview.") var file: String

    func run() throws {
        let job = RenderJob(workbench: try options.workbench())
        let console = Console()
        let file = self.file
        let open = self.open
        let session = try console.exitingOnError { try job.editSession() }
        let address = PreviewAddress(host: host, port: port)
        let preview = LivePreview(file: URL(fileURLWithPath: file), address: address) { run in
            // A newer save stops this run's programs and compiles.
            run.onCancel { SystemProcessRunner.killRunningChildren() }
            job.preview(
                file, in: session,
                show: { page in
                    _ = console.finish(JobOutcome(transcripts: [page.transcript]))
                    let note = page.note.map { PreviewNote($0, settled: page.settled) }
                    if page.compiles, let html = page.html {
                        run.publish(.report(html), note: note)
                    } else {
                        run.publish(.failed(diagnostics: page.transcript.stderrText, report: page.html))
                    }
                }, cellBegins: { run.cellBegins($0) }, isCancelled: { run.isCancelled })
        }
        try console.exitingOnError {
            try preview.serve { url in
                console.say("nbrun: previewing \(file) at \(url.absoluteString) (Ctrl-C stops)")
                do { if open { try LivePreview.openInBrowser(url) } } catch { console.say("nbrun: \(error)") }
            }
        }
    }
}

import ArgumentParser
import Dispatch
import Foundation
import NBPreview
import NBRunKit

struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve a notebook's HTML report, and run the notebook again on every save.",
        discussion: """
            The page reloads itself after each run and keeps its place. When a save doesn't \
            compile, the page shows the diagnostics above the last good outputs, marked stale. \
            Ctrl-C stops the preview.
            """)

    @Option(help: "The TCP port to serve on; 0 picks a free one.")
    var port: UInt16 = 8000

    @Option(help: "The address to listen on. The default, 127.0.0.1, lets in only this machine.")
    var host = "127.0.0.1"

    @Flag(help: "Open the page in the desktop's browser (xdg-open).")
    var open = false

    @OptionGroup var options: RunOptions

    @Argument(help: "The notebook to preview.")
    var file: String

    func run() throws {
        let session = try Session(options: options)
        guard FileManager.default.isReadableFile(atPath: file) else {
            session.console.error("\(file): no such notebook, or it can't be read")
            throw ExitStatus.badInput.exitCode
        }
        let preview = LivePreview(file: URL(fileURLWithPath: file), address: PreviewAddress(host: host, port: port)) {
            [file] in session.preview(file)
        }
        let console = session.console, open = self.open
        do {
            try Self.waiting {
                try await preview.run { url in
                    console.status("nbrun: previewing \(file) at \(url.absoluteString) (Ctrl-C stops)")
                    if open { Self.openInBrowser(url, console: console) }
                }
            }
        } catch {
            console.error(error.localizedDescription)
            throw ExitStatus.badInput.exitCode
        }
    }

    /// Runs `body` on Swift's concurrency threads while this thread waits for it to end.
    private static func waiting(for body: @escaping @Sendable () async throws -> Void) throws {
        final class Ending: @unchecked Sendable {
            // @unchecked: written before `done.signal()`, read after `done.wait()`.
            var error: (any Error)?
            let done = DispatchSemaphore(value: 0)
        }
        let ending = Ending()
        Task {
            do { try await body() } catch { ending.error = error }
            ending.done.signal()
        }
        ending.done.wait()
        if let error = ending.error { throw error }
    }

    /// Starts `xdg-open` and doesn't wait for it: some browsers keep it until they close.
    private static func openInBrowser(_ url: URL, console: Console) {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let opener = Process()
        opener.arguments = [url.absoluteString]
        opener.standardOutput = FileHandle.nullDevice
        opener.standardError = FileHandle.nullDevice
        do {
            guard let xdgOpen = path.split(separator: ":").map({ URL(fileURLWithPath: String($0) + "/xdg-open") })
                .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw CocoaError(.fileNoSuchFile)
            }
            opener.executableURL = xdgOpen
            try opener.run()
        } catch {
            console.status("nbrun: can't start xdg-open (Debian package xdg-utils); open \(url.absoluteString) in a browser")
        }
    }
}

extension Session {
    /// Runs the notebook and renders its HTML report for the preview: the one place
    /// where the preview meets the runner.
    func preview(_ file: String) -> PreviewOutcome {
        let started = Date()
        var shown: [String] = []
        let show = { (text: String) in console.status(text); shown.append(text) }
        let run: RunResult
        switch execute(file, progress: false, show: show) {
        case .success(let result): run = result
        case .failure: return .failed(diagnostics: Self.plain(shown), report: nil)
        }
        let html: String
        do {
            html = try Report(result: run, template: template, unsafeHTML: unsafeHTML).render(to: .html)
        } catch {
            show("nbrun: error: \(error.localizedDescription)")
            return .failed(diagnostics: Self.plain(shown), report: nil)
        }
        let seconds = String(format: "%.2fs", Date().timeIntervalSince(started))
        if run.diagnostics.contains(where: { $0.severity == .error }) {
            console.status("\(file): doesn't compile (\(seconds)); the page keeps the last good outputs")
            return .failed(diagnostics: Self.plain(shown), report: html)
        }
        let failed = run.cells.filter { $0.status == .error }.count
        console.status("\(file): " + (failed == 0 ? "\(run.cells.count) cells ok" : "\(failed) failed") + " in \(seconds)")
        return .report(html)
    }

    /// Diagnostics as the page shows them: without the terminal's colours.
    private static func plain(_ lines: [String]) -> String {
        lines.joined(separator: "\n").replacing(/\x{1B}\[[0-9;]*m/, with: "")
    }
}

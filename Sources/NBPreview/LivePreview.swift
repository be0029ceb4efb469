import Dispatch
import FlyingFox
import FlyingSocks
import Foundation

/// `nbrun preview`: serves a notebook's HTML report, runs the notebook again on every
/// save, and tells the open pages to reload.
///
/// The preview knows nothing of notebooks. ``render`` runs one and renders its report;
/// it is called on a thread of its own, one run at a time, and saves made during a run
/// are merged into one more run. Pages hear of a new report through Server-Sent Events
/// at `/events`.
public struct LivePreview: Sendable {
    public typealias Render = @Sendable () -> PreviewOutcome

    public var file: URL
    public var address: PreviewAddress
    public var render: Render
    /// How often an idle event stream gets a comment, so a closed page is noticed.
    public var pingInterval: Duration = .seconds(15)

    public init(file: URL, address: PreviewAddress = PreviewAddress(), render: @escaping Render) {
        self.file = file
        self.address = address
        self.render = render
    }

    /// Listens, runs the notebook, and serves until the task is cancelled.
    ///
    /// `listening` gets the page's URL once the socket is bound, before the first run
    /// ends (the page says it is waiting until then). Throws ``PreviewError``.
    public func run(listening: @escaping @Sendable (URL) -> Void) async throws {
        let watcher: FileWatcher
        do { watcher = try FileWatcher(file: file) } catch {
            throw PreviewError.cannotWatch(error.localizedDescription)
        }
        defer { watcher.stop() }
        let state = PreviewState()
        let server = HTTPServer(address: try address.socketAddress(), logger: .disabled)
        await route(server, to: state)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [address] in
                do {
                    try await server.run()
                } catch  where !Task.isCancelled {
                    let reason = (error as? SocketError).flatMap {
                        if case .failed(_, _, let message) = $0 { message } else { nil }
                    }
                    throw PreviewError.cannotListen(
                        "\(address.host):\(address.port)", reason ?? error.localizedDescription)
                }
            }
            group.addTask { [address] in
                try await server.waitUntilListening(timeout: 30)
                switch await server.listeningAddress {
                case .ip4(_, let port)?, .ip6(_, let port)?: listening(address.url(port: port))
                default: break
                }
            }
            group.addTask { [render] in
                let runs = DispatchQueue(label: "nbrun.preview.render")
                func runOnce() async -> PreviewOutcome {
                    await withCheckedContinuation { done in runs.async { done.resume(returning: render()) } }
                }
                await state.publish(await runOnce())
                for await _ in watcher.saves {
                    await state.running()
                    await state.publish(await runOnce())
                }
            }
            group.addTask { [pingInterval] in
                while true {
                    try await Task.sleep(for: pingInterval)
                    await state.ping()
                }
            }
            while try await group.next() != nil {}
        }
    }

    private func route(_ server: HTTPServer, to state: PreviewState) async {
        let address = self.address
        let forbidden = HTTPResponse(
            statusCode: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
            body: Data("this preview answers only to localhost and 127.0.0.1\n".utf8))
        await server.appendRoute("GET /") { request in
            guard address.accepts(hostHeader: request.headers[.host]) else { return forbidden }
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: Data(await state.page.html.utf8))
        }
        await server.appendRoute("GET /events") { request in
            guard address.accepts(hostHeader: request.headers[.host]) else { return forbidden }
            let events = await state.listen(since: request.query["since"].flatMap { Int($0) })
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: HTTPBodySequence(from: EventStreamBody(events: events)))
        }
    }
}

extension LivePreview {
    /// ``run(listening:)`` for a synchronous caller: blocks this thread until the preview
    /// ends (Ctrl-C ends the process), running the server on Swift's concurrency threads.
    public func serve(listening: @escaping @Sendable (URL) -> Void) throws {
        final class Ending: @unchecked Sendable {
            // @unchecked: written before `done.signal()`, read after `done.wait()`.
            var error: (any Error)?
            let done = DispatchSemaphore(value: 0)
        }
        let ending = Ending()
        Task {
            do { try await run(listening: listening) } catch { ending.error = error }
            ending.done.signal()
        }
        ending.done.wait()
        if let error = ending.error { throw error }
    }

    /// Opens `url` in the desktop's browser with `xdg-open`, without waiting for it (some
    /// browsers keep it until they close). Throws when there is no `xdg-open`.
    public static func openInBrowser(_ url: URL) throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        guard
            let xdgOpen = path.split(separator: ":").map({ URL(fileURLWithPath: String($0) + "/xdg-open") })
                .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
        else { throw PreviewError.noBrowserOpener }
        let opener = Process()
        opener.executableURL = xdgOpen
        opener.arguments = [url.absoluteString]
        opener.standardOutput = FileHandle.nullDevice
        opener.standardError = FileHandle.nullDevice
        try opener.run()
    }
}

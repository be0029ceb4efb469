import Dispatch
import Foundation
import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// `nbrun preview`: serves a notebook's HTML report, runs the notebook again on every
/// save, and tells the open pages to reload.
///
/// The preview knows nothing of notebooks. ``session`` runs one and publishes its pages
/// (a quick one marked as reused, then a fresh run's) and the cells it begins; it is
/// called on a thread of its own, one run at a time, and a save made during a run cancels
/// it and starts another. Pages hear of a new report, and of a run's progress, through
/// Server-Sent Events at `/events`.
///
/// The server is HummingbirdCore's HTTP/1 server on SwiftNIO: its decoder is linear in the
/// request's size and stops at ``ConnectionGuard/requestHeadLimit`` (431), a request head
/// must arrive within ``headDeadline``, idle connections close after ``idleTimeout``, and
/// no connection holds a thread while it waits.
public struct LivePreview: Sendable {
    public typealias Render = @Sendable () -> PreviewOutcome
    /// Runs the notebook once, telling `run` what to show (see ``PreviewRun``).
    public typealias Session = @Sendable (PreviewRun) -> Void

    public var file: URL
    public var address: PreviewAddress
    public var session: Session
    /// How often an idle event stream gets a comment, so a closed page is noticed.
    public var pingInterval: Duration = .seconds(15)
    /// How long a client may take to send a request's line and headers.
    public var headDeadline: Duration = .seconds(10)
    /// How long a kept-alive connection may stay quiet between requests.
    public var idleTimeout: Duration = .seconds(60)
    /// The most connections served at once (pages, their event streams, and anyone else).
    public var maximumConnections = 256

    /// A preview whose every run shows one page, `render`'s.
    public init(file: URL, address: PreviewAddress = PreviewAddress(), render: @escaping Render) {
        self.init(file: file, address: address) { run in run.publish(render()) }
    }

    /// A preview whose runs may show several pages each, and their progress. A save made
    /// while a run is going cancels it, and a new run follows.
    public init(file: URL, address: PreviewAddress = PreviewAddress(), session: @escaping Session) {
        self.file = file
        self.address = address
        self.session = session
    }

    /// Listens, runs the notebook, and serves until the task is cancelled.
    ///
    /// `listening` gets the page's URL once the socket is bound, before the first run
    /// ends (the page says it is waiting until then). Throws ``PreviewError``.
    public func run(listening: @escaping @Sendable (URL) -> Void) async throws {
        let bindHost = try address.bindHost()
        let watcher: FileWatcher
        do { watcher = try FileWatcher(file: file) } catch {
            throw PreviewError.cannotWatch(error.localizedDescription)
        }
        defer { watcher.stop() }
        let state = PreviewState()
        let boundPort = Mutex<Int?>(nil)
        let shutdown = ServerShutdown()
        let server = Server(
            childChannelSetup: HTTP1Channel(
                responder: responder(state: state, shutdown: shutdown, port: { boundPort.withLock { $0 } }),
                configuration: .init(
                    additionalChannelHandlers: [ConnectionGuard(headDeadline: .init(headDeadline))],
                    idleTimeout: .init(idleTimeout),
                    httpDecoderConfiguration: .init(
                        maxHeaderFieldSize: ConnectionGuard.requestHeadLimit,
                        maxHeaderListSize: ConnectionGuard.requestHeadLimit, maxHeaderFieldCount: 100))),
            configuration: ServerConfiguration(
                address: .hostname(bindHost, port: Int(address.port)),
                availableConnectionsDelegate: MaximumAvailableConnections(maximumConnections)),
            onServerRunning: { [address] channel in
                guard let port = channel.localAddress?.port else { return }
                boundPort.withLock { $0 = port }
                listening(address.url(port: UInt16(port)))
            },
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: Logger(label: "nbrun.preview") { _ in SwiftLogNoOpLogHandler() })

        // Not a child task: cancelling this one stops the server gracefully instead (see ServerShutdown).
        let serving = Task { try await server.run() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [address] in
                do {
                    try await withTaskCancellationHandler {
                        try await serving.value
                    } onCancel: {
                        shutdown.close()
                        Task { try? await server.shutdownGracefully() }
                    }
                } catch  where !Task.isCancelled {
                    let reason = (error as? IOError).map { String(cString: strerror($0.errnoCode)) }
                    throw PreviewError.cannotListen(
                        "\(address.host):\(address.port)", reason ?? "\(error)")
                }
            }
            group.addTask { [session] in
                // One run at a time, in order; a save cancels the run going on.
                let runs = DispatchQueue(label: "nbrun.preview.render")
                func start() -> PreviewRun {
                    let run = PreviewRun()
                    Task {
                        for await event in run.events where !run.isCancelled {
                            switch event {
                            case .page(let outcome, let note): await state.publish(outcome, note: note)
                            case .progress(let cell): await state.progress(cell)
                            }
                        }
                    }
                    runs.async {
                        if !run.isCancelled { session(run) }
                        run.finish()
                    }
                    return run
                }
                var current = start()
                for await _ in watcher.saves {
                    current.cancel()
                    await state.running()
                    current = start()
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

    /// Answers `GET /` with the page and `GET /events` with its event stream, to requests
    /// whose `Host` names this preview; anything else is 403, 404 or 405.
    private func responder(
        state: PreviewState, shutdown: ServerShutdown, port: @escaping @Sendable () -> Int?
    ) -> HTTPChannelHandler.Responder {
        let address = self.address
        return { request, writer, _ in
            let text = "text/plain; charset=utf-8"
            let plain: (status: HTTPResponse.Status, type: String, body: String)?
            if let port = port(), address.accepts(hostHeader: request.head.authority, port: port) {
                plain =
                    switch (request.method, request.uri.path) {
                    case (.get, "/"): (.ok, "text/html; charset=utf-8", await state.page.html)
                    case (.get, "/events"): nil
                    case (_, "/"), (_, "/events"): (.methodNotAllowed, text, "the preview only answers GET\n")
                    default: (.notFound, text, "not found\n")
                    }
            } else {
                plain = (.forbidden, text, "this preview answers only to \(address.names)\n")
            }
            if let plain {
                let body = ByteBuffer(string: plain.body)
                let head = HTTPResponse(
                    status: plain.status,
                    headerFields: [
                        .contentType: plain.type, .cacheControl: "no-store", .contentLength: "\(body.readableBytes)"
                    ])
                try await writer.write(response: head, body: .init(byteBuffer: body))
                return
            }
            let events = shutdown.until(
                await state.listen(since: request.uri.queryParameters["since"].flatMap { Int($0) }))
            var body = try await writer.writeHead(
                HTTPResponse(status: .ok, headerFields: [.contentType: "text/event-stream", .cacheControl: "no-store"]))
            for await event in events {
                try await body.write(ByteBuffer(string: event.text))
            }
            try await body.finish(nil)
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

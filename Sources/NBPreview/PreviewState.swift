import Foundation

/// What the preview shows now, and who is waiting to hear that it changed.
actor PreviewState {
    /// Goes up by one each time the page changes.
    private(set) var version = 0
    private var lastGood: String?
    private var failure: (diagnostics: String, report: String?)?
    private var note: PreviewNote?
    private var listeners: [UUID: AsyncStream<ServerEvent>.Continuation] = [:]

    /// The page as it stands.
    var page: LivePage {
        guard let failure else { return LivePage(report: lastGood, version: version, note: note) }
        return LivePage(
            report: lastGood ?? failure.report, problems: failure.diagnostics,
            stale: lastGood != nil, version: version)
    }

    /// Takes a run's outcome (and what it says of its outputs) and tells every listener to reload.
    func publish(_ outcome: PreviewOutcome, note: PreviewNote? = nil) {
        switch outcome {
        case .report(let html):
            lastGood = html
            failure = nil
            self.note = note
        case .failed(let diagnostics, let report):
            failure = (diagnostics, report)
        }
        version += 1
        broadcast(.reload(version))
    }

    /// Tells every listener that a save was seen and the notebook is running.
    func running() {
        broadcast(.running)
    }

    /// Tells every listener that the run has begun cell `cell`.
    func progress(_ cell: Int) {
        broadcast(.progress(cell))
    }

    /// Keeps idle connections open, and finds the ones whose reader went away.
    func ping() {
        broadcast(.ping)
    }

    /// Events from now on. A page older than `since` hears at once that it should reload.
    func listen(since: Int?) -> AsyncStream<ServerEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ServerEvent.self, bufferingPolicy: .bufferingNewest(8))
        let id = UUID()
        continuation.yield(.hello)
        if let since, since != version { continuation.yield(.reload(version)) }
        continuation.onTermination = { _ in Task { await self.forget(id) } }
        listeners[id] = continuation
        return stream
    }

    /// How many pages are listening; for tests.
    var listenerCount: Int { listeners.count }

    private func forget(_ id: UUID) {
        listeners[id] = nil
    }

    private func broadcast(_ event: ServerEvent) {
        for (id, listener) in listeners {
            if case .terminated = listener.yield(event) { listeners[id] = nil }
        }
    }
}

/// One Server-Sent Event of the `/events` stream.
enum ServerEvent: Equatable, Sendable {
    /// First on every stream: how soon to reconnect.
    case hello
    case running
    case reload(Int)
    /// The run has begun this cell.
    case progress(Int)
    case ping

    /// The event as the `text/event-stream` format writes it.
    var text: String {
        switch self {
        case .hello: "retry: 500\n\n"
        case .running: "event: running\ndata: \n\n"
        case .reload(let version): "event: reload\ndata: \(version)\n\n"
        case .progress(let cell): "event: progress\ndata: \(cell)\n\n"
        case .ping: ": ping\n\n"
        }
    }
}

import Synchronization

/// Ends the preview's event streams when its server shuts down.
///
/// The server stops gracefully (it stops accepting, and waits for each connection to end)
/// rather than by cancellation, which in HummingbirdCore 2.28 can drop a connection that
/// was accepted but not yet handled, and NIO traps on that. An event stream never ends by
/// itself, so ``close()`` ends them all.
final class ServerShutdown: Sendable {
    private let state = Mutex<(closed: Bool, streams: [Int: @Sendable () -> Void], next: Int)>((false, [:], 0))

    /// Ends every stream ``until(_:)`` made, now and from now on.
    func close() {
        let finishers = state.withLock { state in
            state.closed = true
            defer { state.streams = [:] }
            return Array(state.streams.values)
        }
        for finish in finishers { finish() }
    }

    /// `events`, ending when they do or when ``close()`` is called, whichever comes first.
    func until<Element: Sendable>(_ events: AsyncStream<Element>) -> AsyncStream<Element> {
        let (stream, continuation) = AsyncStream.makeStream(of: Element.self)
        let id: Int? = state.withLock { state in
            guard !state.closed else { return nil }
            state.next += 1
            state.streams[state.next] = { continuation.finish() }
            return state.next
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        let forward = Task {
            for await event in events { continuation.yield(event) }
            continuation.finish()
        }
        continuation.onTermination = { [weak self] _ in
            forward.cancel()
            self?.state.withLock { _ = $0.streams.removeValue(forKey: id) }
        }
        return stream
    }
}

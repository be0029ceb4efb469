import Synchronization

/// One run of the notebook as the preview sees it, for the closure that does the run:
/// the run can show several pages in turn (a quick one, then the one a fresh run gives),
/// say which cell it has begun, and hear that a newer save has made it pointless.
///
/// What a run publishes after it was cancelled is dropped.
public final class PreviewRun: Sendable {
    enum Event: Sendable {
        case page(PreviewOutcome, PreviewNote?)
        case progress(Int)
    }

    let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    private let cancelled = Atomic(false)
    private let cancelHandlers = Mutex<[@Sendable () -> Void]>([])

    init() {
        (events, continuation) = AsyncStream.makeStream(of: Event.self)
    }

    /// Shows `outcome` as the page, with `note` saying where its outputs come from.
    public func publish(_ outcome: PreviewOutcome, note: PreviewNote? = nil) {
        continuation.yield(.page(outcome, note))
    }

    /// Tells open pages that cell `index` has begun.
    public func cellBegins(_ index: Int) {
        continuation.yield(.progress(index))
    }

    /// Whether a newer save has made this run pointless.
    public var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    /// `handler` runs (on another thread) when a newer save cancels the run, or at once
    /// if it already has: it should stop what the run is waiting for.
    public func onCancel(_ handler: @escaping @Sendable () -> Void) {
        let now = cancelHandlers.withLock { handlers in
            if isCancelled { return true }
            handlers.append(handler)
            return false
        }
        if now { handler() }
    }

    func cancel() {
        let handlers = cancelHandlers.withLock { handlers in
            cancelled.store(true, ordering: .releasing)
            defer { handlers = [] }
            return handlers
        }
        for handler in handlers { handler() }
    }

    func finish() {
        continuation.finish()
    }
}

/// A line the page shows about where its outputs come from.
public struct PreviewNote: Sendable, Equatable {
    public var text: String
    /// False while a fresh run is still checking the outputs shown.
    public var settled: Bool

    public init(_ text: String, settled: Bool) {
        self.text = text
        self.settled = settled
    }
}

import Foundation
import Synchronization

/// `transform` applied to every item, at most `jobs` at once, results in the items' order.
///
/// Threads rather than tasks: each transform blocks on a child process for seconds, which
/// would starve Swift concurrency's small cooperative pool.
public func parallelMap<T: Sendable, U: Sendable>(
    _ items: [T], jobs: Int,
    _ transform: @escaping @Sendable (T) -> U
) -> [U] {
    guard jobs > 1, items.count > 1 else { return items.map(transform) }
    let slots = ResultSlots<U>(count: items.count)
    let queue = OperationQueue()
    queue.maxConcurrentOperationCount = jobs
    for (index, item) in items.enumerated() {
        queue.addOperation { slots.set(index, transform(item)) }
    }
    queue.waitUntilAllOperationsAreFinished()
    return slots.values
}

/// One slot per item, each filled once by whichever thread ran it.
private final class ResultSlots<U: Sendable>: Sendable {
    private let slots: Mutex<[U?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: U) { slots.withLock { $0[index] = value } }

    var values: [U] { slots.withLock { $0.map { $0! } } }
}

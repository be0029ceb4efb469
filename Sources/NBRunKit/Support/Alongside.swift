import Foundation
import Synchronization

/// Runs `side` on a thread of its own while `main` runs on the calling thread, and returns
/// when both are done: `main`'s result (or its error) and `side`'s.
///
/// Fork and join in one call, so no work outlives it. A thread rather than a task: `main`
/// is synchronous and blocks for the length of a compile (as `parallelMap`'s transforms
/// do), and the callers are synchronous all the way up to the command line. What `side`
/// does must not depend on `main`, and should be cheap beside it: on two cores it is
/// free only while `main` waits for a child process.
func alongside<Side: Sendable, Main>(
    _ side: @escaping @Sendable () -> Side, _ main: () throws -> Main
) rethrows -> (Main, Side) {
    let slot = SideResult<Side>()
    Thread.detachNewThread { slot.set(side()) }
    let result: Main
    do {
        result = try main()
    } catch {
        _ = slot.wait()
        throw error
    }
    return (result, slot.wait())
}

/// The value of the side thread, handed over once.
private final class SideResult<Value: Sendable>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let value = Mutex<Value?>(nil)

    func set(_ result: Value) {
        value.withLock { $0 = result }
        done.signal()
    }

    func wait() -> Value {
        done.wait()
        return value.withLock { $0! }
    }
}

import Foundation

// MARK: - Shared mutable state

/// A value behind a lock, for the runtime's few process-wide settings (print
/// options, the global random state).
///
/// Every read-modify-write is one critical section (`withLock`), so concurrent
/// updates are never lost. Foundation's `NSLock` rather than `Synchronization.Mutex`,
/// which needs macOS 15.
final class Locked<Value>: @unchecked Sendable {
    // @unchecked: `value` is only touched while `lock` is held.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

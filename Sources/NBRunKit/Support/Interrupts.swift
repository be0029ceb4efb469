import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What Ctrl-C (or SIGTERM) does: kill the programs nbrun started, remove its temporary
/// folders, tell the user, and exit 130. Reports and notebooks are only ever replaced by
/// a rename, so none is left half-written.
public enum Interrupts {
    private static let sources = Mutex<[DispatchSourceSignal]>([])
    /// Set as soon as a handler starts, before it kills anything.
    private static let interrupted = Atomic<Bool>(false)

    /// Installs the handlers (once); `announce` is called before nbrun exits.
    public static func install(announce: @escaping @Sendable () -> Void) {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler {
                    interrupted.store(true, ordering: .sequentiallyConsistent)
                    SystemProcessRunner.killRunningChildren()
                    ScratchFolders.removeAll()
                    announce()
                    exit(128 + signalNumber)
                }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Waits for the handler to exit 130 when an interrupt is being handled; returns at once
    /// otherwise. The thread that ran a job calls it before it reports and exits: a child the
    /// handler killed ends the job quickly, and its `1` must not win the race with `130`.
    public static func holdIfInterrupted() {
        guard interrupted.load(ordering: .sequentiallyConsistent) else { return }
        while true { pause() }
    }
}

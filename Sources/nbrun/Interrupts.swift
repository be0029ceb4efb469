#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import NBRunKit

/// What Ctrl-C (or SIGTERM) does: kill the programs nbrun started, remove its
/// temporary folders, and exit 130. Reports and notebooks are only ever replaced
/// by a rename, so none is left half-written.
enum Interrupts {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                SystemProcessRunner.killRunningChildren()
                ScratchFolders.removeAll()
                Console().progress(nil)
                Console().status("nbrun: interrupted")
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}

import Foundation
import NBRuntime
import TestSupport
import Testing

@testable import NBRunKit

/// Starting a process from a process that multiplies matrices on another thread: the
/// test binary itself, the preview, anything that embeds NBRunKit and the runtime.
@Suite struct SpawnTests {
    /// OpenBLAS registers a fork handler that stops its thread pool and joins its threads.
    /// A `fork()` while another thread multiplies can wait in that handler for good
    /// (OpenBLAS 0.3.21; a C program with two threads in `cblas_dgemm` hangs in `fork`
    /// within seconds), the likely cause of a CI run that hung for 90 minutes. nbrun's
    /// spawn runs no fork handlers.
    @Test func processesStartWhileAnotherThreadMultipliesMatrices() throws {
        let stop = Shared(false)
        let products = Shared(0)
        let multiplier = Thread {
            let a = np.ones([300, 300])
            while !stop.value {
                _ = np.dot(a, a)
                products.update { $0 += 1 }
            }
        }
        multiplier.start()
        defer { stop.update { $0 = true } }
        let started = Shared(0)
        let spawner = Thread {
            let truth = URL(fileURLWithPath: "/bin/true")
            for _ in 0..<150 {
                guard let run = try? SystemProcessRunner().run(truth, [], environment: nil, directory: nil),
                    run.status == 0
                else { return }
                started.update { $0 += 1 }
            }
        }
        spawner.start()
        let deadline = Date().addingTimeInterval(60)
        while started.value < 150, Date() < deadline { usleep(20_000) }
        guard started.value == 150 else {
            // The stuck spawn never returns and holds OpenBLAS's lock: this process can't be
            // trusted to end any more, so it says why and stops, rather than hang CI.
            let message = "\(started.value) of 150 processes started, \(products.value) products done: deadlocked"
            Issue.record(Comment(rawValue: message))
            FileHandle.standardError.write(Data("SpawnTests: \(message); stopping the test process\n".utf8))
            _exit(1)
        }
        let before = products.value
        let again = Date().addingTimeInterval(10)
        while products.value == before, Date() < again { usleep(10_000) }
        #expect(products.value > before, "the products stopped")
    }
}

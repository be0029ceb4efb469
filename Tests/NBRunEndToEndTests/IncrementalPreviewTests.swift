import Foundation
import Synchronization
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// `nbrun preview` after an edit, as an author sees it: the built binary on a notebook whose
/// first cell takes 3 s (so the quick page shows that long before the fresh one replaces
/// it, even on a loaded machine), a real HTTP client, real saves. A prose edit shows the
/// last outputs at once, marked as reused, then "Verified"; an edit of the last cell runs
/// it on the state a checkpoint kept after the slow cell, marked so, then a fresh run
/// confirms it. No checkpoint outlives the preview.
@Suite(.serialized) struct IncrementalPreviewTests {
    static let notebook = """
        # Edits in the preview

        Seeded numbers, then a slow cell.

        ```swift-cell
        import Foundation
        np.random.seed(3)
        let a = np.random.randn(3)
        Thread.sleep(forTimeInterval: 3)
        ```

        Twice those.

        ```swift-cell
        let b = a * 2.0
        print("b", b)
        ```

        The sum, and the next number of the stream.

        ```swift-cell
        print("last", b.sum(), np.random.rand())
        ```

        """

    /// What each cell printed, in order.
    static func printed(_ page: String) -> [String] {
        page.matches(of: /<pre class="stdout">([^<]*)<\/pre>/).map { String($0.1) }
    }

    /// The cells' reuse marks, in order (`earlier-run`, `checkpoint`).
    static func marks(_ page: String) -> [String] {
        page.matches(of: /id="cell-(\d+)"[^>]*data-reuse="([a-z-]+)"/).map { "\($0.1):\($0.2)" }
    }

    /// The processes that are checkpoints kept for the preview `owner`.
    static func checkpoints(of owner: Int32) -> [Int32] {
        let entry = Data("NBRUN_CHECKPOINT_OWNER=\(owner)\u{0}".utf8)
        return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { name in
            guard let pid = Int32(name),
                let environment = FileManager.default.contents(atPath: "/proc/\(name)/environ"),
                environment.range(of: entry) != nil
            else { return nil }
            return pid
        }
    }

    @Test func editsShowReusedOutputsMarkedUntilAFreshRunVerifiesThem() async throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("edits.md")
        try Self.notebook.write(to: file, atomically: true, encoding: .utf8)
        let port = HTTP.freePort()
        let url = URL(string: "http://127.0.0.1:\(port)/")!
        let log = folder.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = nbrunExecutable
        process.arguments = ["preview", file.path, "--port", String(port)]
        process.environment = nbrunEnvironment()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        defer {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        func stderr() -> String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
        // The pages are watched from a thread of their own: a test task can wait seconds for
        // the cooperative pool while other suites block it, and miss a page that lasts 3 s.
        let recorder = PageRecorder(url)
        defer { recorder.stop() }
        var seen = 0
        /// The first page since the last one taken that is `wanted`.
        func page(within seconds: Double, where wanted: (String) -> Bool) async throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline, process.isRunning {
                let pages = recorder.pages
                if let index = pages.indices.first(where: { $0 >= seen && wanted(pages[$0]) }) {
                    seen = index + 1
                    return pages[index]
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            Issue.record("no such page within \(seconds) s; nbrun said: \(stderr())")
            return ""
        }
        func save(_ text: String) throws { try text.write(to: file, atomically: true, encoding: .utf8) }

        let first = try await page(within: 600) { $0.contains("<pre class=\"stdout\">last ") }
        let outputs = Self.printed(first)
        // numpy's own output for the same code.
        #expect(outputs == ["b [3.57725695 0.8730197  0.19299494]\n", "last 4.643271584028633 0.8929469543476547\n"])
        #expect(Self.marks(first).isEmpty)
        #expect(!Self.checkpoints(of: process.processIdentifier).isEmpty, "the slow cell left a checkpoint")

        // A prose edit: the same program, so the last outputs at once, marked, then verified.
        let prose = Self.notebook.replacingOccurrences(of: "Twice those.", with: "Twice those, as a tensor.")
        try save(prose)
        let reused = try await page(within: 300) { $0.contains("as a tensor") }
        #expect(reused.contains("the last run&#39;s outputs, marked as reused"), "\(stderr())")
        #expect(Self.marks(reused) == ["1:earlier-run", "2:earlier-run", "3:earlier-run"])
        #expect(Self.printed(reused) == outputs)
        let verified = try await page(within: 300) { $0.contains("Verified: a fresh run") }
        #expect(Self.marks(verified).isEmpty)
        #expect(Self.printed(verified) == outputs)

        // An edit of the last cell: it runs on the state a checkpoint kept (the same random
        // stream), marked so, and a fresh run gives the same outputs.
        try save(prose.replacingOccurrences(of: "print(\"last\"", with: "print(\"edited\""))
        let resumed = try await page(within: 300) { $0.contains("<pre class=\"stdout\">edited ") }
        // The latest checkpoint before the edited cell: after cell 1, or after cell 2 too when
        // that one took the checkpoints' spacing (0.1 s), as on a busy machine.
        let after = resumed.firstMatch(of: /Cells after cell (\d) ran again on the state a checkpoint kept/)
            .flatMap { Int($0.1) }
        #expect(after == 1 || after == 2, "\(stderr())")
        let resumedFrom = after ?? 1
        #expect(Self.marks(resumed) == (1...3).map { "\($0):\($0 <= resumedFrom ? "earlier-run" : "checkpoint")" })
        let checked = try await page(within: 300) { $0.contains("Verified: a fresh run") }
        #expect(Self.marks(checked).isEmpty)
        #expect(Self.printed(checked) == Self.printed(resumed))
        #expect(Self.printed(checked).last?.hasPrefix("edited ") == true)

        // Ctrl-C ends the preview, and its checkpoints with it.
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let deadline = Date().addingTimeInterval(5)
        while !Self.checkpoints(of: process.processIdentifier).isEmpty, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(Self.checkpoints(of: process.processIdentifier).isEmpty, "checkpoints outlived the preview")
    }
}

/// Every distinct page a preview serves, in order, fetched every 100 ms by a thread of its
/// own, with a URLSession of its own: the pages are 400 KB, and fetching them every 10 ms
/// through the shared session starved the other suites' HTTP clients and in-process
/// servers (their requests timed out after 60 s in a fresh-clone CI run).
private final class PageRecorder: @unchecked Sendable {
    // @unchecked: `recorded` and `stopped` are used only under `lock`.
    private let lock = NSLock()
    private var recorded: [String] = []
    private var stopped = false
    private let session = URLSession(configuration: .ephemeral)

    init(_ url: URL) {
        Thread.detachNewThread { [self] in
            while !lock.withLock({ stopped }) {
                if let page = fetch(url) {
                    lock.withLock { if recorded.last != page { recorded.append(page) } }
                }
                usleep(100_000)
            }
            session.finishTasksAndInvalidate()
        }
    }

    var pages: [String] { lock.withLock { recorded } }

    func stop() { lock.withLock { stopped = true } }

    /// The page's body, waiting on this thread (URLSession answers on a queue of its own).
    private func fetch(_ url: URL) -> String? {
        let done = DispatchSemaphore(value: 0)
        let body = Mutex<String?>(nil)
        session.dataTask(with: URLRequest(url: url, timeoutInterval: 10)) { data, response, _ in
            if (response as? HTTPURLResponse)?.statusCode == 200, let data {
                body.withLock { $0 = String(decoding: data, as: UTF8.self) }
            }
            done.signal()
        }.resume()
        done.wait()
        return body.withLock { $0 }
    }
}

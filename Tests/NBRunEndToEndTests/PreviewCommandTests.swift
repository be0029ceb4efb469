import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `nbrun preview` as a user runs it: the built binary on a copy of notebooks/backprop.md,
/// a real HTTP client, real edits of the file.
@Suite(.serialized) struct PreviewCommandTests {

    /// `nbrun preview` running on a copy of backprop.md in a folder of its own.
    final class Preview {
        let folder: URL
        let notebook: URL
        let port: UInt16
        let process = Process()
        let log: URL

        init(_ extra: [String] = []) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("nbpreview-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            notebook = folder.appendingPathComponent("backprop.md")
            try FileManager.default.copyItem(
                at: Fixture.packageRoot.appendingPathComponent("notebooks/backprop.md"), to: notebook)
            port = HTTP.freePort()
            log = folder.appendingPathComponent("stderr.txt")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = nbrunExecutable
            process.arguments = ["preview", notebook.path, "--port", String(port)] + extra
            process.environment = nbrunEnvironment()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
        }

        var url: URL { URL(string: "http://127.0.0.1:\(port)/")! }
        var stderr: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
        var text: String { get throws { try String(contentsOf: notebook, encoding: .utf8) } }

        /// The page once it shows `text`; nil if it doesn't within `seconds`.
        func page(containing text: String, within seconds: Double) async throws -> String? {
            try await page(within: seconds) { $0.contains(text) }
        }

        /// The page once `wanted` says yes to it; nil if it doesn't within `seconds`.
        func page(within seconds: Double, where wanted: (String) -> Bool) async throws -> String? {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline, process.isRunning {
                if HTTP.accepts("127.0.0.1", port: port), let page = try? await HTTP.get(url).body, wanted(page) {
                    return page
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            return nil
        }

        /// The page after the first run (which may build the runtime).
        func firstPage() async throws -> String {
            try #require(try await page(containing: "<pre class=\"stdout\">", within: 600), "\(stderr)")
        }

        /// Saves `text` over the notebook the way many editors do: a temporary file, renamed.
        func save(_ text: String) throws {
            try text.write(to: notebook, atomically: true, encoding: .utf8)
        }

        /// Sends Ctrl-C's signal and returns the exit status.
        func interrupt() -> Int32 {
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
            return process.terminationStatus
        }

        deinit {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// The page's version, from its live script.
    static func version(of page: String) throws -> Int {
        try #require(page.firstMatch(of: /var version = (\d+),/).flatMap { Int($0.1) })
    }

    /// Each save of an edited cell reaches the open page: a `reload` event names the new
    /// version, and the page fetched then shows the edited cell's output. How fast is
    /// bench/preview.py's to measure (BENCHMARKS.md), on a quiet machine, not this test's.
    @Test func editingACellUpdatesThePage() async throws {
        let preview = try Preview()
        var page = try await preview.firstPage()
        #expect(page.contains("<title>Backpropagation by hand</title>"))
        let original = try preview.text
        #expect(original.contains("print(\"Loss:\", loss.item())"))

        // Each edit is a new program to compile.
        for edit in 0...1 {
            let label = "Loss after edit \(edit):"
            let events = EventStreamReader(
                URL(string: "events?since=\(try Self.version(of: page))", relativeTo: preview.url)!)
            defer { events.close() }
            try await Task.sleep(for: .milliseconds(100))  // the open page's stream is connected
            try preview.save(original.replacingOccurrences(of: "print(\"Loss:\"", with: "print(\"\(label)\""))
            let reload = try #require(
                await events.next("reload", within: 120), "no reload after edit \(edit): \(preview.stderr)")
            page = try await HTTP.get(preview.url).body
            #expect(String(try Self.version(of: page)) == reload.data)
            #expect(page.contains("<pre class=\"stdout\">\(label) "), "edit \(edit)")
            #expect(!page.contains("nbrun-preview-problems\" role"))
        }
        // nbrun's own line for each run: "…backprop.md: 7 cells ok in 0.41s".
        #expect(preview.stderr.matches(of: /cells ok in [0-9.]+s/).count >= 3, "\(preview.stderr)")
    }

    @Test func aCompileErrorShowsItsDiagnosticsAndKeepsTheOutputsStale() async throws {
        let preview = try Preview()
        _ = try await preview.firstPage()
        let original = try preview.text
        try preview.save(
            original.replacingOccurrences(
                of: "print(\"Loss:\", loss.item())",
                with: "print(\"Loss:\", undefinedLoss.item())"))
        let page = try #require(
            try await preview.page(containing: "nbrun-preview-problems\" role=\"alert\"", within: 30),
            "\(preview.stderr)")
        let line =
            try #require(original.components(separatedBy: "\n").firstIndex { $0.contains("print(\"Loss:\"") }) + 1
        #expect(page.contains("backprop.md:\(line):16: error: cannot find &#39;undefinedLoss&#39; in scope"))
        #expect(page.contains("are marked stale"))
        // The last good outputs are still there, faded and labelled stale.
        #expect(page.contains("<pre class=\"stdout\">Loss: 0.134348"))
        #expect(page.contains("<style id=\"nbrun-preview-stale\">"))
        #expect(!page.contains("\u{1B}["), "terminal colours leaked into the page")
        #expect(preview.stderr.contains("error: cannot find 'undefinedLoss' in scope"))

        try preview.save(original)
        let fixed = try #require(try await preview.page(within: 30) { !$0.contains("nbrun-preview-problems\" role") })
        #expect(fixed.contains("<pre class=\"stdout\">Loss: 0.134348"))
        #expect(!fixed.contains("nbrun-preview-stale"))
    }

    @Test func listensOnlyOnLoopbackUnlessTold() async throws {
        let preview = try Preview()
        _ = try await preview.firstPage()
        #expect(HTTP.accepts("127.0.0.1", port: preview.port))
        #expect(!HTTP.accepts("127.0.0.2", port: preview.port))
        // The kernel's own list of listening sockets: 127.0.0.1 (0100007F) and no other.
        let listening =
            try String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)
            + String(contentsOfFile: "/proc/net/tcp6", encoding: .utf8)
        let port = String(format: ":%04X ", preview.port)
        // Columns: sl, local address, remote address, state (0A is LISTEN).
        var local: [String] = []
        for line in listening.split(separator: "\n") {
            let columns = line.split(separator: " ").map(String.init)
            if columns.count > 3, columns[3] == "0A", columns[1].hasSuffix(port.dropLast()) { local.append(columns[1]) }
        }
        #expect(local == ["0100007F" + port.dropLast()], "\(local)")

        let everywhere = try Preview(["--host", "0.0.0.0"])
        _ = try await everywhere.firstPage()
        #expect(HTTP.accepts("127.0.0.2", port: everywhere.port))
    }

    @Test func ctrlCStopsItCleanly() async throws {
        let preview = try Preview()
        let page = try await preview.firstPage()
        let events = EventStreamReader(
            URL(string: "events?since=\(try Self.version(of: page))", relativeTo: preview.url)!)
        defer { events.close() }
        try await Task.sleep(for: .milliseconds(100))
        let started = Date()
        let status = preview.interrupt()
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(status == 130)
        #expect(preview.stderr.hasSuffix("nbrun: interrupted\n"))
        #expect(!HTTP.accepts("127.0.0.1", port: preview.port))
        // The open page's stream ends with the server.
        var ended = false
        for await _ in events.events {}
        ended = true
        #expect(ended)
    }

    @Test func aMissingNotebookOrABusyPortIsBadInput() async throws {
        let preview = try Preview()
        _ = try await preview.firstPage()
        let busy = Process()
        busy.executableURL = nbrunExecutable
        busy.arguments = ["preview", preview.notebook.path, "--port", String(preview.port)]
        busy.environment = nbrunEnvironment()
        let errors = Pipe()
        busy.standardError = errors
        try busy.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        busy.waitUntilExit()
        #expect(busy.terminationStatus == 2)
        #expect(
            message.contains(
                "can't listen on 127.0.0.1:\(preview.port): Address already in use; choose another port with --port"))
    }
}

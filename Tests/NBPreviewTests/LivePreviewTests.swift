import Foundation
import TestSupport
import Testing

@testable import NBPreview

/// The preview server with a stand-in for nbrun: the "report" is the notebook's text in a
/// page, and a notebook containing BROKEN "doesn't compile". Real files, real HTTP.
@Suite(.serialized) struct LivePreviewTests {
    /// A running preview of a one-line notebook in a temporary folder.
    final class Running: @unchecked Sendable {
        // @unchecked: every property is set once, in init.
        let folder: URL
        let notebook: URL
        let url: URL
        let task: Task<Void, any Error>

        init(
            host: String = "127.0.0.1", text: String = "first", ping: Duration = .seconds(15),
            headDeadline: Duration = .seconds(10)
        ) async throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("nbpreview-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            notebook = folder.appendingPathComponent("notes.md")
            try text.write(to: notebook, atomically: false, encoding: .utf8)
            var preview = LivePreview(file: notebook, address: PreviewAddress(host: host, port: 0)) { [notebook] in
                let text = (try? String(contentsOf: notebook, encoding: .utf8)) ?? ""
                let page =
                    "<!DOCTYPE html><html><head><title>t</title></head><body><pre class=\"stdout\">\(text)</pre></body></html>"
                return text.contains("BROKEN")
                    ? .failed(diagnostics: "notes.md:1:1: error: <BROKEN>", report: nil) : .report(page)
            }
            preview.pingInterval = ping
            preview.headDeadline = headDeadline
            let (urls, listening) = AsyncStream.makeStream(of: URL.self)
            task = Task { [preview] in try await preview.run { listening.yield($0) } }
            var iterator = urls.makeAsyncIterator()
            url = try #require(await iterator.next())
        }

        var port: UInt16 { UInt16(url.port!) }

        func page() async throws -> String { try await HTTP.get(url).body }

        /// Saves the notebook the way many editors do: a new file renamed over the old one.
        func save(_ text: String) throws {
            try text.write(to: notebook, atomically: true, encoding: .utf8)
        }

        /// Stops the server (it closes its socket soon after) and removes the folder.
        deinit {
            task.cancel()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// Waits until the page shows `text`, up to `seconds`.
    static func waitForPage(_ preview: Running, containing text: String, seconds: Double = 60) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var page = try await preview.page()
        while !page.contains(text), Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
            page = try await preview.page()
        }
        return page
    }

    @Test func servesTheReportWithTheLiveScript() async throws {
        let preview = try await Running()
        #expect(preview.url.host == "127.0.0.1")
        let page = try await Self.waitForPage(preview, containing: "<pre class=\"stdout\">first</pre>")
        #expect(page.contains("<pre class=\"stdout\">first</pre>"))
        #expect(page.contains("new EventSource(\"/events?since=\" + version)"))
        let response = try await HTTP.get(preview.url)
        #expect(response.headers["content-type"] == "text/html; charset=utf-8")
        #expect(response.headers["cache-control"] == "no-store")
        #expect(try await HTTP.get(preview.url.appendingPathComponent("missing")).status == 404)
    }

    @Test func aSavePushesReloadAndTheNewPage() async throws {
        let preview = try await Running()
        _ = try await Self.waitForPage(preview, containing: "<pre class=\"stdout\">first</pre>")
        let stream = EventStreamReader(URL(string: "events?since=1", relativeTo: preview.url)!)
        defer { stream.close() }
        // The stream is open before the save, as an open page's would be.
        #expect(await stream.waitUntilOpen(within: 60))
        try preview.save("second")
        #expect(await stream.next("running", within: 60) != nil)
        let reload = await stream.next("reload", within: 60)
        #expect(reload?.data == "2")
        #expect(try await preview.page().contains("<pre class=\"stdout\">second</pre>"))

        // A plain write (open, truncate, write, close) is a save too.
        let handle = try FileHandle(forWritingTo: preview.notebook)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data("third".utf8))
        try handle.close()
        #expect(await stream.next("reload", within: 60)?.data == "3")
        #expect(try await preview.page().contains("<pre class=\"stdout\">third</pre>"))
    }

    @Test func aPageThatIsBehindReloadsAtOnce() async throws {
        let preview = try await Running()
        _ = try await Self.waitForPage(preview, containing: "<pre class=\"stdout\">first</pre>")
        try preview.save("second")
        let page = try await Self.waitForPage(preview, containing: "<pre class=\"stdout\">second</pre>")
        let version = try #require(page.firstMatch(of: /var version = (\d+),/)?.1)
        #expect(version != "1")
        // A page fetched at version 1 connects only now: it must still hear of the new version.
        let stream = EventStreamReader(URL(string: "events?since=1", relativeTo: preview.url)!)
        defer { stream.close() }
        #expect(await stream.next("reload", within: 30)?.data == String(version))
    }

    @Test func aFailedSaveKeepsTheLastGoodOutputsMarkedStale() async throws {
        let preview = try await Running()
        _ = try await Self.waitForPage(preview, containing: "<pre class=\"stdout\">first</pre>")
        try preview.save("BROKEN")
        let page = try await Self.waitForPage(preview, containing: "nbrun-preview-problems\" role=\"alert\"")
        #expect(page.contains("<pre>notes.md:1:1: error: &lt;BROKEN&gt;</pre>"))
        #expect(page.contains("<pre class=\"stdout\">first</pre>"))
        #expect(page.contains("content: \" · stale\""))
        #expect(page.contains("are marked stale"))

        try preview.save("fixed")
        let fixed = try await Self.waitForPage(preview, containing: "<pre class=\"stdout\">fixed</pre>")
        #expect(!fixed.contains("nbrun-preview-problems\" role"))
        #expect(!fixed.contains("· stale"))
    }

    @Test func closedPagesDontStopTheServer() async throws {
        let preview = try await Running(ping: .milliseconds(20))
        _ = try await Self.waitForPage(preview, containing: "<pre class=\"stdout\">first</pre>")
        for _ in 0..<3 {
            let stream = EventStreamReader(URL(string: "events", relativeTo: preview.url)!)
            try await Task.sleep(for: .milliseconds(100))
            stream.close()
        }
        // The pings now go to closed connections; the server carries on.
        try await Task.sleep(for: .milliseconds(300))
        try preview.save("after")
        let stream = EventStreamReader(URL(string: "events?since=1", relativeTo: preview.url)!)
        defer { stream.close() }
        #expect(await stream.next("reload", within: 30) != nil)
        #expect(try await Self.waitForPage(preview, containing: "<pre class=\"stdout\">after</pre>").contains("after"))
    }

    @Test func listensOnlyOnLoopbackByDefault() async throws {
        let preview = try await Running()
        #expect(HTTP.accepts("127.0.0.1", port: preview.port))
        // 127.0.0.2 is this machine too, but not the address the preview bound.
        #expect(!HTTP.accepts("127.0.0.2", port: preview.port))

        let open = try await Running(host: "0.0.0.0")
        #expect(HTTP.accepts("127.0.0.2", port: open.port))
    }

    @Test func answersOnlyToLoopbackNames() async throws {
        let preview = try await Running()
        #expect(try await HTTP.get(preview.url, host: "localhost:\(preview.port)").status == 200)
        // A page elsewhere that rebinds its own name to 127.0.0.1 must not read the report.
        let rebound = try await HTTP.get(preview.url, host: "attacker.example:\(preview.port)")
        #expect(rebound.status == 403)
        #expect(!rebound.body.contains("first"))
    }

    @Test func aPortInUseIsAnErrorThatSaysWhatToDo() async throws {
        let preview = try await Running()
        let second = LivePreview(file: preview.notebook, address: PreviewAddress(port: preview.port)) { .report("") }
        await #expect {
            try await second.run { _ in }
        } throws: { error in
            let message = (error as? PreviewError)?.errorDescription ?? ""
            return message.contains("can't listen on 127.0.0.1:\(preview.port): Address already in use")
                && message.contains("--port")
        }
    }

    @Test func aHostThatIsNotAnAddressIsRefused() async throws {
        let preview = LivePreview(file: URL(fileURLWithPath: "/tmp/x.md"), address: PreviewAddress(host: "example.org"))
        {
            .report("")
        }
        await #expect(throws: PreviewError.badHost("example.org")) { try await preview.run { _ in } }
    }
}

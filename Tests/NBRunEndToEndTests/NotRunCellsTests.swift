import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// A cell that did not run is counted, and says why, wherever nbrun tells a run: `check`'s
/// line and notes, JUnit, GitHub annotations, `render` and `preview`, the report.
@Suite(.serialized) struct NotRunCellsTests {
    /// Cell 1 doesn't compile; cell 2 uses its name and documents an output; cell 3 runs.
    static let notebook = """
        # Not run

        ```swift-cell
        let W: Int = "x"
        ```

        ```swift-cell
        print(W + 1)
        ```

        ```output
        2
        ```

        ```swift-cell
        print(3)
        ```

        ```output
        3
        ```

        """
    static let note = "nr.md:7: note: cell 2 was not run: uses 'W', declared in cell 1, which does not compile"

    private func folder() throws -> URL {
        let dir = try temporaryDirectory()
        try Self.notebook.write(to: dir.appendingPathComponent("nr.md"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func checkCountsItNamesWhyAndSoDoJUnitAndAnnotations() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let check = try nbrun("check", "--junit", "j.xml", "nr.md", in: dir)
        #expect(check.status == 1)
        #expect(check.stdout.contains(Self.note + "\n"), "\(check.stdout)")
        #expect(check.stdout.hasSuffix("nr.md: 1 passed, 0 failed, 1 errored, 1 not run, 0 unchecked\n"))
        let xml = try String(contentsOf: dir.appendingPathComponent("j.xml"), encoding: .utf8)
        #expect(xml.contains("<testsuite name=\"nr.md\" tests=\"3\" failures=\"0\" errors=\"1\" skipped=\"1\">"))
        #expect(xml.contains("<skipped message=\"uses 'W', declared in cell 1, which does not compile\"/>"))

        let annotated = try nbrun("check", "nr.md", in: dir, environment: ["GITHUB_ACTIONS": "true"])
        #expect(
            annotated.stdout.contains(
                "::warning file=nr.md,line=7::cell 2 was not run: uses 'W', declared in cell 1, which does not compile\n"
            ))
    }

    @Test func renderAndTheReportCountItToo() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let render = try nbrun("render", "nr.md", in: dir)
        #expect(render.status == 1)
        #expect(render.stderr.contains(Self.note + "\n"))
        #expect(render.stderr.contains("nr.md: 1 cell failed, 1 not run in "), "\(render.stderr)")
        let html = try String(contentsOf: dir.appendingPathComponent("nr.html"), encoding: .utf8)
        #expect(html.contains("1 cell failed; 1 of 3 ran, 1 not run; 1 documented output matched, 1 not compared"))
    }

    @Test func afterATrapWithKeepGoing() throws {
        let result = try nbrun("check", "--keep-going", Fixture.path("semantics/keep-going.md"))
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "keep-going.md:27: note: cell 4 was not run: uses 'doubled', declared in cell 2, which trapped\n"),
            "\(result.stdout)")
        #expect(result.stdout.hasSuffix(": 0 passed, 0 failed, 1 errored, 1 not run, 2 unchecked\n"))
    }

    /// `preview` says what `render` says about a run: the drift warning and the not-run note.
    @Test func previewSaysWhatRenderSays() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = """
            # Drift and a trap

            ```swift-cell
            print(3)
            ```

            ```output
            4
            ```

            ```swift-cell
            let W = [1][3]
            ```

            ```swift-cell
            print(W)
            ```

            """
        try text.write(to: dir.appendingPathComponent("nr.md"), atomically: true, encoding: .utf8)
        let render = try nbrun("render", "nr.md", "-o", "/dev/null", in: dir)
        let told = render.stderr.split(separator: "\n").dropLast().map(String.init)
        #expect(told.contains("nr.md:8: warning: documented output differs (run nbrun check for the diff)"))
        #expect(
            told.contains(
                "nr.md:15: note: cell 3 was not run: cell 2 stopped the program before this cell ran "
                    + "(--keep-going runs the cells that don't use it)"))

        let log = dir.appendingPathComponent("preview.txt")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let preview = Process()
        preview.executableURL = nbrunExecutable
        preview.arguments = ["preview", "nr.md", "--port", "0"]
        preview.currentDirectoryURL = dir
        preview.environment = nbrunEnvironment()
        preview.standardOutput = FileHandle.nullDevice
        preview.standardError = try FileHandle(forWritingTo: log)
        try preview.run()
        defer { preview.terminate() }
        var said = ""
        let deadline = Date().addingTimeInterval(120)
        while !said.contains("nr.md: 1 cell failed"), Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            said = try String(contentsOf: log, encoding: .utf8)
        }
        let lines = said.split(separator: "\n").map(String.init)
        #expect(lines.last?.hasPrefix("nr.md: 1 cell failed, 1 not run in ") == true, "\(said)")
        #expect(Array(lines.filter { !$0.hasPrefix("nbrun: previewing") }.dropLast()) == told)
    }
}

import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// `nbrun check` and `nbrun update` as CI uses them, through the built binary.
@Suite(.serialized) struct CheckCommandTests {
    /// A scratch copy of a project notebook, and the folder it is in.
    private func copy(_ notebook: String, to dir: URL, as name: String? = nil) throws -> URL {
        let source = Fixture.packageRoot.appendingPathComponent("notebooks/\(notebook)")
        let target = dir.appendingPathComponent(name ?? notebook)
        try FileManager.default.copyItem(at: source, to: target)
        return target
    }

    @Test func aDriftInTheFifthDigitFailsAtItsLineAndUpdateRestoresTheFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try copy("backprop.md", to: dir)
        let original = try String(contentsOf: file, encoding: .utf8)
        let lines = original.components(separatedBy: "\n")
        let lossLine = try #require(lines.firstIndex(of: "Loss: 0.13434887664395717")) + 1
        try original.replacingOccurrences(of: "Loss: 0.13434887664395717\n", with: "Loss: 0.13435887664395717\n")
            .write(to: file, atomically: true, encoding: .utf8)

        let check = try nbrun("check", file.path)
        #expect(check.status == 1)
        #expect(
            check.stdout.contains(
                "\(file.path):\(lossLine): error: output of cell 5 (results) differs: "
                    + "number 1 differs: expected 0.13435887664395717, got 0.13434887664395717"))
        #expect(check.stdout.contains("--- \(file.path):\(lossLine - 1) (documented)\n+++ actual output\n"))
        #expect(check.stdout.contains("-Loss: 0.13435887664395717\n+Loss: 0.13434887664395717\n"))
        #expect(check.stdout.contains("run `nbrun update \(file.path)` to accept the new output"))

        let update = try nbrun("update", file.path)
        #expect(update.status == 0, "\(update.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == original)
        #expect(try nbrun("check", file.path).status == 0)
        let again = try nbrun("update", file.path)
        #expect(again.stdout.contains("up to date"))
        #expect(try String(contentsOf: file, encoding: .utf8) == original)
    }

    @Test func exitCodes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try copy("xor.md", to: dir)
        #expect(try nbrun("check", good.path).status == 0)
        #expect(try nbrun("check", Fixture.path("trap.md")).status == 1)
        #expect(try nbrun("check", dir.appendingPathComponent("missing.md").path).status == 2)
        #expect(try nbrun("check", "--shard", "3/2", good.path).status == 64)
        // backprop.md documents every output it prints; cells that print nothing have nothing to document.
        let strict = try nbrun("check", "--strict", try copy("backprop.md", to: dir).path)
        #expect(strict.status == 0, "\(strict.stdout)")
        #expect(!strict.stdout.contains("documents no output"))
    }

    @Test func junitXMLReadsInARealConsumer() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try copy("xor.md", to: dir)
        let bad = try copy("backprop.md", to: dir)
        let text = try String(contentsOf: bad, encoding: .utf8)
        try text.replacingOccurrences(of: "[0.08055583 0.04885958]\n```", with: "[0.08055583 0.04995958]\n```")
            .write(to: bad, atomically: true, encoding: .utf8)
        let junit = dir.appendingPathComponent("report.xml")
        let result = try nbrun("check", "--junit", junit.path, good.path, bad.path)
        #expect(result.status == 1)
        // junitparser (from PyPI) reads the file as CI servers do.
        let script = """
            import sys
            from junitparser import JUnitXml, Failure
            xml = JUnitXml.fromfile(sys.argv[1])
            for suite in xml:
                failed = [case.name for case in suite if any(isinstance(r, Failure) for r in case.result)]
                print(suite.name.split('/')[-1], suite.tests, suite.failures, suite.errors, ','.join(failed))
            """
        let output = try SystemProcessRunner().run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, junit.path], environment: nil,
            directory: nil)
        #expect(output.status == 0, "\(String(decoding: output.stderr, as: UTF8.self))")
        #expect(String(decoding: output.stdout, as: UTF8.self) == "xor.md 4 0 0 \nbackprop.md 3 1 0 cell 5 (results)\n")
        #expect(
            try String(contentsOf: junit, encoding: .utf8).contains(
                "-Gradient for w2 (hidden to output): [0.08055583 0.04995958]"))
    }

    @Test func githubAnnotations() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try copy("xor.md", to: dir, as: "x, y.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "(4, 2) (4, 1)", with: "(4, 2) (4, 3)").write(
            to: file, atomically: true, encoding: .utf8)
        let line = try #require(text.components(separatedBy: "\n").firstIndex(of: "(4, 2) (4, 1)")) + 1
        let result = try nbrun("check", file.path, environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.status == 1)
        let escaped = file.path.replacingOccurrences(of: ",", with: "%2C")
        #expect(
            result.stdout.contains(
                "::error file=\(escaped),line=\(line)::output of cell 1 (data) differs: number 4 differs: expected 3, got 1"
            ))
    }

    @Test func shardsSplitTheNotebooksDeterministically() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try copy("xor.md", to: dir, as: "a.md")
        let b = try copy("xor.md", to: dir, as: "b.md")
        let c = try copy("xor.md", to: dir, as: "c.md")
        let first = try nbrun("check", "--shard", "1/2", c.path, a.path, b.path)
        let second = try nbrun("check", "--shard", "2/2", c.path, a.path, b.path)
        #expect(first.stdout.contains("a.md: 4 passed") && first.stdout.contains("c.md: 4 passed"))
        #expect(!first.stdout.contains("b.md"))
        #expect(
            second.stdout.contains("b.md: 4 passed") && !second.stdout.contains("a.md")
                && !second.stdout.contains("c.md"))
    }

    @Test func repeatFlagsFlakyCells() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("flaky.md")
        try """
        ```swift-cell id=steady
        print(42)
        ```

        ```output
        42
        ```

        ```swift-cell id=dice
        print(Int.random(in: 0..<1_000_000_000))
        ```

        ```output match=ignore
        7
        ```

        """.write(to: file, atomically: true, encoding: .utf8)
        #expect(try nbrun("check", file.path).status == 0)
        let repeated = try nbrun("check", "--repeat", "3", file.path)
        #expect(repeated.status == 1)
        #expect(
            repeated.stdout.contains("\(file.path):9: error: cell 2 (dice) is flaky: its output changed between runs"))
        #expect(!repeated.stdout.contains("cell 1 (steady) is flaky"))
    }

    @Test func updateAddMissingDocumentsEveryPrintingCell() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("n.md")
        try "# N\n\n```swift-cell\nprint(\"a\")\n```\n\n```swift-cell\nlet quiet = 1\n```\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let update = try nbrun("update", "--add-missing", file.path)
        #expect(update.status == 0)
        #expect(update.stdout == "\(file.path): added 1\n")
        #expect(
            try String(contentsOf: file, encoding: .utf8)
                == "# N\n\n```swift-cell\nprint(\"a\")\n```\n\n```output\na\n```\n\n```swift-cell\nlet quiet = 1\n```\n"
        )
    }

    @Test func updateNeverTouchesANotebookThatDoesNotCompile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("n.md")
        let text = "```swift-cell\nprint(1)\n```\n\n```output\n2\n```\n\n```swift-cell\nprint(undefined)\n```\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let update = try nbrun("update", "--add-missing", file.path)
        #expect(update.status == 1)
        #expect(update.stdout.contains("not updated, because it doesn't compile"))
        #expect(try String(contentsOf: file, encoding: .utf8) == text)
    }
}

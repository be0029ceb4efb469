import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// Runs real notebooks through the built `nbrun` and checks what a user sees.
@Suite(.serialized) struct EndToEndTests {
    static let originalLines = """
        Loss: 0.13434887664395717
        Gradient for w1 (input to hidden): [ 0.036545 -0.036545]
        Gradient for w2 (hidden to output): [0.08055583 0.04885958]

        """

    @Test func backpropPrintsTheOriginalLinesExactly() throws {
        let result = try nbrun("render", "notebooks/backprop.md", "--to", "md", "-o", "-", in: Fixture.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("```text\n" + Self.originalLines + "```"))
    }

    @Test func backpropMarkdownKeepsEveryEquationByteForByte() throws {
        let result = try nbrun("notebooks/backprop.md", "--to", "md", "-o", "-", in: Fixture.packageRoot)
        let notebook = try String(
            contentsOf: Fixture.packageRoot.appendingPathComponent("notebooks/backprop.md"), encoding: .utf8)
        let equations = notebook.split(separator: "\n").filter { $0.contains("$") }
        #expect(equations.count > 10)
        for line in equations { #expect(result.stdout.contains(line), "\(line)") }
    }

    @Test func backpropJSONListsEveryCellOK() throws {
        let result = try nbrun("render", "notebooks/backprop.md", "--to", "json", "-o", "-", in: Fixture.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["ok"] as? Bool == true)
        #expect(json["notebook"] as? String == "notebooks/backprop.md")
        let cells = try #require(json["cells"] as? [[String: Any]])
        #expect(cells.count == 8)
        #expect(cells.allSatisfy { $0["status"] as? String == "ok" })
        #expect(
            cells.map { $0["id"] as? String } == [
                "parameters", "activations", "forward", "backward", "results", "numeric", "corrected",
                "landscape"
            ])
        #expect(cells[4]["stdout"] as? String == Self.originalLines)
    }

    @Test func compileErrorNamesTheNotebookLineAndQuotesIt() throws {
        let result = try nbrun("render", Fixture.path("compile-error.md"), "--to", "json", "-o", "-")
        #expect(result.status == 1)
        let file = Fixture.path("compile-error.md")
        #expect(
            result.stderr.contains(
                "\(file):10:11: error: cannot find 'undefinedName' in scope\nprint(n + undefinedName)\n          ^"))
        #expect(!result.stderr.contains("main.swift"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let cells = try #require(json["cells"] as? [[String: Any]])
        // The third cell doesn't use what the broken one declares, so it still runs.
        #expect(cells.map { $0["status"] as? String } == ["ok", "error", "ok"])
        #expect(cells[0]["stdout"] as? String == "hello\n")
        #expect(cells[2]["stdout"] as? String == "never\n")
        let error = try #require(cells[1]["error"] as? [String: Any])
        #expect(error["line"] as? Int == 10)
        #expect(error["message"] as? String == "cannot find 'undefinedName' in scope")
    }

    @Test func aTrapInCellTwoOfThree() throws {
        let result = try nbrun("render", Fixture.path("trap.md"), "--to", "json", "-o", "-")
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let cells = try #require(json["cells"] as? [[String: Any]])
        #expect(cells.map { $0["status"] as? String } == ["ok", "error", "not-run"])
        #expect(cells[0]["stdout"] as? String == "cell one\n")
        #expect(cells[1]["stdout"] as? String == "about to fail\n")
        let error = try #require(cells[1]["error"] as? [String: Any])
        #expect(error["message"] as? String == "Fatal error: Index out of range")
        #expect(error["line"] as? Int == 10)
        #expect(
            result.stderr.contains(
                "\(Fixture.path("trap.md")):10:14: error: Fatal error: Index out of range\nprint(numbers[7])\n             ^"
            ))
    }

    @Test func topLevelStateIsSharedAcrossCells() throws {
        let result = try nbrun("render", Fixture.path("state.md"), "--to", "json", "-o", "-")
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let cells = try #require(json["cells"] as? [[String: Any]])
        #expect(cells[1]["stdout"] as? String == "41 3.0 (1, 2) [0.5]\n")
    }

    @Test func crlfNotebookReportsTheRightLine() throws {
        let result = try nbrun("render", Fixture.path("crlf.md"), "--to", "json", "-o", "-")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("crlf.md:8:17: error: cannot convert value of type 'String' to specified type 'Int'")
        )
    }

    @Test func theProgramRunsInTheNotebooksFolder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "42\n".write(to: dir.appendingPathComponent("data.txt"), atomically: true, encoding: .utf8)
        try "```swift-cell\nprint(try! String(contentsOfFile: \"data.txt\", encoding: .utf8), terminator: \"\")\n```\n"
            .write(to: dir.appendingPathComponent("read.md"), atomically: true, encoding: .utf8)
        let result = try nbrun("render", dir.appendingPathComponent("read.md").path, "--to", "md")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try String(contentsOf: dir.appendingPathComponent("read.out.md"), encoding: .utf8)
        #expect(report.contains("```text\n42\n```"))
    }

    @Test func aReportIsNeverWrittenOverTheNotebook() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let notebook = dir.appendingPathComponent("n.md")
        let text = "```swift-cell\nprint(1)\n```\n"
        try text.write(to: notebook, atomically: true, encoding: .utf8)
        let result = try nbrun("render", notebook.path, "--to", "md", "-o", notebook.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("that is the notebook itself"))
        #expect(try String(contentsOf: notebook, encoding: .utf8) == text)
    }

    @Test func reportsGoThroughSymlinksAndIntoDevices() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("real.json")
        let link = dir.appendingPathComponent("link.json")
        try "old".write(to: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(try nbrun("render", Fixture.path("state.md"), "--to", "json", "-o", link.path).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8).contains("\"ok\" : true"))
        // Renaming a temporary file over /dev/null would replace the device with a file.
        #expect(try nbrun("render", Fixture.path("state.md"), "--to", "json", "-o", "/dev/null").status == 0)
        #expect(
            try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
                == .typeCharacterSpecial)
    }

    @Test func theXORNotebookTrainsAsNumpyDoes() throws {
        // bench/xor.py is the same loop in numpy; the printed losses and predictions agree
        // to 1e-9 relative (in practice to the last digit or two).
        let numpy = try SystemProcessRunner().run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "bench/xor.py"], environment: nil,
            directory: Fixture.packageRoot)
        #expect(numpy.status == 0, "\(String(decoding: numpy.stderr, as: UTF8.self))")
        let result = try nbrun("render", "notebooks/xor.md", "--to", "json", "-o", "-", in: Fixture.packageRoot)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let cells = try #require(json["cells"] as? [[String: Any]])
        let swift = cells.compactMap { $0["stdout"] as? String }.dropFirst().joined()
        let rules = ComparisonRules(match: .numbers, rtol: 1e-9, atol: 0)
        #expect(
            OutputMatcher.compare(
                expected: String(decoding: numpy.stdout, as: UTF8.self), actual: swift,
                rules: rules) == nil, "\(swift)")
        #expect(swift.contains("step 5000: loss 0.000261964901995766"))
    }
}

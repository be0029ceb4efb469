import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// The commands CI depends on, run as a CI job runs them: each test is a bug that was
/// reproduced on the built binary.
@Suite(.serialized) struct CIRegressionTests {
    private func run(_ arguments: String..., in directory: URL) throws -> CommandResult {
        try nbrun(arguments, in: directory)
    }

    private func folder(with files: [String: String]) throws -> URL {
        let dir = try temporaryDirectory()
        for (name, text) in files {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir
    }

    static let printing = "# P\n\n```swift-cell\nlet x = 2\n```\n\n```swift-cell\nprint(x * 21)\n```\n"

    @Test func anEmptyShardIsNotACrash() throws {
        let dir = try folder(with: ["one.md": Self.printing])
        defer { try? FileManager.default.removeItem(at: dir) }
        for command in ["check", "update", "render"] {
            let result = try run(command, "--shard", "2/2", "one.md", in: dir)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("nbrun: shard 2/2 has no notebooks"), "\(command)")
        }
    }

    @Test func aMissingNotebookIsAnErrorInTheJunitFileAndBeforeTheSummary() throws {
        let dir = try folder(with: ["one.md": Self.printing])
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try run("check", "--junit", "j.xml", "one.md", "missing.md", in: dir)
        #expect(result.status == 2)
        let xml = try String(contentsOf: dir.appendingPathComponent("j.xml"), encoding: .utf8)
        #expect(xml.contains("<testsuite name=\"missing.md\" tests=\"1\" failures=\"0\" errors=\"1\""))
        let lines = result.stderr.split(separator: "\n")
        #expect(
            lines.last.map(String.init) == "nbrun check: 2 notebooks, 0 passed, 0 failed, 0 errored, 1 unchecked; "
                + "1 notebook could not be checked")
        #expect(lines.contains { $0.contains("missing.md") && $0.contains("error") })
    }

    @Test func strictAsksOnlyForOutputsThatExistAndUpdateCanGiveThem() throws {
        let dir = try folder(with: ["one.md": Self.printing])
        defer { try? FileManager.default.removeItem(at: dir) }
        let strict = try run("check", "--strict", "one.md", in: dir)
        #expect(strict.status == 1)
        // The first cell prints nothing: it has nothing to document.
        #expect(strict.stdout.contains("one.md:7: error: cell 2 documents no output (--strict)"))
        #expect(!strict.stdout.contains("cell 1 documents"))
        #expect(try run("update", "--add-missing", "one.md", in: dir).stdout == "one.md: added 1\n")
        let again = try run("check", "--strict", "one.md", in: dir)
        #expect(again.status == 0, "\(again.stdout)")
        #expect(again.stdout.contains("one.md: 1 passed, 0 failed, 0 errored, 0 unchecked"))
    }

    @Test func updateNeverWritesAnOutputThatWasCut() throws {
        let long = "# L\n\n```swift-cell\nfor i in 0..<2000 { print(i * 1000) }\n```\n"
        let dir = try folder(with: ["long.md": long])
        defer { try? FileManager.default.removeItem(at: dir) }
        let update = try run("update", "--add-missing", "--max-output", "1000", "long.md", in: dir)
        #expect(try String(contentsOf: dir.appendingPathComponent("long.md"), encoding: .utf8) == long)
        #expect(
            update.stderr.contains(
                "long.md:3: warning: cell 1 printed more than --max-output keeps (1000 bytes), so its output was not written"
            ))
        // Its line says so too, and it doesn't succeed: the notebook is not up to date.
        #expect(update.stdout == "long.md: nothing written; 1 output not written (more than --max-output)\n")
        #expect(update.status == 1)
    }

    @Test func anExpectedCompileErrorIsDocumentedWithoutTheCompilersNotes() throws {
        let text = "# E\n\n```swift-cell id=conv expect=error\nlet d = 2.5\nlet n: Int = d\n```\n"
        let dir = try folder(with: ["e.md": text, "f.md": text.replacingOccurrences(of: " expect=error", with: "")])
        defer { try? FileManager.default.removeItem(at: dir) }
        // swiftc gives this error fix-its, which the terminal shows; the documented output doesn't.
        let render = try run("render", "f.md", "-o", "/dev/null", in: dir)
        #expect(render.stderr.contains("f.md:5:14: note: fix-it: replace with 'Int('"), "\(render.stderr)")
        let update = try run("update", "--add-missing", "e.md", in: dir)
        #expect(update.stdout == "e.md: added 1\n", "\(update.stderr)")
        #expect(
            try String(contentsOf: dir.appendingPathComponent("e.md"), encoding: .utf8)
                == text + "\n```output\ncell conv, line 2: error: cannot convert value of type 'Double' "
                + "to specified type 'Int'\n```\n")
        #expect(try run("check", "e.md", in: dir).status == 0)
    }

    @Test func renderSaysWhenADocumentedOutputDiffers() throws {
        let text = Self.printing + "\n```output\n41\n```\n"
        let dir = try folder(with: ["one.md": text])
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try run("render", "one.md", in: dir)
        #expect(html.status == 0)
        #expect(html.stderr.contains("one.md:12: warning: documented output differs (run nbrun check for the diff)\n"))
        let json = try run("render", "one.md", "--to", "json", "-o", "-", in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        let cells = try #require(object["cells"] as? [[String: Any]])
        let check = try #require(cells[1]["check"] as? [String: Any])
        #expect(check["verdict"] as? String == "failed")
        #expect(check["line"] as? Int == 11)
        #expect(cells[0]["check"] is NSNull)
    }

    @Test func aReportIntoANewFolderIsWrittenAndABadOneStopsBeforeRunning() throws {
        let dir = try folder(with: ["one.md": Self.printing, "taken": "a file"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try run("render", "one.md", "-o", "new/dir/x.html", in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("new/dir/x.html").path))
        let bad = try run("render", "one.md", "-o", "taken/x.html", in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("nbrun: error: taken: can't create the folder for the report"))
        #expect(!bad.stderr.contains("cell"))
    }

    @Test func checkAndUpdateRefuseFlagsThatMeanNothingToThem() throws {
        let dir = try folder(with: ["one.md": Self.printing])
        defer { try? FileManager.default.removeItem(at: dir) }
        for command in ["check", "update"] {
            #expect(try run(command, "--template", "/nonexistent", "one.md", in: dir).status == 64)
            #expect(try run(command, "--unsafe-html", "one.md", in: dir).status == 64)
        }
    }
}

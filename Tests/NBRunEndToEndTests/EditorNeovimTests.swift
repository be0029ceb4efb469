import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// `nbrun lsp` in a real editor: Debian's Neovim, headless, set up as docs/editors.md
/// says (editors/neovim), opening a notebook, typing into it and asking what a user asks.
@Suite struct EditorNeovimTests {
    static let nvim = ["/usr/bin/nvim", "/usr/local/bin/nvim"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// What the driver saw: diagnostics by name, answers by name, the server's log, errors.
    struct Outcome {
        var json: [String: Any]
        var log: [String] { json["log"] as? [String] ?? [] }
        var errors: [Any] { (json["errors"] as? [Any]) ?? Array((json["errors"] as? [String: Any] ?? [:]).values) }
        func diagnostics(_ name: String) -> [[String: Any]] {
            ((json["diagnostics"] as? [String: Any])?[name] as? [[String: Any]]) ?? []
        }
        func result(_ name: String) -> Any? { (json["results"] as? [String: Any])?[name] }
        /// The labels of a completion answer (a list, or a list with `items`).
        func labels(_ name: String) -> [String] {
            let answer = result(name)
            let items = (answer as? [[String: Any]]) ?? ((answer as? [String: Any])?["items"] as? [[String: Any]]) ?? []
            return items.compactMap { $0["label"] as? String }
        }
    }

    /// Runs Neovim on `notebook` with the driver's `steps`.
    func drive(_ notebook: URL, steps: [[String: Any]]) throws -> Outcome {
        let folder = notebook.deletingLastPathComponent()
        let stepsFile = folder.appendingPathComponent("steps.json")
        let outFile = folder.appendingPathComponent("out.json")
        let plan: [String: Any] = [
            "notebook": notebook.path,
            "nbrun": nbrunExecutable.path,
            "plugin": Fixture.packageRoot.appendingPathComponent("editors/neovim").path,
            "steps": steps
        ]
        try JSONSerialization.data(withJSONObject: plan).write(to: stepsFile)
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = testCache
        environment["NBRUN_TEST_STEPS"] = stepsFile.path
        environment["NBRUN_TEST_OUT"] = outFile.path
        let output = try SystemProcessRunner().run(
            URL(fileURLWithPath: Self.nvim!),
            ["--headless", "--clean", "-c", "luafile " + Fixture.path("editors/neovim-driver.lua")],
            environment: environment, directory: folder, deadline: Date().addingTimeInterval(900))
        #expect(output.status == 0, "\(String(decoding: output.stderr, as: UTF8.self))")
        let data = try Data(contentsOf: outFile)
        return Outcome(json: try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:])
    }

    static let notebook = """
        # In the editor

        Prose that mentions np.zeros is not code, and $x^{2$ is broken math.

        ```swift-cell
        let weights = np.zeros([2, 3])
        ```

        ```swift-cell
        let broken: Int = "text"
        ```

        ```swift-cell
        let total = weights.sum() + Double(broken)
        print(total)
        ```

        ```swift-cell
        let a = 1
        let a = 2
        ```

        ```swift-cell
        let picked = weights[0..<2, [0, 2]]
        ```

        """

    @Test func neovimShowsDiagnosticsAndCompletesInsideCells() throws {
        guard Self.nvim != nil else {
            Issue.record("neovim is not installed; run scripts/install-deps --test")
            return
        }
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notebook = folder.appendingPathComponent("editor.md")
        try Self.notebook.write(to: notebook, atomically: true, encoding: .utf8)
        let outcome = try drive(
            notebook,
            steps: [
                ["op": "wait_diagnostics", "count": 5],
                ["op": "diagnostics", "name": "opened"],
                // Completion after `np.`, typed into the third cell.
                ["op": "set_line", "line": 14, "text": "let z = np."],
                ["op": "request", "name": "np", "method": "textDocument/completion", "line": 14, "character": 11],
                // A name from an earlier cell.
                ["op": "set_line", "line": 14, "text": "print(weig"],
                ["op": "request", "name": "earlier", "method": "textDocument/completion", "line": 14, "character": 10],
                ["op": "set_line", "line": 14, "text": "let q = np.zeros("],
                [
                    "op": "request", "name": "signature", "method": "textDocument/signatureHelp", "line": 14,
                    "character": 17
                ],
                ["op": "set_line", "line": 14, "text": "print(total)"],
                ["op": "request", "name": "hoverZeros", "method": "textDocument/hover", "line": 5, "character": 18],
                ["op": "request", "name": "hoverWeights", "method": "textDocument/hover", "line": 13, "character": 13],
                [
                    "op": "request", "name": "defWeights", "method": "textDocument/definition", "line": 13,
                    "character": 13
                ],
                ["op": "request", "name": "defZeros", "method": "textDocument/definition", "line": 5, "character": 18],
                // Prose and fences get no Swift answers.
                ["op": "request", "name": "prose", "method": "textDocument/completion", "line": 2, "character": 24],
                ["op": "request", "name": "fence", "method": "textDocument/hover", "line": 4, "character": 4],
                // sourcekit-lsp dies; the next request starts it again.
                ["op": "kill_sourcekit"],
                ["op": "set_line", "line": 14, "text": "let z = np."],
                [
                    "op": "request", "name": "afterCrash", "method": "textDocument/completion", "line": 14,
                    "character": 11
                ]
            ])
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")

        // The broken cell's error, where the string literal is (0-based line 9, column 18).
        let opened = outcome.diagnostics("opened")
        let error = try #require(opened.first { ($0["message"] as? String)?.contains("cannot convert") == true })
        #expect(error["line"] as? Int == 9)
        #expect(error["character"] as? Int == 18)
        #expect(error["message"] as? String == "cannot convert value of type 'String' to specified type 'Int'")
        // The cell that uses it says why it can't run, pointing at that error.
        let blocked = try #require(
            opened.first { ($0["message"] as? String)?.hasPrefix("'broken' is declared") == true })
        #expect(blocked["line"] as? Int == 13)
        #expect(blocked["character"] as? Int == 35)
        let related = try #require((blocked["related"] as? [[String: Any]])?.first)
        #expect((related["message"] as? String)?.hasPrefix("cell 2 does not compile: cannot convert") == true)
        #expect(
            ((related["location"] as? [String: Any])?["range"] as? [String: Any]).flatMap {
                ($0["start"] as? [String: Any])?["line"] as? Int
            } == 9)
        // A redeclaration points at the first declaration.
        let redeclaration = try #require(opened.first { ($0["message"] as? String) == "invalid redeclaration of 'a'" })
        #expect(redeclaration["line"] as? Int == 19)
        let first = try #require((redeclaration["related"] as? [[String: Any]])?.first)
        #expect(
            ((first["location"] as? [String: Any])?["range"] as? [String: Any]).flatMap {
                ($0["start"] as? [String: Any])?["line"] as? Int
            } == 18)
        // The planner's range trap, at the range.
        let trap = try #require(opened.first { $0["line"] as? Int == 23 })
        #expect(trap["character"] as? Int == 21)
        #expect(trap["severity"] as? Int == 2)
        #expect(
            (trap["message"] as? String)?.hasPrefix("`0..<2` beside an integer-array index is a slice") == true,
            "\(trap)")
        // KaTeX's complaint about the prose's formula, on its line.
        #expect(
            opened.contains {
                $0["line"] as? Int == 2 && ($0["message"] as? String)?.hasPrefix("KaTeX can't typeset") == true
            })

        let np = outcome.labels("np")
        for member in ["zeros(_ shape: ShapeConvertible, dtype: DType)", "random", "float64"] {
            #expect(np.contains { $0.hasPrefix(member.prefix { $0 != "(" }) }, "\(member) in \(np.prefix(20))")
        }
        #expect(!np.contains { $0.contains("__nb") })
        #expect(outcome.labels("earlier").contains("weights"))
        let signature = outcome.result("signature") as? [String: Any]
        let label = ((signature?["signatures"] as? [[String: Any]])?.first?["label"] as? String) ?? ""
        #expect(label.hasPrefix("zeros(_ shape: ShapeConvertible"), "\(label)")

        let hover = "\(outcome.result("hoverZeros") ?? "")"
        #expect(hover.contains("numpy: `np.zeros(shape, dtype=float)`"), "\(hover)")
        #expect("\(outcome.result("hoverWeights") ?? "")".contains("Tensor"))

        // Definition of an earlier cell's name lands on its line of the notebook.
        let definition = try #require((outcome.result("defWeights") as? [[String: Any]])?.first)
        #expect(definition["uri"] as? String == notebook.absoluteString)
        let start = (definition["range"] as? [String: Any])?["start"] as? [String: Any]
        #expect(start?["line"] as? Int == 5)
        #expect(start?["character"] as? Int == 4)
        // Definition of a runtime function lands in the runtime's source, on its declaration.
        let runtime = try #require((outcome.result("defZeros") as? [[String: Any]])?.first)
        let runtimeFile = try #require((runtime["uri"] as? String).flatMap(URL.init(string:)))
        #expect(runtimeFile.lastPathComponent == "NumPy.swift")
        let runtimeLine = ((runtime["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int ?? -1
        let runtimeLines = try String(contentsOf: runtimeFile, encoding: .utf8).components(separatedBy: "\n")
        #expect(runtimeLines.indices.contains(runtimeLine) && runtimeLines[runtimeLine].contains("func zeros"))

        #expect(outcome.result("prose") is NSNull)
        #expect(outcome.result("fence") is NSNull)

        #expect(outcome.log.contains { $0.contains("sourcekit-lsp was killed by signal 9") }, "\(outcome.log)")
        #expect(outcome.log.contains { $0.contains("restarted sourcekit-lsp") }, "\(outcome.log)")
        #expect(outcome.labels("afterCrash").contains { $0.hasPrefix("zeros") })
    }

    @Test func neovimSurvivesA2000CellNotebookAndOneThatDoesNotParse() throws {
        guard Self.nvim != nil else {
            Issue.record("neovim is not installed; run scripts/install-deps --test")
            return
        }
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notebook = folder.appendingPathComponent("many.md")
        // 2,000 cells; cell n's code is on (0-based) line 3 + 4n.
        var text = "# Many cells\n\n"
        for n in 0..<2000 { text += "```swift-cell\nlet v\(n) = \(n)\n```\n\n" }
        try text.write(to: notebook, atomically: true, encoding: .utf8)
        let last = 3 + 4 * 1999
        let middle = 3 + 4 * 999
        let outcome = try drive(
            notebook,
            steps: [
                // Completion in the last of 2,000 cells.
                ["op": "set_line", "line": last, "text": "let z = v199"],
                ["op": "request", "name": "huge", "method": "textDocument/completion", "line": last, "character": 12],
                // A name declared by an edit of a cell in the middle is offered in the last
                // one, and its definition is that cell's line. (The completion starts
                // elsewhere than the first: sourcekit-lsp only filters its last list again
                // for a completion that starts at the same place.)
                ["op": "set_line", "line": middle, "text": "let v999 = 999, fresh = 1"],
                ["op": "set_line", "line": last, "text": "let zz = fres"],
                [
                    "op": "request", "name": "afterEdit", "method": "textDocument/completion", "line": last,
                    "character": 13
                ],
                ["op": "set_line", "line": last, "text": "let zz = fresh"],
                [
                    "op": "request", "name": "definition", "method": "textDocument/definition", "line": last,
                    "character": 11
                ],
                // A fence whose options don't parse: the notebook is one error there, and no Swift answers.
                ["op": "set_line", "line": last - 1, "text": "```swift-cell bogus=1"],
                ["op": "wait_message", "contains": "unknown cell option 'bogus'", "name": "option"],
                ["op": "diagnostics", "name": "option"],
                [
                    "op": "request", "name": "unparsed", "method": "textDocument/completion", "line": last,
                    "character": 12
                ]
            ])
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(outcome.labels("huge").contains("v1998"), "\(outcome.labels("huge").prefix(10))")
        #expect(outcome.labels("afterEdit").contains("fresh"), "\(outcome.labels("afterEdit").prefix(10))")
        let definition = try #require((outcome.result("definition") as? [[String: Any]])?.first)
        #expect(definition["uri"] as? String == notebook.absoluteString)
        let start = (definition["range"] as? [String: Any])?["start"] as? [String: Any]
        #expect(start?["line"] as? Int == middle)
        #expect(start?["character"] as? Int == 16)
        let option = outcome.diagnostics("option")
        #expect(option.count == 1, "\(option)")
        #expect(option.first?["line"] as? Int == last - 1)
        #expect(option.first?["severity"] as? Int == 1)
        #expect(outcome.result("unparsed") is NSNull)
    }

    @Test func neovimKeepsTheLastOfFastEditsAndAHalfTypedFence() throws {
        guard Self.nvim != nil else {
            Issue.record("neovim is not installed; run scripts/install-deps --test")
            return
        }
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notebook = folder.appendingPathComponent("typing.md")
        try "# Typing\n\n```swift-cell\nlet v1 = 1\n```\n\n```swift-cell\nlet v2 = 2\n```\n".write(
            to: notebook, atomically: true, encoding: .utf8)
        let outcome = try drive(
            notebook,
            steps: [
                // Typing fast: every prefix is a new text; only the last one's diagnostics stay.
                ["op": "type", "line": 7, "text": "let bad: Int = \"typed\"", "pause": 15],
                ["op": "wait_message", "contains": "cannot convert value of type 'String'", "name": "typed"],
                ["op": "diagnostics", "name": "typed"],
                // A new cell at the end whose fence isn't closed yet.
                ["op": "set_line", "line": 7, "text": "let v2 = 2"],
                ["op": "append", "lines": ["", "```swift-cell", "let w = v2 + v1"]],
                ["op": "wait_message", "contains": "unterminated code fence", "name": "fence"],
                ["op": "diagnostics", "name": "fence"],
                ["op": "request", "name": "halfTyped", "method": "textDocument/completion", "line": 11, "character": 15]
            ])
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        let typed = outcome.diagnostics("typed")
        #expect(typed.count == 1, "\(typed)")
        #expect(typed.first?["line"] as? Int == 7)
        #expect(typed.first?["character"] as? Int == 15)
        let fence = outcome.diagnostics("fence")
        #expect(fence.contains { $0["line"] as? Int == 10 && $0["severity"] as? Int == 2 }, "\(fence)")
        #expect(!fence.contains { $0["severity"] as? Int == 1 }, "\(fence)")
        #expect(outcome.labels("halfTyped").contains("v1"), "\(outcome.labels("halfTyped").prefix(10))")
    }
}

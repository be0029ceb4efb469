import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// How cells behave for an author: redeclared names, every compile error, --keep-going,
/// expected errors, tracebacks. Real notebooks through the built `nbrun`.
@Suite(.serialized) struct NotebookSemanticsTests {
    private func run(_ arguments: String..., in directory: URL? = nil) throws -> CommandResult {
        try nbrun(arguments, in: directory)
    }

    private func json(_ file: String, _ extra: String...) throws -> (CommandResult, [[String: Any]]) {
        let result = try nbrun(["render", Fixture.path("semantics/\(file)"), "--to", "json", "-o", "-"] + extra)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (result, try #require(object?["cells"] as? [[String: Any]], "\(result.stderr)"))
    }

    /// No generated name and no scratch path in anything a user sees.
    private func expectNoPlumbing(_ texts: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for text in texts {
            for leak in ["__nb", "main.swift", "nbrun-scratch", "/tmp/nbrun"] {
                #expect(
                    !text.contains(leak), "\(leak) leaked into: \(text.prefix(400))", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func redeclaredNamesShadowLikeJupyterAndKeepTheAuthorsNames() throws {
        let (result, cells) = try json("redeclare.md")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            cells.map { $0["stdout"] as? String } == [
                "[[1. 1.]\n [1. 1.]]\n",
                "[[2.]\n [2.]\n [2.]]\n",
                "[[1.]\n [1.]\n [1.]] [[10.]\n [10.]\n [10.]]\n",
                "step 1 of ⋅\n"
            ])
        let tensors = cells.map { ($0["tensors"] as? [[String: Any]] ?? []).map { $0["name"] as? String ?? "?" } }
        #expect(tensors == [["x"], ["x", "x2"], ["x"], []])
        let html = try run("render", Fixture.path("semantics/redeclare.md"), "-o", "-")
        let markdown = try run("render", Fixture.path("semantics/redeclare.md"), "--to", "md", "-o", "-")
        expectNoPlumbing(result.stdout, result.stderr, html.stdout, markdown.stdout)
    }

    @Test func everyCellThatDoesNotCompileIsReportedAndTheOthersRun() throws {
        let (result, cells) = try json("compile-errors.md")
        #expect(result.status == 1)
        #expect(cells.map { $0["status"] as? String } == ["ok", "error", "ok", "error", "not-run", "ok"])
        #expect(cells.map { $0["stdout"] as? String } == ["one\n", "", "three\n", "", "", "six 1.0\n"])
        let errors = cells.map { $0["error"] as? [String: Any] }
        #expect(errors[1]?["line"] as? Int == 9)
        #expect(errors[1]?["column"] as? Int == 29)
        #expect(errors[1]?["message"] as? String == "cannot find 'undefinedName' in scope")
        #expect(errors[3]?["line"] as? Int == 17)
        #expect(errors[3]?["message"] as? String == "cannot convert value of type 'String' to specified type 'Int'")
        #expect(cells[4]["reason"] as? String == "uses 'a', declared in cell 2, which does not compile")
        let file = Fixture.path("semantics/compile-errors.md")
        #expect(result.stderr.contains("\(file):9:29: error: cannot find 'undefinedName' in scope\n"))
        #expect(
            result.stderr.contains(
                "\(file):17:14: error: cannot convert value of type 'String' to specified type 'Int'\n"))
        let html = try run("render", file, "-o", "-")
        #expect(html.stdout.components(separatedBy: "class=\"cell cell-error\"").count - 1 == 2)
        #expect(html.stdout.contains("Not run: uses &#39;a&#39;, declared in cell 2, which does not compile."))
        let markdown = try run("render", file, "--to", "md", "-o", "-")
        #expect(markdown.stdout.contains("> *Not run: uses 'a', declared in cell 2, which does not compile.*"))
        expectNoPlumbing(result.stdout, result.stderr, html.stdout, html.stderr, markdown.stdout)
    }

    @Test func aTrapStopsTheNotebookAndNamesEveryNotebookFrame() throws {
        let (result, cells) = try json("keep-going.md")
        #expect(result.status == 1)
        #expect(cells.map { $0["status"] as? String } == ["ok", "error", "not-run", "not-run"])
        #expect(cells[1]["stdout"] as? String == "before the trap\n")
        // What the cell had bound before it trapped is kept.
        #expect((cells[1]["tensors"] as? [[String: Any]])?.map { $0["name"] as? String } == ["doubled"])
        let error = try #require(cells[1]["error"] as? [String: Any])
        #expect(error["message"] as? String == "Fatal error: Index out of range")
        #expect(error["line"] as? Int == 7)
        #expect(error["traceback"] as? [Int] == [9, 11, 19])
        #expect((cells[2]["reason"] as? String)?.hasPrefix("cell 2 stopped the program before this cell ran") == true)
        // Innermost first, like a Python traceback read upwards; the last line is the cell's own.
        let file = Fixture.path("semantics/keep-going.md")
        #expect(
            result.stderr.contains(
                """
                \(file):7:18: error: Fatal error: Index out of range
                    return values[i]
                                 ^
                \(file):9:35: note: called from here
                func middle(_ i: Int) -> Double { inner(i) * 2 }
                                                  ^
                \(file):11:5: note: called from here
                    middle(i) + 1
                    ^
                \(file):19:11: note: called from here
                let bad = outer(5)
                          ^
                """))
    }

    @Test func keepGoingRunsTheCellsThatDoNotDependOnTheTrap() throws {
        for flag in [["--keep-going"], []] {
            var path = Fixture.path("semantics/keep-going.md")
            var directory: URL?
            if flag.isEmpty {  // the same, asked for in the front matter
                let folder = try temporaryDirectory()
                directory = folder
                let text = try Fixture.text("semantics/keep-going.md")
                path = folder.appendingPathComponent("front.md").path
                try ("---\nnbrun:\n  keep-going: true\n---\n" + text).write(
                    toFile: path, atomically: true, encoding: .utf8)
            }
            defer { directory.map { try? FileManager.default.removeItem(at: $0) } }
            let result = try nbrun(["render", path, "--to", "json", "-o", "-"] + flag)
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let cells = try #require(object?["cells"] as? [[String: Any]], "\(result.stderr)")
            #expect(result.status == 1)
            #expect(cells.map { $0["status"] as? String } == ["ok", "error", "ok", "not-run"])
            #expect(
                cells.map { $0["stdout"] as? String } == ["first\n", "before the trap\n", "independent [[1. 2.]]\n", ""]
            )
            #expect(cells[3]["reason"] as? String == "uses 'doubled', declared in cell 2, which trapped")
        }
    }

    @Test func keepGoingSaysWhenACellPrintsSomethingElseTheSecondTime() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        ```swift-cell
        print(Double.random(in: 0..<1))
        ```

        ```swift-cell
        let values: [Int] = []
        print(values[3])
        ```

        ```swift-cell
        print("after")
        ```

        """.write(to: folder.appendingPathComponent("random.md"), atomically: true, encoding: .utf8)
        let result = try run("render", "random.md", "--keep-going", "--to", "json", "-o", "-", in: folder)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let cells = try #require(object?["cells"] as? [[String: Any]], "\(result.stderr)")
        #expect(cells.map { $0["status"] as? String } == ["ok", "error", "ok"])
        #expect(cells.map { $0["rerunDiffers"] as? Bool } == [true, false, false])
        let html = try run("render", "random.md", "--keep-going", "-o", "-", in: folder)
        #expect(html.stdout.contains("<p class=\"rerun-differs\">This cell printed something else"))
    }

    @Test func expectedErrorsAreDocumentedByUpdateAndCheckedByCheck() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("errors.md")
        try FileManager.default.copyItem(atPath: Fixture.path("semantics/expected-errors.md"), toPath: file.path)

        let render = try run("render", "errors.md", "--to", "json", "-o", "-", in: folder)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stdout.contains("\"status\" : \"expected-error\""))

        let update = try run("update", "--add-missing", "errors.md", in: folder)
        #expect(update.status == 0, "\(update.stderr)")
        #expect(
            try String(contentsOf: file, encoding: .utf8) == """
                # Errors shown on purpose

                ```swift-cell id=weights
                let w: Tensor = [[1.0, 2.0]]
                ```

                A shape mismatch:

                ```swift-cell expect=error
                print("forward")
                let y = w ⋅ w
                ```

                ```output
                forward
                cell 2, line 2: error: Fatal error: matmul: shapes (1, 2) and (1, 2) not aligned: 2 (dim 1) != 1 (dim 0)
                ```

                A type error:

                ```swift-cell expect=error
                let n: Int = "x"
                ```

                ```output
                cell 3, line 1: error: cannot convert value of type 'String' to specified type 'Int'
                ```

                And the fix:

                ```swift-cell
                print(w ⋅ w.T)
                ```

                ```output
                [[5.]]
                ```

                """)
        let check = try run("check", "errors.md", in: folder)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("errors.md: 3 passed, 0 failed"))
        expectNoPlumbing(render.stdout, render.stderr, update.stderr, check.stdout, check.stderr)
    }

    @Test func anExpectErrorCellThatRunsFailsCheckAtItsFence() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# N\n\n```swift-cell expect=error\nprint(\"fine\")\n```\n".write(
            to: folder.appendingPathComponent("ran.md"), atomically: true, encoding: .utf8)
        let check = try run("check", "ran.md", in: folder)
        #expect(check.status == 1)
        #expect(
            check.stderr.contains("ran.md:3: error: expected an error, but the cell ran\n```swift-cell expect=error\n"))
    }

    @Test func diagnosticColumnsCountCharactersNotBytes() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "```swift-cell\nlet w = Tensor.ones(1, 1)\nlet q = w ⋅ undefinedThing\n```\n".write(
            to: folder.appendingPathComponent("columns.md"), atomically: true, encoding: .utf8)
        let result = try run("render", "columns.md", "--to", "md", "-o", "-", in: folder)
        #expect(
            result.stderr.contains(
                """
                columns.md:3:13: error: cannot find 'undefinedThing' in scope
                let q = w ⋅ undefinedThing
                            ^
                """))
    }
}

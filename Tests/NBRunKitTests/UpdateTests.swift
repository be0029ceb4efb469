import Foundation
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    @Suite struct UpdateTests {
        /// A check of `text` as if each cell printed `outputs[index - 1]`.
        private func check(_ text: String, printing outputs: [String], file: String = "n.md") throws -> CheckResult {
            let notebook = try Notebook(parsing: text, file: file)
            let cells = notebook.cells.map { cell in
                CellResult(cell: cell, status: .ok, stdout: outputs[cell.index - 1])
            }
            return CheckResult(run: RunResult(notebook: notebook, cells: cells, diagnostics: []))
        }

        @Test func anUnchangedNotebookIsNotRewritten() throws {
            let text = "# T\n\n```swift-cell\nprint(0.5)\n```\n\n```output\n0.5\n```\n"
            #expect(NotebookUpdater().update(try check(text, printing: ["0.5\n"])) == nil)
            // Still matching by precision as written: left exactly as it is.
            #expect(NotebookUpdater().update(try check(text, printing: ["0.5000000000001\n"])) == nil)
        }

        @Test func onlyTheOutputContentChanges() throws {
            let text =
                "---\nnbrun:\n  rtol: 1e-12\n---\n# T  \n\n```swift-cell id=a\nprint(1)\n```\n\n```output match=numbers\n0.4\n```\ntail  \n"
            let updated = try #require(NotebookUpdater().update(try check(text, printing: ["0.5\n"])))
            #expect(
                updated
                    == "---\nnbrun:\n  rtol: 1e-12\n---\n# T  \n\n```swift-cell id=a\nprint(1)\n```\n\n```output match=numbers\n0.5\n```\ntail  \n"
            )
        }

        @Test func crlfStaysCRLF() throws {
            let text = "```swift-cell\r\nprint(2)\r\n```\r\n\r\n```output\r\n1\r\n```\r\nend\r\n"
            let updated = try #require(NotebookUpdater().update(try check(text, printing: ["2\n3\n"])))
            #expect(updated == "```swift-cell\r\nprint(2)\r\n```\r\n\r\n```output\r\n2\r\n3\r\n```\r\nend\r\n")
        }

        @Test func tildeAndLongFencesAndIndentationAreKept() throws {
            let text =
                "```swift-cell\nprint(1)\n```\n\n  ~~~~output\n  old\n  ~~~~\n\n````swift-cell\nprint(2)\n````\n````output\nold\n````\n"
            let updated = try #require(NotebookUpdater().update(try check(text, printing: ["a\n\nb\n", "```\n"])))
            #expect(
                updated
                    == "```swift-cell\nprint(1)\n```\n\n  ~~~~output\n  a\n\n  b\n  ~~~~\n\n````swift-cell\nprint(2)\n````\n````output\n```\n````\n"
            )
        }

        @Test func outputThatContainsTheFenceGetsALongerFence() throws {
            let text = "```swift-cell\nprint(1)\n```\n\n```output\nold\n```\n"
            let updated = try #require(NotebookUpdater().update(try check(text, printing: ["```\n"])))
            #expect(updated == "```swift-cell\nprint(1)\n```\n\n````output\n```\n````\n")
        }

        @Test func addMissingInsertsBlocksOnlyWhereSomethingPrinted() throws {
            let text = "```swift-cell\nprint(1)\n```\n\n```swift-cell\nlet quiet = 1\n```\nprose\n"
            let updated = try #require(NotebookUpdater(addMissing: true).update(try check(text, printing: ["1\n", ""])))
            #expect(
                updated
                    == "```swift-cell\nprint(1)\n```\n\n```output\n1\n```\n\n```swift-cell\nlet quiet = 1\n```\nprose\n"
            )
            #expect(NotebookUpdater(addMissing: false).update(try check(text, printing: ["1\n", ""])) == nil)
        }

        @Test func updatingTwiceChangesNothingTheSecondTime() throws {
            let text = "```swift-cell\nprint(1)\n```\n\n```output\n7\n```\n\n```swift-cell\nprint(2)\n```\n"
            let first = try #require(
                NotebookUpdater(addMissing: true).update(try check(text, printing: ["1\n", "2\n"])))
            #expect(NotebookUpdater(addMissing: true).update(try check(first, printing: ["1\n", "2\n"])) == nil)
        }

        @Test func aNotebookThatFailedToCompileIsNeverChanged() throws {
            let text = "```swift-cell\nprint(1)\n```\n\n```output\n7\n```\n"
            var result = try check(text, printing: ["1\n"])
            result.run.diagnostics = [Diagnostic(.error, "cannot find 'x' in scope")]
            #expect(NotebookUpdater(addMissing: true).update(result) == nil)
        }

        @Test func outputBlockWithoutACellIsAWarning() throws {
            let notebook = try Notebook(parsing: "# T\n\nprose\n\n```output\n1\n```\n", file: "n.md")
            #expect(
                notebook.diagnostics.map(\.formatted) == [
                    "n.md:5: warning: this output block follows no cell, so nothing is compared with it\n```output"
                ])
        }

        @Test func frontMatterSetsDefaultsAndBadValuesPointAtTheirLine() throws {
            let notebook = try Notebook(
                parsing: "---\ntitle: x\nnbrun:\n  match: exact\n  atol: 0.5\n---\n# T\n", file: "n.md")
            #expect(notebook.outputDefaults == OutputOptions(match: .exact, rtol: nil, atol: 0.5))
            #expect(notebook.headings.map(\.text) == ["T"])
            #expect(notebook.text == "---\ntitle: x\nnbrun:\n  match: exact\n  atol: 0.5\n---\n# T\n")
            let error = #expect(throws: ParseError.self) {
                try Notebook(parsing: "---\nnbrun:\n  rtol: lots\n---\n", file: "n.md")
            }
            #expect(
                error?.diagnostic.formatted
                    == "n.md:3: error: rtol takes a non-negative number, not 'lots'\n  rtol: lots")
        }
    }

    /// `update` inside list items and block quotes, and with the `swift cell` spelling.
    @Suite struct NestedUpdateTests {
        private func check(_ text: String, printing outputs: [String]) throws -> CheckResult {
            let notebook = try Notebook(parsing: text, file: "n.md")
            let cells = notebook.cells.map { CellResult(cell: $0, status: .ok, stdout: outputs[$0.index - 1]) }
            return CheckResult(run: RunResult(notebook: notebook, cells: cells, diagnostics: []))
        }

        @Test func rewritingAnOutputKeepsTheQuoteMarkersAndTheListIndentation() throws {
            let text = """
                > ```swift-cell
                > print(1)
                > ```
                >
                > ```output
                > old
                > ```

                1. Step:

                   ```swift cell
                   print(2)
                   ```
                   ~~~~output
                   old
                   ~~~~
                   After.

                """
            let updated = try #require(NotebookUpdater().update(try check(text, printing: ["a\n\nb\n", "```\nc\n"])))
            #expect(
                updated == """
                    > ```swift-cell
                    > print(1)
                    > ```
                    >
                    > ```output
                    > a
                    >
                    > b
                    > ```

                    1. Step:

                       ```swift cell
                       print(2)
                       ```
                       ~~~~output
                       ```
                       c
                       ~~~~
                       After.

                    """)
        }

        @Test func addMissingWritesTheNewBlockInsideTheCellsListItemOrQuote() throws {
            let text = """
                - ```swift-cell
                  print(1)
                  ```
                - Next item.

                > > ```swift cell
                > > print(2)
                > > ```
                > Back in the outer quote.

                """
            let updated = try #require(
                NotebookUpdater(addMissing: true).update(try check(text, printing: ["1\n", "two\n\nlines\n"])))
            #expect(
                updated == """
                    - ```swift-cell
                      print(1)
                      ```

                      ```output
                      1
                      ```
                    - Next item.

                    > > ```swift cell
                    > > print(2)
                    > > ```
                    > >
                    > > ```output
                    > > two
                    > >
                    > > lines
                    > > ```
                    > Back in the outer quote.

                    """)
            let reparsed = try Notebook(parsing: updated, file: "n.md")
            #expect(reparsed.cells.map { reparsed.documentedOutput(of: $0)?.content } == ["1\n", "two\n\nlines\n"])
            #expect(
                NotebookUpdater(addMissing: true).update(try check(updated, printing: ["1\n", "two\n\nlines\n"])) == nil
            )
        }

        @Test func anUnterminatedOutputInAQuoteGetsAClosingFenceInTheQuote() throws {
            let text = "> ```swift-cell\n> print(1)\n> ```\n> ```output\n> old\n\nAfter.\n"
            let updated = try #require(NotebookUpdater().update(try check(text, printing: ["new\n"])))
            #expect(updated == "> ```swift-cell\n> print(1)\n> ```\n> ```output\n> new\n> ```\n\nAfter.\n")
        }
    }

    @Suite struct AtomicFileTests {
        /// Fails when asked to rename, after the temporary file was written.
        struct FailingRename: FileSystem {
            var real = LocalFileSystem()
            func write(_ data: Data, to url: URL) throws { try real.write(data, to: url) }
            func permissions(of url: URL) throws -> Int? { try real.permissions(of: url) }
            func setPermissions(_ permissions: Int, of url: URL) throws {
                try real.setPermissions(permissions, of: url)
            }
            func replace(_ url: URL, with temporary: URL) throws { throw CocoaError(.fileWriteNoPermission) }
            func remove(_ url: URL) { real.remove(url) }
        }

        @Test func aFailureMidwayLeavesTheOriginalIntactAndNoTemporaryFile() throws {
            let dir = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("n.md")
            try "original\n".write(to: file, atomically: false, encoding: .utf8)
            #expect(throws: CocoaError.self) { try AtomicFile(fileSystem: FailingRename()).write("new\n", to: file) }
            #expect(try String(contentsOf: file, encoding: .utf8) == "original\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["n.md"])
        }

        @Test func theFileModeIsKept() throws {
            let dir = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("n.md")
            try "original\n".write(to: file, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
            try AtomicFile().write("new\n", to: file)
            #expect(try String(contentsOf: file, encoding: .utf8) == "new\n")
            #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o640)
        }
    }
}

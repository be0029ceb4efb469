import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    @Suite struct ParserTests {
        @Test func findsCellsWithOptionsAndLines() throws {
            let notebook = try Notebook(parsing: try Fixture.text("cells.md"), file: "cells.md")
            let cells = notebook.cells
            #expect(cells.map(\.index) == [1, 2, 3, 4])
            #expect(cells.map(\.line) == [5, 9, 20, 28])
            #expect(cells[0].options.id == "first")
            #expect(cells[0].source == "let a = 1\n")
            #expect(cells[1].options.echo == false && cells[1].options.output == false)
            #expect(cells[1].source == "let b = a + 1\n")  // a tilde fence
            // A 4-backtick fence:
            #expect(cells[2].options.eval == false && cells[2].options.tensors == TensorDisplay.none)
            #expect(cells[3].source == "print(a + b)\n")
            #expect(cells.allSatisfy { !$0.source.contains("never run") && !$0.source.contains("indented") })
        }

        @Test func printingTheBlocksGivesBackTheSameBytes() throws {
            for name in ["cells.md", "crlf.md", "trap.md", "state.md"] {
                let text = try Fixture.text(name)
                #expect(try Notebook(parsing: text, file: name).text == text, "\(name)")
            }
            let bom = "\u{FEFF}# T\n\n```swift-cell\nprint(1)\n```\n"
            #expect(try Notebook(parsing: bom, file: "b.md").text == bom)
            #expect(try Notebook(parsing: bom, file: "b.md").cells.first?.line == 3)
        }

        @Test func crlfLineNumbersCountLines() throws {
            let notebook = try Notebook(parsing: try Fixture.text("crlf.md"), file: "crlf.md")
            #expect(notebook.cells.map(\.line) == [3, 7])
            #expect(notebook.cells[0].source == "print(\"crlf\")\n")
            #expect(notebook.line(8) == "let oops: Int = \"no\"")
        }

        @Test func unknownOptionNamesTheLine() throws {
            #expect(
                throws: ParseError.badCellOption(
                    "unknown cell option 'colour'; known options: id, echo, output, eval, tensors, timeout, expect, figures, solution, cache",
                    at: SourceLocation(file: "bad-option.md", line: 7), sourceLine: "```swift-cell colour=blue")
            ) {
                try Notebook(parsing: try Fixture.text("bad-option.md"), file: "bad-option.md")
            }
        }

        @Test func malformedFlagAndDuplicateID() throws {
            #expect(throws: ParseError.self) {
                try Notebook(parsing: "```swift-cell echo=maybe\n```\n", file: "x.md")
            }
            let duplicate = "```swift-cell id=a\n```\n\n```swift-cell id=a\n```\n"
            let error = #expect(throws: ParseError.self) { try Notebook(parsing: duplicate, file: "x.md") }
            #expect(
                error?.diagnostic.formatted
                    == "x.md:4: error: duplicate cell id 'a'; it was first used at line 1\n```swift-cell id=a")
        }

        @Test func unterminatedFenceIsAWarningAtItsLine() throws {
            let notebook = try Notebook(parsing: "# T\n\n```swift-cell\nprint(1)\n", file: "u.md")
            #expect(notebook.cells.count == 1)
            #expect(
                notebook.diagnostics.map(\.formatted) == [
                    "u.md:3: warning: unterminated code fence: it runs to the end of the file\n```swift-cell"
                ])
        }

        @Test func headingsAndProseAreKept() throws {
            let notebook = try Notebook(parsing: try Fixture.text("cells.md"), file: "cells.md")
            #expect(notebook.headings == [Heading(level: 1, text: "Cells of every kind", line: 1)])
            guard case .prose(let first) = notebook.blocks.first else {
                Issue.record("no prose first")
                return
            }
            #expect(first.rawText == "# Cells of every kind\n\nSome prose with `inline code`.\n\n")
        }
    }

    /// Cells inside list items and block quotes, and the `swift cell` spelling.
    @Suite struct NestedCellParserTests {
        @Test func cellsInListsAndQuotesAreFoundAtAnyDepthInDocumentOrder() throws {
            let notebook = try Notebook(parsing: try Fixture.text("nested.md"), file: "nested.md")
            let cells = notebook.cells
            #expect(cells.map(\.line) == [5, 12, 23, 30, 37, 42])
            #expect(cells.map(\.containerDepth) == [0, 1, 1, 2, 2, 0])
            #expect(cells[1].source == "trail.append(\"list\")\nprint(\"list\", trail.count)\n")
            #expect(
                cells[1].rawText
                    == "   ```swift-cell\n   trail.append(\"list\")\n   print(\"list\", trail.count)\n   ```\n")
            #expect(cells[3].source == "trail.append(\"quote-list\")\nprint(\"quote-list\", trail.count)\n")
            #expect(
                cells[3].rawText
                    == ">   ```swift-cell\n>   trail.append(\"quote-list\")\n>   print(\"quote-list\", trail.count)\n>   ```\n"
            )
            #expect(
                cells.map { $0.linePrefixes.map(\.text) } == [
                    ["", ""], ["   ", "   "], ["> ", "> "], [">   ", ">   "], ["  > ", "  > "], [""]
                ])
            #expect(cells.map(\.continuationPrefix) == ["", "   ", "> ", ">   ", "  > ", ""])
            #expect(cells.map(\.spelling) == [.hyphenated, .hyphenated, .hyphenated, .hyphenated, .spaced, .spaced])
            #expect(cells[4].options.id == "deep")
            #expect(notebook.text == (try Fixture.text("nested.md")))
            // The prose after a nested cell is its own block, starting on the line after the fence.
            guard case .prose(let after) = notebook.blocks[4] else {
                Issue.record("no prose after cell 2")
                return
            }
            #expect(after.line == 16)
            #expect(after.rawText.hasPrefix("\n   The text after the cell, still in item 1.\n"))
        }

        @Test func aListItemCanOpenWithTheFenceAndAQuoteKeepsItsMarkersOnBlankLines() throws {
            let text = "1. ```swift-cell\n   let a = 1\n\n   print(a)\n   ```\n\n>```swift-cell\n>print(2)\n>\n>```\n"
            let notebook = try Notebook(parsing: text, file: "n.md")
            #expect(notebook.cells.map(\.line) == [1, 7])
            #expect(notebook.cells[0].rawText == "1. ```swift-cell\n   let a = 1\n\n   print(a)\n   ```\n")
            #expect(notebook.cells[0].source == "let a = 1\n\nprint(a)\n")
            #expect(notebook.cells[0].linePrefixes.map(\.text) == ["   ", "", "   "])
            #expect(notebook.cells[0].continuationPrefix == "   ")
            #expect(notebook.cells[1].source == "print(2)\n\n")
            #expect(notebook.cells[1].linePrefixes.map(\.text) == [">", ">"])
            // A quote that drops the space after `>` still gets it on new lines, so nothing shifts.
            #expect(notebook.cells[1].continuationPrefix == "> ")
            #expect(notebook.text == text)
        }

        @Test func anOutputBlockInTheSameQuoteOrItemDocumentsTheCell() throws {
            let text =
                "> ```swift-cell\n> print(1)\n> ```\n>\n> ```output\n> 1\n> ```\n\n- ```swift-cell\n  print(2)\n  ```\n  ```output\n  2\n  ```\n"
            let notebook = try Notebook(parsing: text, file: "n.md")
            #expect(notebook.diagnostics.isEmpty)
            #expect(notebook.cells.map { notebook.documentedOutput(of: $0)?.content } == ["1\n", "2\n"])
            #expect(notebook.cells.map { notebook.documentedOutput(of: $0)?.line } == [5, 12])
            #expect(notebook.cells.map { notebook.documentedOutput(of: $0)?.continuationPrefix } == ["> ", "  "])
            #expect(notebook.text == text)
        }

        @Test func headingsInsideContainersAreNotTopLevelHeadings() throws {
            let notebook = try Notebook(parsing: "# Top\n\n> ## Quoted\n\n- ## In a list\n\n## Second\n", file: "n.md")
            #expect(
                notebook.headings == [
                    Heading(level: 1, text: "Top", line: 1), Heading(level: 2, text: "Second", line: 7)
                ])
        }

        @Test func anUnterminatedNestedFenceEndsWithItsContainerNotTheFile() throws {
            let text =
                "- ```swift-cell\n  print(1)\n\nAfter the list.\n\n> ```swift-cell\n> print(2)\n\nAfter the quote.\n"
            let notebook = try Notebook(parsing: text, file: "u.md")
            #expect(notebook.cells.map(\.isTerminated) == [false, false])
            #expect(notebook.cells.map(\.source) == ["print(1)\n\n", "print(2)\n"])
            #expect(
                notebook.cells.map(\.rawText) == ["- ```swift-cell\n  print(1)\n\n", "> ```swift-cell\n> print(2)\n"])
            #expect(
                notebook.diagnostics.map(\.formatted) == [
                    "u.md:1: warning: unterminated code fence: it runs to the end of its list item\n- ```swift-cell",
                    "u.md:6: warning: unterminated code fence: it runs to the end of its block quote\n> ```swift-cell"
                ])
            #expect(notebook.text == text)
        }

        /// A fence that its container ends is not closed by the next block's fence.
        @Test func aFenceAtTheOuterLevelAfterANestedCellOpensANewBlock() throws {
            let text = "- ```swift-cell\n  print(1)\n```\nnot code\n```\n"
            let notebook = try Notebook(parsing: text, file: "n.md")
            #expect(notebook.cells.count == 1)
            #expect(notebook.cells[0].isTerminated == false)
            #expect(notebook.cells[0].rawText == "- ```swift-cell\n  print(1)\n")
            #expect(notebook.text == text)
        }

        @Test func theSwiftCellSpellingTakesOptionsAndPlainSwiftStaysProse() throws {
            let text =
                "```swift cell id=a echo=false\nprint(1)\n```\n\n```swift\nprint(2)\n```\n\n```swift cells\nprint(3)\n```\n\n```swift-cell\nprint(4)\n```\n"
            let notebook = try Notebook(parsing: text, file: "s.md")
            #expect(notebook.cells.map(\.source) == ["print(1)\n", "print(4)\n"])
            #expect(notebook.cells.map(\.spelling) == [.spaced, .hyphenated])
            #expect(notebook.cells[0].options.id == "a" && notebook.cells[0].options.echo == false)
            // A bad option is the same error in either spelling.
            let spaced = #expect(throws: ParseError.self) {
                try Notebook(parsing: "```swift cell colour=blue\n```\n", file: "s.md")
            }
            let hyphenated = #expect(throws: ParseError.self) {
                try Notebook(parsing: "```swift-cell colour=blue\n```\n", file: "s.md")
            }
            #expect(spaced?.diagnostic.message == hyphenated?.diagnostic.message)
            #expect(
                spaced?.diagnostic.formatted.hasPrefix(
                    "s.md:1: error: unknown cell option 'colour'; known options: id, ") == true)
            #expect(spaced?.diagnostic.formatted.hasSuffix("\n```swift cell colour=blue") == true)
            // An output block after a plain swift block documents nothing.
            let plain = try Notebook(parsing: "```swift\nprint(1)\n```\n\n```output\n1\n```\n", file: "p.md")
            #expect(plain.cells.isEmpty)
            #expect(
                plain.diagnostics.map(\.message) == [
                    "this output block follows no cell, so nothing is compared with it"
                ])
        }

        @Test func sourceColumnsMapToNotebookColumns() throws {
            // "> - " on the opening line, ">   " before the code; a tab cut in two by the quote's indentation.
            let text = "> - ```swift-cell\n>   let é = 1\n>   ```\n\n>  ```swift-cell\n>\tx\n> ```\n"
            let notebook = try Notebook(parsing: text, file: "c.md")
            let cell = notebook.cells[0]
            // `1` is at UTF-8 column 10 of the code line and 14 of the notebook line.
            #expect(cell.notebookUTF8Column(line: 2, column: 10) == 14)
            #expect(Array(notebook.line(2).utf8)[13] == UInt8(ascii: "1"))
            #expect(cell.notebookUTF8Column(line: 7, column: 3) == 3)  // not a line of the cell
            let tabbed = notebook.cells[1]
            #expect(tabbed.source == " x\n")
            #expect(tabbed.linePrefixes == [LinePrefix(">\t", spacesFromTab: 1)])
            #expect(tabbed.notebookUTF8Column(line: 6, column: 2) == 3)
            #expect(Array(notebook.line(6).utf8)[2] == UInt8(ascii: "x"))
        }
    }
}

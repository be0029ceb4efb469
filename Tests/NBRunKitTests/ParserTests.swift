import Testing
@testable import NBRunKit

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
        #expect(cells[2].options.eval == false && cells[2].options.tensors == false)  // a 4-backtick fence
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
        #expect(throws: ParseError.badCellOption(
            "unknown cell option 'colour'; known options: id, echo, output, eval, tensors, timeout, expect",
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
        #expect(error?.diagnostic.formatted == "x.md:4: error: duplicate cell id 'a'; it was first used at line 1\n```swift-cell id=a")
    }

    @Test func unterminatedFenceIsAWarningAtItsLine() throws {
        let notebook = try Notebook(parsing: "# T\n\n```swift-cell\nprint(1)\n", file: "u.md")
        #expect(notebook.cells.count == 1)
        #expect(notebook.diagnostics.map(\.formatted) == [
            "u.md:3: warning: unterminated code fence: it runs to the end of the file\n```swift-cell"
        ])
    }

    @Test func headingsAndProseAreKept() throws {
        let notebook = try Notebook(parsing: try Fixture.text("cells.md"), file: "cells.md")
        #expect(notebook.headings == [Heading(level: 1, text: "Cells of every kind", line: 1)])
        guard case .prose(let first) = notebook.blocks.first else { Issue.record("no prose first"); return }
        #expect(first.rawText == "# Cells of every kind\n\nSome prose with `inline code`.\n\n")
    }
}

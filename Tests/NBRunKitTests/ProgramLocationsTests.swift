import Foundation
import Testing

@testable import NBRunKit

extension Unit {
    /// The one map between generated files and the notebook, both ways.
    @Suite struct ProgramLocationsTests {
        private func locations(_ text: String) throws -> ProgramLocations {
            let notebook = try Notebook(parsing: text, file: "nb.md")
            let plan = NotebookPlan(notebook)
            return ProgramLocations(program: Program(plan, notebook: notebook), plan: plan, notebook: notebook)
        }

        /// Two cells; the second renames `x` (shadowing), which moves columns in the program.
        private let notebook = """
            # Title

            ```swift-cell
            let x = 1
            ```

            Some prose.

            ```swift-cell
            let x = x + 1
            print("é", x)
            ```

            """

        @Test func aPlaceInACellsCodeIsItsNotebookLineAndCharacterColumn() throws {
            let locations = try locations(notebook)
            // `let x__nb2 = __nbrun.bind("x", x + 1)`: the `+` is at byte column 34 in the
            // program, 11 in the notebook.
            #expect(
                locations.notebookLocation(file: "nbrun-cell-2", line: 1, column: 34)
                    == SourceLocation(file: "nb.md", line: 10, column: 11))
            // `print("é", x__nb2)`: `x` is byte column 13 (é is two bytes), character column 12.
            #expect(
                locations.notebookLocation(file: "/tmp/build/nbrun-cell-2", line: 2, column: 13)
                    == SourceLocation(file: "nb.md", line: 11, column: 12))
            #expect(locations.notebookLocation(file: "cell-2.swift", line: 1, column: 1) == nil)
        }

        /// The text of the program's line at `place`.
        private func line(at place: ProgramPlace, in locations: ProgramLocations) -> Substring? {
            locations.program.file(named: place.file)?.text
                .split(separator: "\n", omittingEmptySubsequences: false)[place.line - 1]
        }

        @Test func aNotebookPlaceIsInTheCopyOfTheCodeThatHoldsItsStatementOrDeclaration() throws {
            let locations = try locations(notebook)
            // The `+` of line 10 (a declaration): byte 34 of its copy at file scope.
            let plus = try #require(locations.programPlace(notebookLine: 10, utf8Column: 11))
            #expect(plus.file == "cell-2.swift" && plus.utf8Column == 34)
            #expect(line(at: plus, in: locations) == #"let x__nb2 = __nbrun.bind("x", x + 1)"#)
            #expect(locations.notebookPlace(of: plus)! == (10, 11))
            // `x` in line 11 (a statement): in the entry function's copy.
            let use = try #require(locations.programPlace(notebookLine: 11, utf8Column: 13))
            #expect(use.utf8Column == 13 && use.line > plus.line)
            #expect(line(at: use, in: locations) == #"print("é", x__nb2)"#)
            #expect(locations.notebookPlace(of: use)! == (11, 13))
            // Prose, fences and glue lines aren't code.
            #expect(locations.programPlace(notebookLine: 7, utf8Column: 1) == nil)
            #expect(locations.programPlace(notebookLine: 9, utf8Column: 1) == nil)
            #expect(locations.notebookPlace(of: ProgramPlace(file: "cell-2.swift", line: 1, utf8Column: 1)) == nil)
        }

        @Test func codeInAQuoteMapsPastTheQuoteMarker() throws {
            let locations = try locations("> ```swift-cell\n> let é = 1; let y = é\n> ```\n")
            // The second `é`: byte 23 of the notebook line, 21 of the cell's line, 59 in
            // `let é = __nbrun.bind("é", 1); let y = __nbrun.bind("y", é)`.
            let place = try #require(locations.programPlace(notebookLine: 2, utf8Column: 23))
            #expect(place.utf8Column == 59)
            #expect(locations.notebookPlace(of: place)! == (2, 23))
            #expect(
                locations.notebookLocation(file: "nbrun-cell-1", line: 1, column: place.utf8Column)
                    == SourceLocation(file: "nb.md", line: 2, column: 22))
            #expect(locations.programPlace(notebookLine: 2, utf8Column: 1) == nil)  // on the `>`
        }

        @Test func glueCodeBelongsToItsCell() throws {
            let locations = try locations(notebook)
            let main = try #require(locations.program.file(named: "main.swift")).text
            let callLine = main.components(separatedBy: "\n").firstIndex(of: "    (2, __nbrun_cell2),")! + 1
            #expect(locations.cell(file: "main.swift", line: callLine)?.index == 2)
            #expect(locations.cell(file: "cell-1.swift", line: 1)?.index == 1)
            #expect(locations.cell(file: "nbrun-cell-2", line: 40)?.index == 2)
            #expect(locations.cell(file: "/somewhere/Tensor.swift", line: 1) == nil)
        }

        @Test func messagesNameNotebookLinesAndTheAuthorsNames() throws {
            let locations = try locations(notebook)
            #expect(
                locations.userText("/tmp/x/nbrun-cell-2:2: Fatal error: x__nb2 is odd")
                    == "nb.md:11: Fatal error: x is odd")
        }

        @Test func aDiagnosticInACellMovesToTheNotebookWithItsLineQuoted() throws {
            let locations = try locations(notebook)
            let diagnostic = Diagnostic(
                .error, "cannot find 'x__nb2' in scope", at: SourceLocation(file: "nbrun-cell-2", line: 2, column: 13))
            let user = locations.userDiagnostic(diagnostic)
            #expect(user.location == SourceLocation(file: "nb.md", line: 11, column: 12))
            #expect(user.sourceLine == "print(\"é\", x)")
            #expect(user.message == "cannot find 'x' in scope")
        }
    }
}

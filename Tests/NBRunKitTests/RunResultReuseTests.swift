import Foundation
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    /// A run's diagnostics and its notebook's own warnings are separate values, so moving a
    /// result to a later version of the notebook moves the run's and takes the new version's
    /// warnings from the new version only.
    @Suite struct RunResultReuseTests {
        /// An output block that follows no cell (a parse warning), then one cell.
        static let text = """
            ```output
            orphan
            ```

            ```swift-cell
            var y = 1
            print(y)
            ```

            """

        @Test func aMovedResultKeepsTheRunsDiagnosticsAndNotTheNotebooks() throws {
            let earlier = try Notebook(parsing: Self.text, file: "w.md")
            #expect(
                earlier.diagnostics.map(\.message) == [
                    "this output block follows no cell, so nothing is compared with it"
                ])
            let warning = Diagnostic(
                .warning, "variable 'y' was never mutated; consider changing to 'let' constant",
                at: SourceLocation(file: "w.md", line: 6, column: 5), sourceLine: "var y = 1")
            let cell = try #require(earlier.cells.first)
            let run = RunResult(
                notebook: earlier, cells: [CellResult(cell: cell, status: .ok, stdout: "1\n")], diagnostics: [warning])

            // Two lines of prose on top: the cell and its warning move down by two.
            let later = try Notebook(parsing: "# Title\n\n" + Self.text, file: "w.md")
            let moved = run.moved(to: later, marking: .earlierRun)
            #expect(moved.diagnostics.map(\.formatted) == ["w.md:8:5: warning: \(warning.message)\nvar y = 1\n    ^"])
            #expect(moved.notebook.diagnostics.map(\.location?.line) == [3])
        }
    }
}

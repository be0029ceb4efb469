import Testing

@testable import NBRunKit

extension Unit {
    /// What an `expect=error` cell's documented output holds: its error lines, placed by cell.
    @Suite struct DocumentedErrorTests {
        static let notebook = "# E\n\n```swift-cell id=conv expect=error\nlet d = 2.5\nlet n: Int = d\n```\n"

        @Test func notesAndFixItsAreLeftOut() throws {
            let notebook = try Notebook(parsing: Self.notebook, file: "e.md")
            let fixIt = Diagnostic(
                .note, "fix-it: replace with 'Int('", at: SourceLocation(file: "e.md", line: 5, column: 14))
            let error = CellError(
                message: "cannot convert value of type 'Double' to specified type 'Int'", line: 5,
                diagnostics: [
                    Diagnostic(
                        .error, "cannot convert value of type 'Double' to specified type 'Int'",
                        at: SourceLocation(file: "e.md", line: 5, column: 14), notes: [fixIt]),
                    Diagnostic(.warning, "initialization of immutable value 'n' was never used", at: fixIt.location)
                ])
            #expect(
                error.documentedText(in: notebook)
                    == "cell conv, line 2: error: cannot convert value of type 'Double' to specified type 'Int'\n")
        }

        @Test func aTrapIsItsLineWithoutItsCallers() throws {
            let notebook = try Notebook(
                parsing: "# T\n\n```swift-cell expect=error\nlet a = [1]\nprint(a[3])\n```\n", file: "t.md")
            let error = CellError(
                message: "Fatal error: Index out of range", line: 5,
                callers: [Diagnostic(.note, "called from here", at: SourceLocation(file: "t.md", line: 4))])
            #expect(error.documentedText(in: notebook) == "cell 1, line 2: error: Fatal error: Index out of range\n")
        }
    }
}

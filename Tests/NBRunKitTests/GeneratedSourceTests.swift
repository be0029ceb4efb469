import Foundation
import Testing

@testable import NBRunKit

extension Unit {
    /// The program an editor's Swift tools see, and positions mapped both ways through it.
    @Suite struct GeneratedSourceTests {
        /// Notebook line `line`'s text, and the program line its code maps to.
        private func programLine(_ source: GeneratedSource, for line: Int, column: Int = 1) -> String? {
            source.programPlace(for: .init(line: line, utf8Column: column)).map {
                String(source.text(of: $0.file).split(separator: "\n", omittingEmptySubsequences: false)[$0.line - 1])
            }
        }

        @Test func mapsCellLinesBothWaysAndNothingElse() throws {
            let text = """
                # Title

                ```swift-cell
                let w = np.zeros([2])
                print(w)
                ```

                Some prose.

                ```swift-cell
                let w = w + 1
                ```

                """
            let notebook = try Notebook(parsing: text, file: "/n/nb.md")
            let source = GeneratedSource(notebook, plan: NotebookPlan(notebook))
            #expect(programLine(source, for: 4) == "let w = np.zeros([2])")
            #expect(programLine(source, for: 5) == "print(w)")
            // The second `w` shadows the first: the program renames it, the notebook doesn't.
            #expect(programLine(source, for: 11) == "let w__nb2 = w + 1")
            for line in [1, 2, 3, 6, 8, 10, 12] {
                #expect(source.programPlace(for: .init(line: line, utf8Column: 1)) == nil)
            }

            // A cursor after `w + ` on line 11 is after `w__nb2 = w + ` in the program, and back.
            let notebookPoint = GeneratedSource.Point(line: 11, utf8Column: 13)
            let programPoint = try #require(source.programPlace(for: notebookPoint))
            #expect(programPoint.utf8Column == 18)
            #expect(source.notebookPoint(for: programPoint) == notebookPoint)
            // Inside the renamed name: the same distance into the author's name, kept inside it.
            let inName = try #require(source.programPlace(for: .init(line: 11, utf8Column: 5)))
            #expect(inName.utf8Column == 5)
            #expect(
                source.notebookPoint(for: ProgramPlace(file: programPoint.file, line: programPoint.line, utf8Column: 9))
                    == .init(line: 11, utf8Column: 5))
            // nbrun's own lines map to nothing.
            #expect(source.notebookPoint(for: ProgramPlace(file: programPoint.file, line: 1, utf8Column: 1)) == nil)
            #expect(source.userText("cannot convert 'w__nb2'") == "cannot convert 'w'")
        }

        @Test func mapsCellsInsideQuotesAndListsPastTheirMarkers() throws {
            let text = """
                > ```swift-cell
                > let a = 1
                > ```

                1. step

                   ```swift-cell
                   let b = a
                   ```

                """
            let notebook = try Notebook(parsing: text, file: "nb.md")
            let source = GeneratedSource(notebook, plan: NotebookPlan(notebook))
            // `a` on line 2 is at byte 7 of the notebook line, byte 5 of the code.
            let a = try #require(source.programPlace(for: .init(line: 2, utf8Column: 7)))
            #expect(a.utf8Column == 5)
            #expect(source.notebookPoint(for: a) == .init(line: 2, utf8Column: 7))
            #expect(source.programPlace(for: .init(line: 2, utf8Column: 1)) == nil)  // on the `>`
            let b = try #require(source.programPlace(for: .init(line: 8, utf8Column: 12)))
            #expect(b.utf8Column == 9)
            #expect(programLine(source, for: 8, column: 4) == "let b = a")
        }
    }
}

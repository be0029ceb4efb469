import Foundation
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    /// Student and solution versions of a notebook, made from nbgrader's markers.
    @Suite struct NotebookVariantTests {
        static let exercise = """
            # Sigmoid

            ```swift-cell id=data
            let z = 0.0
            ```

            Write the sigmoid.

            ```swift-cell id=f
            import Foundation
            func f(_ z: Double) -> Double {
                // BEGIN SOLUTION
                return 1 / (1 + exp(-z))
                // END SOLUTION
            }
            ```

            ```swift-cell id=use
            print(f(z))
            ```

            ```output
            0.5
            ```

            <!-- BEGIN SOLUTION -->
            The sigmoid of 0 is one half.
            <!-- END SOLUTION -->

            ```swift-cell id=alone
            print(z)
            ```

            ```swift-cell id=whole solution
            let g = f(1)
            ```

            """

        @Test func theStudentVersionParsesItsCellsThroughTheRunsSyntaxCache() throws {
            let notebook = try Notebook(parsing: Self.exercise, file: "e.md")
            let folder = try temporaryDirectory()
            let syntax = SyntaxCache(directory: folder)
            let student = try notebook.version(.student, syntax: syntax)
            func cached() throws -> Int { try FileManager.default.contentsOfDirectory(atPath: folder.path).count }
            // Finding the exercises' dependents kept an analysis of each cell the original runs ...
            let sources = Set(notebook.cells.filter(\.options.eval).map(\.source))
            #expect(try cached() == sources.count)
            // ... so planning the student version, as its run does, parses only the stubs.
            _ = NotebookPlan(student, syntax: syntax)
            let new = Set(student.cells.filter(\.options.eval).map(\.source)).subtracting(sources)
            #expect(try cached() == sources.count + new.count)
        }

        @Test func theStudentVersionHasPlaceholdersStubsAndNoSolution() throws {
            let notebook = try Notebook(parsing: Self.exercise, file: "e.md")
            let student = try notebook.version(.student)
            #expect(
                student.text == """
                    # Sigmoid

                    ```swift-cell id=data
                    let z = 0.0
                    ```

                    Write the sigmoid.

                    ```swift-cell id=f eval=false
                    import Foundation
                    func f(_ z: Double) -> Double {
                        // Your code here
                        fatalError("exercise")
                    }
                    ```

                    ```swift-cell id=use eval=false
                    print(f(z))
                    ```

                    ```output
                    0.5
                    ```


                    *Your answer here.*


                    ```swift-cell id=alone
                    print(z)
                    ```

                    ```swift-cell id=whole solution eval=false
                    // Your code here
                    fatalError("exercise")
                    ```

                    """)
            // The cells with a solution and the one that uses f; not `data` or `alone`.
            let info = try #require(student.versionInfo)
            #expect(info.variant == .student)
            #expect(
                student.cells.filter { info.exercises.contains($0.index) }.map(\.options.id) == ["f", "use", "whole"])
            // Each line of the version comes from a line of the notebook.
            #expect(info.originalLines.count == 36)
            #expect(info.originalLines[11...12] == [12, 12])  // placeholder and stub: the BEGIN line
            #expect(info.originalLines[13] == 15)  // the closing brace, after END
            #expect(student.line(26) == "*Your answer here.*")
            #expect(info.originalLines[25] == 26)
            #expect(info.originalLines[28] == 30)  // ```swift-cell id=alone
        }

        @Test func theSolutionVersionOnlyLosesTheMarkers() throws {
            let notebook = try Notebook(parsing: Self.exercise, file: "e.md")
            let solution = try notebook.version(.solution)
            let expected = Self.exercise
                .replacingOccurrences(of: "    // BEGIN SOLUTION\n", with: "")
                .replacingOccurrences(of: "    // END SOLUTION\n", with: "")
                .replacingOccurrences(of: "<!-- BEGIN SOLUTION -->\n", with: "\n")
                .replacingOccurrences(of: "<!-- END SOLUTION -->\n", with: "\n")
            #expect(solution.text == expected)
            #expect(solution.versionInfo?.exercises == [])
            // Every cell is there and runs.
            #expect(solution.cells.map(\.options.eval) == [true, true, true, true, true])
        }

        @Test func diagnosticsPointAtTheNotebooksOwnLines() throws {
            let student = try Notebook(parsing: Self.exercise, file: "e.md").version(.student)
            let moved = student.originalDiagnostic(
                Diagnostic(
                    .error, "x", at: SourceLocation(file: "e.md", line: 33, column: 7),
                    notes: [Diagnostic(.note, "y", at: SourceLocation(file: "e.md", line: 14))]))
            #expect(moved.location == SourceLocation(file: "e.md", line: 34, column: 7))
            #expect(moved.notes.first?.location?.line == 15)
        }

        @Test func aNotebookWithoutMarkersIsItsOwnVersion() throws {
            let text = "# T\n\n```swift-cell\nprint(1)\n```\n"
            for variant in Variant.allCases {
                let version = try Notebook(parsing: text, file: "t.md").version(variant)
                #expect(version.text == text)
                #expect(version.versionInfo == nil)
            }
        }

        @Test func cellsInsideAProseSolutionAreSolutionsAndGoAway() throws {
            let text = """
                Intro.

                <!-- BEGIN SOLUTION -->
                A worked answer:

                ```swift-cell id=worked
                let answer = 42
                ```
                <!-- END SOLUTION -->

                ```swift-cell id=after
                print(answer)
                ```

                """
            let student = try Notebook(parsing: text, file: "p.md").version(.student)
            #expect(
                student.text
                    == "Intro.\n\n\n*Your answer here.*\n\n\n```swift-cell id=after eval=false\nprint(answer)\n```\n")
            #expect(student.versionInfo?.exercises == [1])
        }

        @Test func markersInsideListItemsKeepTheirIndentation() throws {
            let text = """
                1. Write it:

                   ```swift-cell
                   func two() -> Int {
                       // BEGIN SOLUTION
                       2
                       // END SOLUTION
                   }
                   ```

                """
            let student = try Notebook(parsing: text, file: "l.md").version(.student, disablingExercises: false)
            #expect(
                student.text == """
                    1. Write it:

                       ```swift-cell
                       func two() -> Int {
                           // Your code here
                           fatalError("exercise")
                       }
                       ```

                    """)
            #expect(
                student.cells.first?.source
                    == "func two() -> Int {\n    // Your code here\n    fatalError(\"exercise\")\n}\n")
        }

        @Test func aMarkerWithoutItsPairIsAnErrorAtItsLine() throws {
            let cases: [(String, String)] = [
                (
                    "```swift-cell\n// BEGIN SOLUTION\nlet a = 1\n```\n",
                    "u.md:2: error: // BEGIN SOLUTION without // END SOLUTION before the cell ends"
                ),
                (
                    "```swift-cell\nlet a = 1\n  // END SOLUTION\n```\n",
                    "u.md:3: error: // END SOLUTION without // BEGIN SOLUTION before it"
                ),
                (
                    "```swift-cell\n// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION\n```\n",
                    "u.md:3: error: a solution region is already open here, since line 2"
                ),
                (
                    "Text.\n\n<!-- BEGIN SOLUTION -->\nAnswer.\n",
                    "u.md:3: error: <!-- BEGIN SOLUTION --> without <!-- END SOLUTION --> after it"
                ),
                (
                    "> <!-- END SOLUTION -->\n",
                    "u.md:1: error: <!-- END SOLUTION --> without <!-- BEGIN SOLUTION --> before it"
                )
            ]
            for (text, message) in cases {
                let notebook = try Notebook(parsing: text, file: "u.md")
                let error = #expect(throws: ParseError.self) { try notebook.version(.student) }
                #expect(error?.diagnostic.formatted.components(separatedBy: "\n").first == message)
            }
        }

        @Test func markersShownInACodeExampleAreNotMarkers() throws {
            let text = "Mark a solution so:\n\n```html\n<!-- BEGIN SOLUTION -->\n```\n"
            #expect(try Notebook(parsing: text, file: "x.md").version(.student).text == text)
        }

        @Test func aSolutionCellWithoutAnyMarkerIsStillAnExercise() throws {
            // No SOLUTION anywhere in the text: the option alone makes the cell an exercise.
            let text = "```swift-cell id=a solution\nlet a = 1\n```\n\n```swift-cell id=b\nprint(a)\n```\n"
            let student = try Notebook(parsing: text, file: "s.md").version(.student)
            let info = try #require(student.versionInfo)
            #expect(student.cells.filter { info.exercises.contains($0.index) }.map(\.options.id) == ["a", "b"])
        }

        @Test func theSolutionOptionIsAFlag() throws {
            let notebook = try Notebook(parsing: "```swift cell solution id=a\nlet a = 1\n```\n", file: "s.md")
            #expect(notebook.cells.first?.options.solution == true)
            #expect(notebook.cells.first?.options.id == "a")
        }
    }
}

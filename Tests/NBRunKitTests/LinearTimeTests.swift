import Foundation
import Testing

@testable import NBRunKit

extension Unit {
    /// Inputs that once took quadratic time (the same ones are in Fuzz/corpus). The bounds
    /// are many times what the linear code takes, and far below what the quadratic code did.
    @Suite struct LinearTimeTests {
        @Test func planningABigCellIsLinearInItsStatements() throws {
            func plan(_ statements: Int) throws -> Duration {
                let lines = (0..<statements).map { $0 == 0 ? "let v0 = 0" : "let v\($0) = v\($0 - 1) + \($0)" }
                let notebook = try Notebook(
                    parsing: "```swift-cell\n" + lines.joined(separator: "\n") + "\n```\n", file: "big.md")
                return try ContinuousClock().measure {
                    let plan = NotebookPlan(notebook)
                    #expect(plan.cells.first?.diagnostics.isEmpty == true)
                    _ = try #require(plan.cells.first)
                }
            }
            let small = try plan(1_000)
            let big = try plan(8_000)
            // Quadratic, 8× the statements took 60× the time (0.7 s → 42 s).
            #expect(big < small * 24 + .seconds(2), "1,000 statements: \(small); 8,000: \(big)")
        }

        /// A notebook of `cells` cells, cell k's code `let vK = K` on line 3 + 4k (1-based).
        static func manyCells(_ cells: Int) -> String {
            "# Many\n\n" + (0..<cells).map { "```swift-cell\nlet v\($0) = \($0)\n```\n\n" }.joined()
        }

        @Test func parsingManyCellsIsLinearInTheCells() throws {
            func parse(_ cells: Int) throws -> Duration {
                let text = Self.manyCells(cells)
                return try ContinuousClock().measure {
                    let notebook = try Notebook(parsing: text, file: "many.md")
                    #expect(notebook.cells.count == cells)
                    #expect(notebook.cells.last?.index == cells)
                }
            }
            let small = try parse(500)
            let big = try parse(4_000)
            // Quadratic (each cell counted the cells before it), 8× the cells took 64× the time.
            #expect(big < small * 24 + .seconds(1), "500 cells: \(small); 4,000: \(big)")
        }

        @Test func mappingPlacesInAProgramOfManyCellsIsLinear() throws {
            func mapEveryCell(_ cells: Int) throws -> Duration {
                let notebook = try Notebook(parsing: Self.manyCells(cells), file: "many.md")
                let plan = NotebookPlan(notebook)
                let locations = ProgramLocations(
                    program: Program(plan, notebook: notebook), plan: plan, notebook: notebook)
                return try ContinuousClock().measure {
                    // The `v` of each cell's name, there and back, as an editor's answers are mapped.
                    for cell in 0..<cells {
                        let line = 4 + 4 * cell
                        let place = try #require(locations.programPlace(notebookLine: line, utf8Column: 5))
                        #expect(place.file == "cell-\(cell + 1).swift")
                        let back = try #require(locations.notebookPlace(of: place))
                        #expect(back.line == line && back.utf8Column == 5)
                    }
                }
            }
            let small = try mapEveryCell(250)
            let big = try mapEveryCell(2_000)
            // Each place once looked at every cell, each lookup of a cell at every cell: 8× the
            // cells took hundreds of times the time (an editor's 200 completions in the last of
            // 2,000 cells took minutes to map).
            #expect(big < small * 24 + .seconds(1), "250 cells: \(small); 2,000: \(big)")
        }

        @Test func aLineOfUnclosedDollarsIsScannedOnce() {
            let line = String(repeating: "$x ", count: 16_000) + "\n" + String(repeating: "\\( a ", count: 8_000)
            let scan = MathScanner(line, codeBlocks: []).scan()
            #expect(scan.stray.count == 16_000)
            #expect(scan.spans.isEmpty)
        }
    }
}

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

        @Test func aLineOfUnclosedDollarsIsScannedOnce() {
            let line = String(repeating: "$x ", count: 16_000) + "\n" + String(repeating: "\\( a ", count: 8_000)
            let scan = MathScanner(line, codeBlocks: []).scan()
            #expect(scan.stray.count == 16_000)
            #expect(scan.spans.isEmpty)
        }
    }
}

import Foundation
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    /// numpy's `probs[range(n), y]` picks one element per row; the Swift port `probs[0..<n, y]`
    /// is a slice plus an integer array (a matrix). The plan warns about it at its line.
    @Suite struct RangeSubscriptTests {
        private func warnings(_ cells: [String]) throws -> [String] {
            let text = cells.map { "```swift-cell\n\($0)\n```\n" }.joined(separator: "\n")
            let notebook = try Notebook(parsing: text, file: "lesson.md")
            return NotebookPlan(notebook).cells.flatMap(\.warnings).map(\.formatted)
        }

        @Test func aRangeBesideALabelArrayFromAnEarlierCellWarnsAtItsLine() throws {
            let found = try warnings([
                "let y = np.random.randint(0, 3, size: 300)\nlet n = 300",
                "let probs = np.ones([300, 3])\nlet correct = -np.log(probs[0..<n, y])"
            ])
            #expect(
                found == [
                    """
                    lesson.md:8:29: warning: `0..<n` beside an integer-array index is a slice: this is numpy's \
                    `probs[0:n, y]`, every row of the slice with every index (a matrix); numpy's `range(n)` in a \
                    subscript is `np.arange`, one element per row: write `probs[range(n), y]`
                    let correct = -np.log(probs[0..<n, y])
                                                ^
                    """
                ])
        }

        @Test func arraysTheSyntaxShowsWarnAndNumbersDoNot() throws {
            let found = try warnings([
                """
                let a = np.zeros([4, 4])
                let j = 2
                let labels: Tensor = [1, 0, 1]
                _ = a[1..<4, [0, 2, 1]]
                _ = a[..<3, np.arange(3)]
                _ = a[0..<3, labels]
                _ = a[0..<3, j]
                _ = a[0..<3, 1]
                _ = a[0..<3, a.shape[1] - 1]
                for k in 0..<4 { _ = a[0..<3, k] }
                func pick(_ rows: Tensor) -> Tensor { a[0..<3, rows] }
                _ = a[range(3), labels]
                """
            ])
            #expect(found.count == 4)
            #expect(found[0].hasPrefix("lesson.md:5:7: warning: `1..<4` beside"))
            #expect(found[0].contains("write `a[range(1, 4), [0, 2, 1]]`"))
            #expect(found[1].hasPrefix("lesson.md:6:7: warning: `..<3` beside"))
            #expect(found[1].contains("numpy's `a[:3, np.arange(3)]`"))
            #expect(found[2].hasPrefix("lesson.md:7:7: "))
            #expect(found[3].hasPrefix("lesson.md:12:41: "))
        }

        @Test func aNameOfUnknownKindIsNotGuessed() throws {
            // `f()` could return an Int or a tensor: without types, no warning.
            #expect(
                try warnings(["func f() -> Int { 1 }", "let a = np.zeros([3, 3])\nlet i = f()\n_ = a[0..<2, i]"])
                    .isEmpty)
        }
    }
}

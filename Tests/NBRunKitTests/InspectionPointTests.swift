import Foundation
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    /// Which names `nbrun inspect` records at a line, and where its call goes.
    @Suite struct InspectionPointTests {
        @Test func recordsLoopLocalsCellAndEarlierNamesInnermostFirst() throws {
            let notebook = try NotebookLoader.load(Fixture.packageRoot.appendingPathComponent("notebooks/xor.md").path)
            // Line 63: `    losses.append(loss.item())`, inside the training loop.
            let point = try InspectionPoint(notebook, line: 63, hits: 2)
            #expect(
                point.names == ["loss", "h", "out", "step", "losses", "learningRate", "X", "y", "W1", "b1", "W2", "b2"])
            let cell = try #require(point.notebook.cells.first { $0.index == point.cell })
            let line = cell.source.split(separator: "\n", omittingEmptySubsequences: false)[63 - cell.firstCodeLine]
            #expect(
                line.hasPrefix("    __nbrun.inspect(line: 63, limit: 2, (\"loss\", loss), (\"h\", h), (\"out\", out), ")
            )
            #expect(line.hasSuffix("); losses.append(loss.item())"))
            // Every other line of the notebook is as it was.
            #expect(point.notebook.cells.count == notebook.cells.count)
            #expect(
                cell.source.split(separator: "\n").count
                    == notebook.cells[cell.index - 1].source.split(separator: "\n").count)
        }

        @Test func aShadowedNameIsRecordedOnceAndLinesWithoutAStatementAreRefused() throws {
            let notebook = try Notebook(
                parsing: "```swift-cell\nlet a = 1\n```\n\n```swift-cell\nlet a = a + 1\nprint(a)\n\n}\n```\n",
                file: "n.md")
            let point = try InspectionPoint(notebook, line: 7, hits: 1)
            #expect(point.names == ["a"])
            #expect(throws: InspectionError.noStatement(line: 8)) { try InspectionPoint(notebook, line: 8, hits: 1) }
            #expect(throws: InspectionError.notInCell(line: 4)) { try InspectionPoint(notebook, line: 4, hits: 1) }
            #expect(throws: InspectionError.notInCell(line: 10)) { try InspectionPoint(notebook, line: 10, hits: 1) }
        }
    }
}

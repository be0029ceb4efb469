import Testing
@testable import NBRunKit

@Suite struct PlannerTests {
    private func program(_ cells: [String], file: String = "nb.md") throws -> Program {
        let text = cells.map { "```swift-cell\n\($0)\n```\n" }.joined(separator: "\n")
        return Program(planning: try Notebook(parsing: text, file: file))
    }

    @Test func eachCellIsPrecededBySourceLocation() throws {
        let source = try program(["let a = 1", "print(a)"]).source
        #expect(source.contains("#sourceLocation(file: \"nb.md\", line: 2)\nlet a = 1\n#sourceLocation()\n"))
        #expect(source.contains("#sourceLocation(file: \"nb.md\", line: 6)\nprint(a)\n#sourceLocation()\n"))
        #expect(source.contains("import NBRuntime"))
        #expect(source.contains("let net = NetworkState()"))
    }

    @Test func fileNamesAreEscapedInSourceLocation() throws {
        let source = try program(["print(1)"], file: "my \"odd\" $(dir)/n\\b.md").source
        #expect(source.contains(#"#sourceLocation(file: "my \"odd\" $(dir)/n\\b.md", line: 2)"#))
    }

    @Test func capturesTopLevelBindingsIncludingTuples() throws {
        let source = try program(["""
            let (a, b) = (1.0, 2.0)
            var c = 3.0, d = 4.0
            let f = { () -> Double in let hidden = 5.0; return hidden }
            var computed: Double { 6.0 }
            func g() { let local = 1.0; _ = local }
            let _ = 7.0
            """]).source
        // Stored top-level bindings only: not closures' locals, computed variables or `_`.
        #expect(source.contains("__nbrun.end(cell: 1, (\"a\", a), (\"b\", b), (\"c\", c), (\"d\", d), (\"f\", f))\n__nbrun.finish()\n"))
    }

    @Test func aVarReassignedInALaterCellIsCapturedThere() throws {
        let source = try program(["var w = 1.0\nlet other = 2.0", "w = w * 3", "print(0)"]).source
        // One call at each boundary ends a cell, records its bindings and begins the next.
        #expect(source.contains("__nbrun.begin(cell: 1)\n#sourceLocation"))
        #expect(source.contains("__nbrun.end(cell: 1, next: 2, (\"w\", w), (\"other\", other))\n"))
        #expect(source.contains("__nbrun.end(cell: 2, next: 3, (\"w\", w))\n"))
        #expect(source.contains("__nbrun.end(cell: 3)\n__nbrun.finish()\n"))
    }

    @Test func evalFalseCellsAreLeftOut() throws {
        let text = "```swift-cell\nlet a = 1\n```\n\n```swift-cell eval=false\nfatalError()\n```\n"
        let program = Program(planning: try Notebook(parsing: text, file: "nb.md"))
        #expect(program.cellIndices == [1])
        #expect(!program.source.contains("fatalError"))
    }
}

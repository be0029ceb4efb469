import Foundation
import Testing

@testable import NBRunKit

extension Unit {
    /// How the planner treats cells marked `cache=true`: which it can cache, what their
    /// generated code gives the execution cache, and the warning when it can't.
    @Suite struct ExecutionCachePlanTests {
        private func plan(_ text: String) throws -> (NotebookPlan, Notebook) {
            let notebook = try Notebook(parsing: text, file: "nb.md")
            return (NotebookPlan(notebook), notebook)
        }

        private func cells(_ cells: [(options: String, code: String)]) -> String {
            cells.map { "```swift-cell\($0.options.isEmpty ? "" : " " + $0.options)\n\($0.code)\n```\n" }
                .joined(separator: "\n")
        }

        private func warnings(_ plan: NotebookPlan) -> [String] {
            plan.cells.flatMap(\.warnings).map { "\($0.location?.description ?? ""): \($0.message)" }
        }

        @Test func aCachedCellRestoresItsValuesAndSkipsItsStatementsWhenTheCacheHoldsIt() throws {
            let (plan, notebook) = try plan(
                cells([("", "let a = 2.0"), ("cache=true", "var w: Double = a * 3\nw += 1\nprint(w)")]))
            let cache = try #require(plan[2]?.cache)
            #expect(cache.inputs == [.init(name: "a", generated: "a")])
            #expect(cache.values == [.init(name: "w", generated: "w")])
            let text = try #require(Program(plan, notebook: notebook).file(named: "cell-2.swift")).text
            // The value is computed only when the cache doesn't hold it; the declared type stays.
            #expect(text.contains("var w: Double = __nbrun.restore(\"w\") { a * 3 }\n"))
            #expect(
                text.contains(
                    "func __nbrun_cell2() {\nif __nbrun.cacheLookup(cell: 2, inputs: [(\"a\", a as Any)]) {\n_ = w\n} else {\n"
                        + "#sourceLocation(file: \"nbrun-cell-2\", line: 1)\n"))
            #expect(
                text.contains(
                    "#sourceLocation()\n}\n__nbrun.cacheFinish(cell: 2, inputs: [(\"a\", a as Any)], "
                        + "values: [(\"w\", w as Any)])\n__nbrun.bindings((\"w\", w as Any), (\"a\", a as Any))\n}\n"))
            #expect(warnings(plan).isEmpty)
        }

        @Test func withoutTheOptionNothingChanges() throws {
            let (plan, notebook) = try plan(cells([("", "let a = 2.0"), ("", "var w = a * 3\nprint(w)")]))
            #expect(plan.cells.allSatisfy { $0.cache == nil })
            let program = Program(plan, notebook: notebook)
            #expect(!program.files.contains { $0.text.contains("cache") || $0.text.contains("restore") })
        }

        @Test func theFrontMatterMarksEveryCellAndACellCanSayNo() throws {
            let text = "---\nnbrun:\n  cache: true\n---\n\n" + cells([("", "let a = 1"), ("cache=false", "let b = a")])
            let (plan, _) = try plan(text)
            #expect(plan[1]?.cache != nil)
            #expect(plan[2]?.cache == nil)
        }

        @Test func inputsIncludeWhatTheFunctionsACellCallsReach() throws {
            let (plan, _) = try plan(
                cells([
                    ("", "var steps = 0\nfunc train() { steps += 1 }"), ("", "func twice() { train(); train() }"),
                    ("cache=true", "twice()\nlet done = true")
                ]))
            #expect(try #require(plan[3]?.cache).inputs == [.init(name: "steps", generated: "steps")])
        }

        @Test func aCellThatAssignsToAnotherCellsVariableIsNotCachedAndSaysWhereAndWhy() throws {
            let (plan, _) = try plan(
                cells([
                    ("", "var total = 0.0\nvar seen: [Double] = []"),
                    ("cache=true", "let x = 2.0\n  seen[0] = x"),
                    ("cache=true", "for i in 0..<3 {\n    total += Double(i)\n}")
                ]))
            #expect(plan[2]?.cache == nil)
            #expect(plan[3]?.cache == nil)
            #expect(
                warnings(plan) == [
                    "nb.md:8:3: cache=true can't apply: it assigns to 'seen', which cell 1 declares; "
                        + "the cell runs every time",
                    "nb.md:13:5: cache=true can't apply: it assigns to 'total', which cell 1 declares; "
                        + "the cell runs every time"
                ])
        }

        @Test func assigningToItsOwnVariablesToLocalsAndToNetIsFine() throws {
            let (plan, _) = try plan(
                cells([
                    ("", "var total = 0.0"),
                    (
                        "cache=true",
                        "var mine = 1.0\nmine += 1\nnet.w = Tensor([mine])\nlet f = { () -> Double in var total = 1.0; total += 1; return total }()"
                    )
                ]))
            #expect(plan[2]?.cache != nil)
            #expect(warnings(plan).isEmpty)
        }

        @Test func aCellWhoseDeclarationsLeaveNoRoomForTheirTouchesSaysSo() throws {
            let (plan, notebook) = try plan(cells([("cache=true", "let a =\n  1, b = 2;print(a)")]))
            #expect(plan[1]?.cache == nil)
            #expect(Program(plan, notebook: notebook).topLevelCells == [1])
            #expect(
                warnings(plan) == [
                    "nb.md:2:1: cache=true can't apply: the cell stays top-level code (its declarations leave "
                        + "no room for nbrun's calls: put each on a line of its own); the cell runs every time"
                ])
        }

        @Test func declarationsNbrunCantRestoreAreSaid() throws {
            let (plan, _) = try plan(
                cells([("cache=true", "let (a, b) = (1, 2)"), ("cache=true", "guard true else { fatalError() }")]))
            #expect(plan.cells.allSatisfy { $0.cache == nil })
            #expect(
                warnings(plan) == [
                    "nb.md:2:6: cache=true can't apply: 'a' is declared in a form nbrun can't restore "
                        + "(a tuple pattern, an attribute, or no value); the cell runs every time",
                    "nb.md:6:1: cache=true can't apply: the cell stays top-level code (a top-level guard); "
                        + "the cell runs every time"
                ])
        }
    }
}

import Foundation
import Testing

@testable import NBRunKit

extension Unit {
    @Suite struct PlannerTests {
        private func notebook(_ cells: [String], file: String = "nb.md") throws -> Notebook {
            try Notebook(parsing: cells.map { "```swift-cell\n\($0)\n```\n" }.joined(separator: "\n"), file: file)
        }

        private func program(_ cells: [String], file: String = "nb.md", reporting: Bool = false) throws -> Program {
            let notebook = try notebook(cells, file: file)
            return Program(NotebookPlan(notebook), notebook: notebook, reporting: reporting)
        }

        /// The code the program runs for cell `index` (1-based), between its `#sourceLocation` lines.
        private func code(_ cells: [String], cell index: Int) throws -> String {
            let source = try program(cells).source
            let pieces = source.components(separatedBy: "#sourceLocation(file: \"nb.md\", line: ")
            let body = pieces[index].drop { $0 != "\n" }.dropFirst()
            return String(body[..<body.range(of: "#sourceLocation()")!.lowerBound])
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
            let source = try program([
                """
                let (a, b) = (1.0, 2.0)
                var c = 3.0, d = 4.0
                let f = { () -> Double in let hidden = 5.0; return hidden }
                var computed: Double { 6.0 }
                func g() { let local = 1.0; _ = local }
                let _ = 7.0
                """
            ]).source
            // Stored top-level bindings only: not closures' locals, computed variables or `_`.
            #expect(
                source.contains(
                    "__nbrun.end(cell: 1, (\"a\", a as Any), (\"b\", b as Any), (\"c\", c as Any), (\"d\", d as Any), (\"f\", f as Any))\n__nbrun.finish()\n"
                ))
        }

        @Test func theProgramThatRunsReportsEachBindingAsSoonAsItIsBound() throws {
            let source = try program(
                ["let a = 1.0\nvar b: Tensor = [[1.0]], c = try f()\nlet d = if true { 1 } else { 2 }"],
                reporting: true
            ).source
            #expect(
                source.contains(
                    """
                    let a = __nbrun.bind("a", 1.0)
                    var b: Tensor = __nbrun.bind("b", [[1.0]]), c = try __nbrun.bind("c", f())
                    let d = if true { 1 } else { 2 }

                    """))
        }

        @Test func aVarReassignedInALaterCellIsCapturedThere() throws {
            let source = try program(["var w = 1.0\nlet other = 2.0", "w = w * 3", "print(0)"]).source
            // One call at each boundary ends a cell, records its bindings and begins the next.
            #expect(source.contains("__nbrun.begin(cell: 1)\n#sourceLocation"))
            #expect(source.contains("__nbrun.end(cell: 1, next: 2, (\"w\", w as Any), (\"other\", other as Any))\n"))
            #expect(source.contains("__nbrun.end(cell: 2, next: 3, (\"w\", w as Any))\n"))
            #expect(source.contains("__nbrun.end(cell: 3)\n__nbrun.finish()\n"))
        }

        @Test func evalFalseCellsAreLeftOut() throws {
            let text = "```swift-cell\nlet a = 1\n```\n\n```swift-cell eval=false\nfatalError()\n```\n"
            let notebook = try Notebook(parsing: text, file: "nb.md")
            let program = Program(NotebookPlan(notebook), notebook: notebook)
            #expect(program.cellIndices == [1])
            #expect(!program.source.contains("fatalError"))
        }

        // MARK: - Shadowing

        @Test func aRedeclaredNameShadowsTheEarlierOneFromItsCellOn() throws {
            let cells = ["let x = 1", "let x = x * 2\nprint(x)", "print(x)"]
            #expect(try code(cells, cell: 1) == "let x = 1\n")
            // The new x reads the previous one in its own initializer, then stands for itself.
            #expect(try code(cells, cell: 2) == "let x__nb2 = x * 2\nprint(x__nb2)\n")
            #expect(try code(cells, cell: 3) == "print(x__nb2)\n")
            // The report shows it under the author's name.
            #expect(try program(cells).source.contains("__nbrun.end(cell: 2, next: 3, (\"x\", x__nb2 as Any))"))
        }

        @Test func bindingIsLexicalSoAnEarlierFunctionKeepsTheEarlierValue() throws {
            let cells = [
                "let lr = 0.1\nfunc step(_ w: Double) -> Double { w - lr }", "let lr = 0.5\nprint(step(1), lr)"
            ]
            #expect(try code(cells, cell: 1) == "let lr = 0.1\nfunc step(_ w: Double) -> Double { w - lr }\n")
            #expect(try code(cells, cell: 2) == "let lr__nb2 = 0.5\nprint(step(1), lr__nb2)\n")
        }

        @Test func localsParametersMembersLabelsAndKeyPathsAreNotRenamed() throws {
            let cells = [
                "var x = 1.0\nstruct P { var x: Double }",
                """
                let x = [P(x: 2)]
                let total = x.map { p in p.x }.reduce(0) { x, y in x + y }
                let path = \\P.x
                let maybe: Double? = 3
                if let x = maybe { print(x) }
                func f(x: Double) -> Double { let x = x + 1; return x }
                print("\\(x.count) \\(f(x: 1)) \\(x[0][keyPath: path])", total)
                """
            ]
            #expect(
                try code(cells, cell: 2) == """
                    let x__nb2 = [P(x: 2)]
                    let total = x__nb2.map { p in p.x }.reduce(0) { x, y in x + y }
                    let path = \\P.x
                    let maybe: Double? = 3
                    if let x = maybe { print(x) }
                    func f(x: Double) -> Double { let x = x + 1; return x }
                    print("\\(x__nb2.count) \\(f(x: 1)) \\(x__nb2[0][keyPath: path])", total)

                    """)
        }

        @Test func shorthandBindingsOfARenamedNameGetTheNewName() throws {
            let cells = ["let v: Double? = 1", "let v: Double? = 2\nif let v { print(v) }\nlet f = { [v] in v }"]
            #expect(
                try code(cells, cell: 2)
                    == "let v__nb2: Double? = 2\nif let v = v__nb2 { print(v) }\nlet f = { [v = v__nb2] in v }\n")
        }

        @Test func functionsOverloadOrShadowByTheirSignature() throws {
            let cells = [
                "func f(_ x: Int) -> Int { x }",
                "func f(_ x: String) -> String { x }",  // a new signature: an overload
                "func f(_ y: Int) -> Int { y * 2 }\nprint(f(1))"  // the same signature: a shadow
            ]
            #expect(try code(cells, cell: 2) == "func f(_ x: String) -> String { x }\n")
            #expect(try code(cells, cell: 3) == "func f__nb3(_ y: Int) -> Int { y * 2 }\nprint(f__nb3(1))\n")
        }

        @Test func typesAndTheirUsesAreRenamedTogether() throws {
            let cells = [
                "struct Point { var x = 0.0 }",
                "struct Point { var x = 0.0, y = 0.0 }\nextension Point { var sum: Double { x + y } }\nlet p: Point = Point()\nlet all: [Point] = [p]"
            ]
            #expect(
                try code(cells, cell: 2) == """
                    struct Point__nb2 { var x = 0.0, y = 0.0 }
                    extension Point__nb2 { var sum: Double { x + y } }
                    let p: Point__nb2 = Point__nb2()
                    let all: [Point__nb2] = [p]

                    """)
        }

        @Test func aRedeclarationWithinOneCellStaysSwiftsError() throws {
            #expect(try code(["let a = 1", "let a = 2\nlet a = 3"], cell: 2) == "let a__nb2 = 2\nlet a__nb2 = 3\n")
        }

        @Test func theDependencyGraphRecordsWhichCellsUseWhichDeclarations() throws {
            let plan = NotebookPlan(
                try notebook(["let a = 1", "let b = 2", "let c = a + 1", "print(c, b)", "print(0)"]))
            #expect(plan.cells.map(\.dependencies) == [[], [], [1], [2, 3], []])
            let blocked = plan.dependents(of: [1])
            #expect(blocked.keys.sorted() == [3, 4])
            #expect(blocked[4]?.name == "c")
        }

        @Test func aNameFromAnExpectErrorCellIsAnErrorWhereALaterCellUsesIt() throws {
            let text =
                "```swift-cell\nlet a = 1\n```\n\n```swift-cell expect=error\nlet b = a[0]\n```\n\n```swift-cell\nprint(a, b)\n```\n"
            let plan = NotebookPlan(try Notebook(parsing: text, file: "nb.md"))
            #expect(
                plan.cells[2].diagnostics.map(\.formatted) == [
                    """
                    nb.md:10:10: error: 'b' is declared in cell 2, which is expected to fail (expect=error), so no later cell can use it
                    print(a, b)
                             ^
                    """
                ])
        }

        // MARK: - Code swift-syntax can't parse in time

        @Test func deeplyNestedBracketsAreAnErrorAtTheirLineInsteadOfAHang() throws {
            let deep =
                "let ok = 1\nlet a = " + String(repeating: "[", count: 40) + "1.0" + String(repeating: "]", count: 40)
            let started = Date()
            let plan = NotebookPlan(try notebook(["let w = 2", deep]))
            // 40 levels would take swift-syntax longer than the universe has existed.
            #expect(Date().timeIntervalSince(started) < 5)
            #expect(
                plan.cells[1].diagnostics.map(\.formatted) == [
                    """
                    nb.md:7:9: error: more than 14 '[' nested directly inside each other: nbrun's Swift parser would take \
                    minutes over this cell; build the value in steps, with a 'let' for the inner part
                    \(deep.split(separator: "\n")[1])
                            ^
                    """
                ])
            #expect(plan.cells[0].diagnostics.isEmpty)
            // Up to the limit, and any nesting that isn't a run of '[', is parsed as usual.
            let fine =
                "let t = " + String(repeating: "[", count: 14) + "1.0" + String(repeating: "]", count: 14)
                + "\nlet u = [[1.0, [2.0, [3.0, [4.0]]]]]"
            #expect(NotebookPlan(try notebook([fine])).cells[0].diagnostics.isEmpty)
        }
    }
}

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

        /// Cell `index`'s code (1-based) as the program runs it: the author's, with the planner's renames.
        private func code(_ cells: [String], cell index: Int) throws -> String {
            let notebook = try notebook(cells)
            let plan = NotebookPlan(notebook)
            return CellCode(plan.cells[index - 1], reporting: false).edited.text
        }

        /// The text of the program's file `name`.
        private func file(_ name: String, of program: Program) throws -> String {
            try #require(program.file(named: name)).text
        }

        @Test func eachCellIsAFileWhoseCodeNamesTheCellAndMainRunsThemInOrder() throws {
            let program = try program(["let a = 1", "print(a)"])
            #expect(program.files.map(\.name) == ["session.swift", "cell-1.swift", "cell-2.swift", "main.swift"])
            #expect(
                try file("cell-1.swift", of: program).contains(
                    "#sourceLocation(file: \"nbrun-cell-1\", line: 1)\nlet a = 1\n#sourceLocation()\n"))
            #expect(
                try file("cell-2.swift", of: program).contains(
                    "func __nbrun_cell2() {\n#sourceLocation(file: \"nbrun-cell-2\", line: 1)\nprint(a)\n#sourceLocation()\n__nbrun.bindings((\"a\", a as Any))\n}\n"
                ))
            #expect(
                try file("main.swift", of: program).hasSuffix(
                    "import NBRuntime\n\n__nbrun.run([\n    (1, __nbrun_cell1),\n    (2, __nbrun_cell2),\n])\n__nbrun.finish()\n"
                ))
            #expect(try file("session.swift", of: program).contains("let net = NetworkState()"))
            #expect(program.topLevelCells.isEmpty)
        }

        @Test func aCellWithATimeoutRunsOnItsOwnBetweenListsOfTheOthers() throws {
            let source = ["print(1)", "print(2)", "print(3)", "print(4)"].enumerated().map { index, code in
                "```swift-cell\(index == 2 ? " timeout=5" : "")\n\(code)\n```\n"
            }
            let notebook = try Notebook(parsing: source.joined(separator: "\n"), file: "nb.md")
            let program = Program(NotebookPlan(notebook), notebook: notebook)
            #expect(
                try file("main.swift", of: program).hasSuffix(
                    "__nbrun.run([\n    (1, __nbrun_cell1),\n    (2, __nbrun_cell2),\n])\n"
                        + "__nbrun.run(cell: 3, timeout: 5.0, __nbrun_cell3)\n"
                        + "__nbrun.run([\n    (4, __nbrun_cell4),\n])\n__nbrun.finish()\n"))
            // The timeout decides what the cell does, so a checkpoint after it must know it.
            let untimed = try self.program(["print(1)", "print(2)", "print(3)", "print(4)"])
            #expect(program.cellTexts[3] != untimed.cellTexts[3])
            #expect(program.cellTexts[2] == untimed.cellTexts[2])
        }

        @Test func declarationsStayAtFileScopeAndStatementsRunWithTouchesInOrder() throws {
            let program = try program([
                "var total = 0.0\nfor i in 0..<3 { total += Double(i) }\nlet mean = total / 3; print(mean)"
            ])
            // Each copy of the code keeps every line and column; the other kind of item is blanked.
            func spaces(_ count: Int) -> String { String(repeating: " ", count: count) }
            let declarations = [
                "var total = 0.0", spaces(37), "let mean = total / 3; " + spaces(11)
            ].joined(separator: "\n")
            let statements = [
                "_ = total;" + spaces(5), "for i in 0..<3 { total += Double(i) }",
                "_ = mean;" + spaces(12) + " print(mean)"
            ].joined(separator: "\n")
            #expect(
                try file("cell-1.swift", of: program).contains(
                    """
                    #sourceLocation(file: "nbrun-cell-1", line: 1)
                    \(declarations)
                    #sourceLocation()

                    func __nbrun_cell1() {
                    #sourceLocation(file: "nbrun-cell-1", line: 1)
                    \(statements)
                    #sourceLocation()
                    """))
        }

        @Test func aTouchThatDoesntFitGoesAfterItsDeclaration() throws {
            let program = try program(["let (a, b, c, d) = (1, 2, 3, 4)\nlet\n  e = 5\nprint(a, e)"])
            let text = try file("cell-1.swift", of: program)
            // `let (a, b, c, d) = (1, 2, 3, 4)` has room for `_ = a;`; the line with only `let` has none.
            #expect(
                text.contains("_ = a;" + String(repeating: " ", count: 25) + "\n   \n        _ = e;\nprint(a, e)\n"))
        }

        @Test func codeThatAFunctionWouldChangeStaysTopLevelCodeOfMain() throws {
            let cells = [
                "let a: Int? = 1", "guard let b = a else { fatalError() }", "var c: Int\nc = 2", "let d = try f()",
                "private let e = 5", "defer { print(1) }", "print(b, c)"
            ]
            let program = try program(cells + [])
            #expect(program.topLevelCells == [2, 3, 4, 5, 6])
            #expect(program.files.map(\.name) == ["session.swift", "cell-1.swift", "cell-7.swift", "main.swift"])
            let main = try file("main.swift", of: program)
            #expect(
                main.contains(
                    "__nbrun.run([\n    (1, __nbrun_cell1),\n])\n__nbrun.begin(cell: 2)\n#sourceLocation(file: \"nbrun-cell-2\", line: 1)\n"
                        + "guard let b = a else { fatalError() }\n#sourceLocation()\n__nbrun.end(cell: 2, (\"b\", b as Any), (\"a\", a as Any))\n"
                ))
            #expect(main.hasSuffix("__nbrun.run([\n    (7, __nbrun_cell7),\n])\n__nbrun.finish()\n"))
        }

        @Test func aCellsImportsReachItsFileAndEveryLaterOne() throws {
            let program = try program(["print(1)", "import Dispatch\nprint(2)", "print(3)"])
            #expect(try !file("cell-1.swift", of: program).contains("import Dispatch"))
            #expect(try file("cell-2.swift", of: program).contains("import NBRuntime\nimport Dispatch\n"))
            #expect(try file("cell-3.swift", of: program).contains("import NBRuntime\nimport Dispatch\n"))
            #expect(try file("main.swift", of: program).contains("import NBRuntime\nimport Dispatch\n"))
        }

        @Test func aCellsGeneratedFileDoesntDependOnWhereTheCellIs() throws {
            let near = try Notebook(parsing: "```swift-cell\nlet a = 1\n```\n", file: "nb.md")
            let far = try Notebook(parsing: "# Title\n\nSome prose.\n\n```swift-cell\nlet a = 1\n```\n", file: "nb.md")
            #expect(
                Program(NotebookPlan(near), notebook: near).files == Program(NotebookPlan(far), notebook: far).files)
        }

        @Test func capturesTopLevelBindingsIncludingTuples() throws {
            let program = try program([
                """
                let (a, b) = (1.0, 2.0)
                var c = 3.0, d = 4.0
                let f = { () -> Double in let hidden = 5.0; return hidden }
                var computed: Double { 6.0 }
                func g() { let local = 1.0; _ = local }
                let _ = 7.0
                """
            ])
            // Stored top-level bindings only: not closures' locals, computed variables or `_`.
            #expect(
                try file("cell-1.swift", of: program).contains(
                    "__nbrun.bindings((\"a\", a as Any), (\"b\", b as Any), (\"c\", c as Any), (\"d\", d as Any), (\"f\", f as Any))\n}\n"
                ))
        }

        @Test func theProgramThatRunsReportsEachBindingAsSoonAsItIsBound() throws {
            let program = try program(
                ["let a = 1.0\nvar b: Tensor = [[1.0]], c = try f()\nlet d = if true { 1 } else { 2 }"],
                reporting: true
            )
            #expect(
                try file("main.swift", of: program).contains(
                    """
                    let a = __nbrun.bind("a", 1.0)
                    var b: Tensor = __nbrun.bind("b", [[1.0]]), c = try __nbrun.bind("c", f())
                    let d = if true { 1 } else { 2 }

                    """))
        }

        @Test func aLetReportedAsItIsBoundIsNotCarriedAgainWhenTheCellEnds() throws {
            let cells = ["let a = 1.0\nvar b = 2.0\nlet (c, d) = (3.0, 4.0)", "let e = a + b"]
            let running = try program(cells, reporting: true)
            // `a` can't change after `bind` reported it; `b` can, and `c`, `d` aren't bound early.
            #expect(
                try file("cell-1.swift", of: running).contains(
                    "__nbrun.bindings((\"b\", b as Any), (\"c\", c as Any), (\"d\", d as Any))\n"))
            // An earlier cell's `let` that a cell uses is still carried: the report shows what it used.
            #expect(
                try file("cell-2.swift", of: running).contains(
                    "__nbrun.bindings((\"a\", a as Any), (\"b\", b as Any))\n"))
            // The program that is only type-checked has no `bind`, so it keeps them all.
            #expect(
                try file("cell-1.swift", of: program(cells)).contains(
                    "__nbrun.bindings((\"a\", a as Any), (\"b\", b as Any), (\"c\", c as Any), (\"d\", d as Any))\n"
                ))
        }

        @Test func aVarReassignedInALaterCellIsCapturedThere() throws {
            let program = try program(["var w = 1.0\nlet other = 2.0", "w = w * 3", "print(0)"])
            #expect(try file("cell-1.swift", of: program).contains("func __nbrun_cell1() {\n#sourceLocation"))
            #expect(
                try file("cell-1.swift", of: program).contains(
                    "__nbrun.bindings((\"w\", w as Any), (\"other\", other as Any))\n"))
            #expect(try file("cell-2.swift", of: program).contains("__nbrun.bindings((\"w\", w as Any))\n"))
            #expect(try file("cell-3.swift", of: program).contains("#sourceLocation()\n}\n"))
        }

        @Test func evalFalseCellsAreLeftOut() throws {
            let text = "```swift-cell\nlet a = 1\n```\n\n```swift-cell eval=false\nprint(\"left out\")\n```\n"
            let notebook = try Notebook(parsing: text, file: "nb.md")
            let program = Program(NotebookPlan(notebook), notebook: notebook)
            #expect(program.cellIndices == [1])
            #expect(!program.files.contains { $0.text.contains("left out") })
        }

        // MARK: - Shadowing

        @Test func aRedeclaredNameShadowsTheEarlierOneFromItsCellOn() throws {
            let cells = ["let x = 1", "let x = x * 2\nprint(x)", "print(x)"]
            #expect(try code(cells, cell: 1) == "let x = 1\n")
            // The new x reads the previous one in its own initializer, then stands for itself.
            #expect(try code(cells, cell: 2) == "let x__nb2 = x * 2\nprint(x__nb2)\n")
            #expect(try code(cells, cell: 3) == "print(x__nb2)\n")
            // The report shows it under the author's name.
            #expect(
                try file("cell-2.swift", of: program(cells)).contains("__nbrun.bindings((\"x\", x__nb2 as Any))"))
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

import Foundation
import Testing

@testable import NBRunKit

extension Unit {
    /// The files a whole-program compile joins the cells' files into (`Program.compileUnits`).
    @Suite struct CompileUnitsTests {
        private func program(_ cells: [String]) throws -> Program {
            let notebook = try Notebook(
                parsing: cells.map { "```swift-cell\n\($0)\n```\n" }.joined(separator: "\n"), file: "nb.md")
            return Program(NotebookPlan(notebook), notebook: notebook)
        }

        private func cells(_ count: Int) -> [String] {
            (1...count).map { "let a\($0) = \($0)\nprint(a\($0))" }
        }

        /// Per unit, the cells whose files it holds (from the `#sourceLocation` lines that open them).
        private func cells(in unit: ProgramFile) -> [Int] {
            if let cell = Program.cell(inFileNamed: unit.name) { return [cell] }
            return unit.text.split(separator: "\n").compactMap { line in
                guard line.hasPrefix("#sourceLocation(file: \"cell-"), line.hasSuffix("line: 1)") else { return nil }
                return Int(line.dropFirst("#sourceLocation(file: \"cell-".count).prefix { $0.isNumber })
            }
        }

        @Test func fewCellsOrOneThreadKeepTheProgramsOwnFiles() throws {
            let small = try program(cells(Program.fewestCellsForUnits - 1))
            #expect(small.compileUnits(threads: 2) == small.files)
            let large = try program(cells(40))
            #expect(large.compileUnits(threads: 1) == large.files)
        }

        @Test func cellsAreJoinedInOrderIntoAsManyUnitsAsThreads() throws {
            let program = try program(cells(40))
            let units = program.compileUnits(threads: 2)
            #expect(units.map(\.name) == ["session.swift", "cells-1.swift", "cells-2.swift", "main.swift"])
            #expect(units.first == program.files.first)
            #expect(units.last == program.files.last)
            let joined = units.dropFirst().dropLast().map { cells(in: $0) }
            #expect(joined.flatMap { $0 } == Array(1...40))
            // About equal halves by size.
            let sizes = units.dropFirst().dropLast().map(\.text.utf8.count)
            #expect(Double(abs(sizes[0] - sizes[1])) < 0.1 * Double(sizes[0]))
        }

        /// Every line of a unit reads, for the compiler, as the line of the cell's own file it
        /// came from: `#sourceLocation` names the cell's file at each of its lines, or the cell.
        @Test func everyLineOfAUnitIsWhereItIsInItsCellsFile() throws {
            let program = try program(cells(20))
            let units = program.compileUnits(threads: 2)
            for unit in units where unit.name.hasPrefix("cells-") {
                var file: String?
                var line = 0
                for text in unit.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                    if text.hasPrefix("#sourceLocation(file: ") {
                        let parts = text.dropFirst("#sourceLocation(file: \"".count).split(separator: "\"")
                        file = String(parts[0])
                        line = Int(parts[1].drop { !$0.isNumber }.prefix { $0.isNumber })!
                        continue
                    }
                    guard let name = file, text != "#sourceLocation()" else { continue }
                    if name.hasPrefix("cell-") {
                        let own = try #require(program.file(named: name)).text.split(
                            separator: "\n", omittingEmptySubsequences: false)
                        // The header's imports are blanked after a unit's first cell.
                        #expect(text == own[line - 1] || (text.isEmpty && own[line - 1].hasPrefix("import ")))
                    }
                    line += 1
                }
            }
            // What the compiler is told of each cell's code is what the cell's file says.
            func cellCode(_ files: [ProgramFile]) -> Int {
                files.reduce(0) {
                    $0 + $1.text.components(separatedBy: "#sourceLocation(file: \"nbrun-cell-").count - 1
                }
            }
            #expect(cellCode(units) == cellCode(program.files))
            #expect(cellCode(units) == 40)
        }

        @Test func aUnitImportsOnceAndACellThatAddsAnImportStartsAnother() throws {
            var source = cells(30)
            source[11] = "import Dispatch\nlet a12 = 12"
            let units = try program(source).compileUnits(threads: 2)
            let joined = units.filter { $0.name.hasPrefix("cells-") }
            #expect(joined.map { cells(in: $0) }.first { $0.contains(12) }?.first == 12)
            #expect(joined.map { cells(in: $0) }.first { $0.contains(11) }?.last == 11)
            for unit in joined {
                #expect(unit.text.components(separatedBy: "\nimport NBRuntime\n").count == 2)
            }
        }

        @Test func aCellThatSaysPrivateKeepsItsOwnFile() throws {
            var source = cells(30)
            // A cell that declares something `private` stays top-level code of `main.swift`
            // (the planner's rule); one that only mentions the word keeps a file of its own.
            source[9] = "struct P {\n    private let p = 10\n}\nprint(P())"
            source[19] = "let a20 = \"fileprivate\"\nprint(a20)"
            let program = try program(source)
            let units = program.compileUnits(threads: 2)
            #expect(program.topLevelCells == [10])
            #expect(units.contains(try #require(program.file(named: "cell-20.swift"))))
            #expect(units.flatMap { cells(in: $0) } == Array(1...30).filter { $0 != 10 })
        }
    }
}

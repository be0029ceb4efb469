import Foundation
import Testing

@testable import NBRunKit

extension Unit {
    /// Properties of parsing and rewriting that must hold for every notebook, checked on
    /// a few hundred generated ones. The generator is seeded, so a failure repeats; its
    /// message quotes the notebook that broke the property.
    @Suite struct PropertyTests {
        static let cases = 300

        // MARK: - Parsing never crashes, and printing gives back the same bytes

        @Test func randomBytesParseWithoutCrashingAndPrintBackExactly() {
            var random = SeededRandom(seed: 0x5EED_0001)
            var parsed = 0
            for _ in 0..<Self.cases {
                let bytes = random.bytes(count: random.int(0...400))
                let text = String(decoding: bytes, as: UTF8.self)
                guard let notebook = try? Notebook(parsing: text, file: "r.md") else { continue }
                parsed += 1
                #expect(Array(notebook.text.utf8) == Array(text.utf8), "round trip of \(text.debugDescription)")
            }
            // Random bytes rarely make a bad cell option; most must parse, or this checks little.
            #expect(parsed > Self.cases * 9 / 10, "\(parsed) of \(Self.cases) parsed")
        }

        @Test func markdownMixesParseWithoutCrashingAndPrintBackExactly() {
            var random = SeededRandom(seed: 0x5EED_0002)
            var parsed = 0
            for _ in 0..<Self.cases {
                let text = NotebookGenerator(wild: true).make(&random).text
                guard let notebook = try? Notebook(parsing: text, file: "m.md") else { continue }
                parsed += 1
                #expect(Array(notebook.text.utf8) == Array(text.utf8), "round trip of \(text.debugDescription)")
            }
            // The generator is meant to make mostly valid notebooks; if it didn't, this test tests little.
            #expect(parsed > Self.cases / 2)
        }

        // MARK: - Cells sit where the file says

        @Test func cellsAreFoundAtTheirFenceLinesWithTheCodeBetweenTheFences() throws {
            var random = SeededRandom(seed: 0x5EED_0003)
            var nested = 0
            for _ in 0..<Self.cases {
                let generated = NotebookGenerator(wild: false).make(&random)
                let text = generated.text
                guard let notebook = Self.parse(text, file: "c.md") else { continue }
                let lines = FileLines(text)
                #expect(notebook.cells.map(\.line) == generated.cellLines, "cell lines in \(text.debugDescription)")
                for expected in generated.cells {
                    guard let cell = notebook.cells.first(where: { $0.line == expected.line }) else { continue }
                    let place = "cell at line \(cell.line) of \(text.debugDescription)"
                    #expect(cell.source == expected.source, "\(place)")
                    #expect(cell.rawText == lines.raw(expected.line...expected.closingLine), "\(place)")
                    #expect(cell.linePrefixes.map(\.text) == expected.prefixes, "\(place)")
                    #expect(cell.isTerminated, "\(place)")
                    // (A stray output block generated right after a cell documents it too.)
                    if expected.documented { #expect(notebook.documentedOutput(of: cell) != nil, "\(place)") }
                    if cell.containerDepth > 0 { nested += 1 }
                }
                for cell in notebook.cells {
                    let opening = lines[cell.line]
                    #expect(
                        opening.contains("swift-cell") || opening.contains("swift cell"),
                        "line \(cell.line) of \(text.debugDescription)")
                    guard let fence = Fence(opening: opening), fence.indent == 0 else { continue }
                    guard
                        let closing = (cell.line + 1...max(cell.line + 1, lines.count)).first(where: {
                            $0 <= lines.count && fence.isClosed(by: lines[$0])
                        })
                    else { continue }
                    let between = (cell.line + 1..<closing).map { lines[$0] + "\n" }.joined()
                    #expect(cell.source == between, "cell at line \(cell.line) of \(text.debugDescription)")
                    #expect(
                        cell.rawText == lines.raw(cell.line...closing),
                        "cell at line \(cell.line) of \(text.debugDescription)")
                }
            }
            // The generator is meant to nest a good share of its cells.
            #expect(nested > Self.cases / 2)
        }

        /// cmark-gfm ends a line at a lone CR as well as at LF and CRLF; a classic Mac file's
        /// cells must still be found at the lines cmark numbers, with their text.
        @Test func lonelyCarriageReturnsCountAsLineBreaksLikeCmarkCountsThem() throws {
            let text = "# Mac\r\r```swift-cell\rprint(1)\r```\r"
            let notebook = try Notebook(parsing: text, file: "mac.md")
            let cell = try #require(notebook.cells.first)
            #expect(cell.line == 3)
            #expect(notebook.line(cell.line) == "```swift-cell")
            #expect(cell.rawText == "```swift-cell\rprint(1)\r```\r")
            #expect(notebook.text == text)
        }

        // MARK: - Rewriting outputs changes output blocks only

        @Test func updatingOutputsLeavesEveryOtherByteAndIsIdempotent() throws {
            var random = SeededRandom(seed: 0x5EED_0004)
            var rewritten = 0
            for _ in 0..<Self.cases {
                let text = NotebookGenerator(wild: false).make(&random).text
                guard let notebook = Self.parse(text, file: "u.md") else { continue }
                let outputs = notebook.cells.map { _ in random.printedText() }
                guard let updated = NotebookUpdater().update(Self.check(notebook, printing: outputs)) else { continue }
                rewritten += 1
                let reparsed = try Notebook(parsing: updated, file: "u.md")
                #expect(
                    Array(Self.withoutOutputBlocks(reparsed).utf8) == Array(Self.withoutOutputBlocks(notebook).utf8),
                    "non-output bytes changed: \(text.debugDescription) became \(updated.debugDescription)")
                #expect(reparsed.cells.map(\.source) == notebook.cells.map(\.source))
                #expect(
                    NotebookUpdater().update(Self.check(reparsed, printing: outputs)) == nil,
                    "a second update changed \(updated.debugDescription) again")
            }
            #expect(rewritten > Self.cases / 4)
        }

        @Test func addingMissingOutputsKeepsTheCellsAndIsIdempotent() throws {
            var random = SeededRandom(seed: 0x5EED_0005)
            var added = 0
            var addedNested = 0
            for _ in 0..<Self.cases {
                let text = NotebookGenerator(wild: false).make(&random).text
                guard let notebook = Self.parse(text, file: "a.md") else { continue }
                let outputs = notebook.cells.map { _ in random.printedText() }
                let updater = NotebookUpdater(addMissing: true)
                guard let updated = updater.update(Self.check(notebook, printing: outputs)) else { continue }
                let reparsed = try Notebook(parsing: updated, file: "a.md")
                #expect(
                    reparsed.cells.map(\.source) == notebook.cells.map(\.source),
                    "cells changed: \(text.debugDescription) became \(updated.debugDescription)")
                #expect(
                    updater.update(Self.check(reparsed, printing: outputs)) == nil,
                    "a second update changed \(updated.debugDescription) again")
                // A new block documents exactly what the cell printed, in the cell's own list item or quote.
                for (before, after) in zip(notebook.cells, reparsed.cells)
                where notebook.documentedOutput(of: before) == nil && before.isTerminated {
                    let printed = outputs[before.index - 1]
                    let expected = printed.isEmpty || printed.hasSuffix("\n") ? printed : printed + "\n"
                    #expect(
                        reparsed.documentedOutput(of: after)?.content == (printed.isEmpty ? nil : expected),
                        "cell \(before.index) of \(updated.debugDescription)")
                    if printed.isEmpty { continue }
                    added += 1
                    if before.containerDepth > 0 { addedNested += 1 }
                }
            }
            #expect(
                added > Self.cases / 2 && addedNested > Self.cases / 4, "\(added) outputs added, \(addedNested) nested")
        }

        /// The smallest notebook behind a failure of the property above, kept as its own test.
        @Test func addMissingAfterAnUnterminatedCellDoesNotWriteIntoTheCell() throws {
            let text = "# T\n\n```swift-cell\nprint(1)\n"
            let notebook = try Notebook(parsing: text, file: "a.md")
            // A block added after it would become part of its code, so nothing is added.
            #expect(NotebookUpdater(addMissing: true).update(Self.check(notebook, printing: ["1\n"])) == nil)
            #expect(notebook.cells.map(\.source) == ["print(1)\n"])
        }

        // MARK: - Helpers

        /// The notebook, or nil (and a recorded issue) when a generated notebook that should parse doesn't.
        static func parse(_ text: String, file: String) -> Notebook? {
            do { return try Notebook(parsing: text, file: file) } catch {
                Issue.record("\(error.diagnostic.formatted) in \(text.debugDescription)")
                return nil
            }
        }

        /// A check of `notebook` as if every cell ran and printed `outputs[index - 1]`.
        static func check(_ notebook: Notebook, printing outputs: [String]) -> CheckResult {
            let cells = notebook.cells.map { CellResult(cell: $0, status: .ok, stdout: outputs[$0.index - 1]) }
            return CheckResult(run: RunResult(notebook: notebook, cells: cells, diagnostics: []))
        }

        /// The notebook's text with its documented-output blocks cut out.
        static func withoutOutputBlocks(_ notebook: Notebook) -> String {
            (notebook.hasByteOrderMark ? "\u{FEFF}" : "")
                + notebook.blocks.map { block in
                    if case .output = block { return "" }
                    return block.rawText
                }.joined()
        }
    }
}

import Foundation
import Testing

@testable import NBRunKit

extension Unit {
    /// What nbrun says about a run, on generated notebooks with random failures: every
    /// documented output is in exactly one of `check`'s counts, every cell that did not run
    /// is counted and says why, and the report's words agree in number.
    @Suite struct RunSummaryTests {
        /// What became of one generated cell, decided before nbrun sees it.
        struct Truth {
            enum Fate { case ran, failed, notRun, skipped, failedAsExpected }
            var fate: Fate
            var documented: Bool
            var ignored: Bool
            var matches: Bool
            var prints: Bool

            /// The count of `check`'s line this cell belongs in, worked out from the fate
            /// alone; nil for a cell that ran, printed nothing and documents nothing.
            var count: String? {
                switch fate {
                case .failed: return "errored"
                case .notRun: return "not run"
                case .skipped: return "skipped"
                case .ran, .failedAsExpected:
                    if documented { return ignored ? "ignored" : matches ? "passed" : "failed" }
                    return prints ? "unchecked" : nil
                }
            }
        }

        /// A notebook of 1–8 cells with random fates, and the checked run nbrun makes of it.
        static func generate(_ random: inout SeededRandom) throws -> (truths: [Truth], checked: CheckedRun) {
            var truths: [Truth] = []
            var text = "# Generated\n\n"
            for index in 1...random.int(1...8) {
                let skipped = random.chance(10)
                let fate: Truth.Fate =
                    skipped ? .skipped : random.pick([.ran, .ran, .ran, .failed, .notRun, .notRun, .failedAsExpected])
                let truth = Truth(
                    fate: fate, documented: random.chance(60), ignored: random.chance(15), matches: random.chance(60),
                    prints: random.chance(70))
                truths.append(truth)
                let id = random.chance(30) ? " id=c\(index)" : ""
                text += "```swift-cell\(id)\(skipped ? " eval=false" : "")\nprint(\(index))\n```\n\n"
                if truth.documented {
                    text += "```output\(truth.ignored ? " match=ignore" : "")\nv\(index)\n```\n\n"
                }
            }
            let notebook = try Notebook(parsing: text, file: "g.md")
            let cells = zip(notebook.cells, truths).map { cell, truth -> CellResult in
                let printed =
                    truth.documented
                    ? (truth.matches ? "v\(cell.index)\n" : "w\(cell.index)\n")
                    : truth.prints ? "x\n" : ""
                switch truth.fate {
                case .ran: return CellResult(cell: cell, status: .ok, stdout: printed)
                case .failedAsExpected: return CellResult(cell: cell, status: .expectedError, stdout: printed)
                case .skipped: return CellResult(cell: cell, status: .skipped)
                case .failed:
                    return CellResult(
                        cell: cell, status: .error, stdout: printed, error: CellError(message: "boom", line: cell.line))
                case .notRun:
                    return CellResult(cell: cell, status: .notRun, reason: "uses 'q\(cell.index)', declared in cell 0")
                }
            }
            return (truths, CheckedRun(RunResult(notebook: notebook, cells: cells, diagnostics: [])))
        }

        /// `check`'s counts as printed, by name: `["passed": 3, "not run": 1, …]`.
        static func counts(in line: String) -> [String: Int] {
            var counts: [String: Int] = [:]
            for part in line.components(separatedBy: ", ") {
                let words = part.split(separator: " ", maxSplits: 1)
                counts[String(words[1]), default: 0] += Int(words[0])!
            }
            return counts
        }

        @Test func everyDocumentedOutputIsInExactlyOneCount() throws {
            var random = SeededRandom(seed: 0x25_0001)
            for _ in 0..<500 {
                let (truths, checked) = try Self.generate(&random)
                let line = checked.summary.checkCounts
                let printed = Self.counts(in: line)
                var expected: [String: Int] = ["passed": 0, "failed": 0, "errored": 0, "unchecked": 0]
                for truth in truths { if let count = truth.count { expected[count, default: 0] += 1 } }
                #expect(printed == expected, "\(line) for \(truths)")
                // Each documented output is counted once: the counts it can be in add up to them all.
                let documented = truths.filter(\.documented)
                let places = ["passed", "failed", "errored", "not run", "skipped", "ignored"]
                #expect(
                    documented.count == documented.filter { places.contains($0.count ?? "") }.count
                        && checked.summary.documented == documented.count)
            }
        }

        @Test func everyCellThatDidNotRunIsCountedAndSaysWhy() throws {
            var random = SeededRandom(seed: 0x25_0002)
            for _ in 0..<300 {
                let (truths, checked) = try Self.generate(&random)
                let notRun = zip(checked.run.notebook.cells, truths).filter { $0.1.fate == .notRun }.map(\.0)
                // The terminal: a note at each such cell, with its reason.
                #expect(
                    checked.notRunNotes.map(\.formatted)
                        == notRun.map {
                            "g.md:\($0.line): note: \($0.name) was not run: uses 'q\($0.index)', declared in cell 0"
                        })
                // render's line and the report's status count them.
                if !notRun.isEmpty {
                    #expect(
                        checked.summary.line.contains("\(notRun.count) not run")
                            || checked.summary.line.hasPrefix(notRun.count.counted("cell") + " not run"),
                        "\(checked.summary.line)")
                    #expect(checked.summary.status.contains(", \(notRun.count) not run"), "\(checked.summary.status)")
                }
                // JUnit: a skipped test case that gives the reason, for each that documents an output.
                let xml = JUnitReport(checks: [checked]).xml
                for cell in notRun where checked.run.notebook.documentedOutputs[cell.index] != nil {
                    // At the cell's line, as the note and the annotation are, not its output's.
                    #expect(
                        xml.contains(
                            "name=\"\(cell.name)\" file=\"g.md\" line=\"\(cell.line)\">\n"
                                + "      <skipped message=\"uses 'q\(cell.index)', declared in cell 0\"/>"), "\(xml)")
                }
                #expect(!xml.contains("message=\"not run\""))
                #expect(
                    checked.ok
                        == truths.allSatisfy { $0.fate != .failed && $0.fate != .notRun && ($0.count != "failed") })
            }
        }

        @Test func theWordsAgreeInNumber() throws {
            var random = SeededRandom(seed: 0x25_0003)
            for _ in 0..<300 {
                let (_, checked) = try Self.generate(&random)
                for text in [checked.summary.line, checked.summary.status, checked.summary.checkCounts] {
                    #expect(text.firstMatch(of: /(^|[^0-9])1 (cells|outputs|documented outputs)\b/) == nil, "\(text)")
                    #expect(!text.contains("all 1 ") && !text.contains("all 0 "), "\(text)")
                }
            }
        }

        @Test func theStatusLineOfSmallRuns() throws {
            func status(_ markdown: String, _ statuses: [CellResult.Status], printing: [String] = []) throws -> String {
                let notebook = try Notebook(parsing: markdown, file: "s.md")
                let cells = zip(notebook.cells, statuses).enumerated().map { offset, pair in
                    CellResult(cell: pair.0, status: pair.1, stdout: offset < printing.count ? printing[offset] : "")
                }
                return CheckedRun(RunResult(notebook: notebook, cells: cells, diagnostics: [])).summary.status
            }
            let one = "```swift-cell\nprint(1)\n```\n\n```output\n1\n```\n"
            #expect(try status(one, [.ok], printing: ["1\n"]) == "1 cell ran; 1 documented output matched")
            #expect(try status(one, [.ok], printing: ["2\n"]) == "1 cell ran; the documented output differs")
            #expect(
                try status(one + one, [.ok, .ok], printing: ["1\n", "1\n"])
                    == "all 2 cells ran; all 2 documented outputs matched")
            #expect(
                try status(one + one, [.error, .notRun], printing: ["", ""])
                    == "1 cell failed; 0 of 2 ran, 1 not run; 2 documented outputs not compared")
            #expect(try status("# Prose only\n", []) == "no cells ran")
        }
    }
}

import Foundation
import Testing

@testable import NBRunKit

extension Unit {
    /// The rehearsal `render` does while swiftc compiles goes through every step after the
    /// program: if one of them silently failed (an event the trace can't read, a check that
    /// doesn't match), the cold run would pay those steps' first-time costs again.
    @Suite struct RehearsalTests {
        @Test func anHTMLRehearsalReadsTheEventsChecksTheOutputAndDrawsTheFigure() throws {
            let preparation = ReportPreparation(
                format: .html, template: nil, katexDirectory: Report.defaultKaTeXDirectory,
                node: Report.installedNode(), cache: nil)
            let html = try #require(Rehearsal.run(format: .html, preparation: preparation))
            // The event's tensor, the printed output checked against the notebook's, the figure.
            #expect(html.contains("[[[1. 2.]]]"))
            #expect(html.contains("✓ matches the documented output"))
            #expect(html.contains("<figure class=\"nbrun-figure\">"))
            #expect(html.contains("<svg"))
            #expect(html.contains("<table>"))
            #expect(!html.contains("differs from the documented output"))
        }

        @Test func aMarkdownRehearsalRendersToo() throws {
            let markdown = try #require(Rehearsal.run(format: .md, preparation: nil))
            #expect(markdown.contains("[[[1. 2.]]]"))
            #expect(markdown.contains("# Rehearsal"))
        }

        @Test func theRehearsalsEventsReadBackAsTheTraceOfOneCell() {
            let marker = "\u{1}m"
            let trace = ExecutionTrace(
                stdout: CellStream(marker: marker, headLimit: 100), stderr: CellStream(marker: marker, headLimit: 100),
                events: Rehearsal.events(cell: 3))
            #expect(trace.begun == [3])
            #expect(trace.ended == [3])
            #expect(trace.finished)
            #expect(trace.tensors[3]?.map(\.shape) == [[1, 1, 2]])
            #expect(trace.figures[3]?.first?.panels.first?.series.first?.y == [1, 2])
        }
    }
}

extension Unit {
    @Suite struct ReportDateTests {
        /// The report's dates read as Foundation's ISO 8601 formatter writes them.
        @Test(arguments: [0, 0.4999, 0.9999, 59.5, -1.5, 951_782_400, 1_796_585_116.25, 4_102_444_799.6])
        func theReportsDatesAreFoundationsISO8601(seconds: Double) {
            let date = Date(timeIntervalSince1970: seconds)
            let day = ISO8601DateFormatter()
            day.formatOptions = [.withFullDate]
            #expect(ReportContext.iso8601(date) == ISO8601DateFormatter().string(from: date))
            #expect(ReportContext.iso8601(date, time: false) == day.string(from: date))
        }
    }
}

extension Unit {
    @Suite struct BlankTrimTests {
        /// Trimmed as Foundation trims `.whitespaces`: tabs, Unicode's space separators and
        /// the zero width space, never line breaks or other characters.
        @Test(arguments: [
            "", " ", "\t// BEGIN SOLUTION  ", "\u{00A0}\u{2003}x\u{3000}", "x\r", " \n x \n ", "a b", "\u{200B}x",
            "\u{1680}\u{205F}y\u{202F}", "\u{FEFF}z"
        ])
        func trimsWhatFoundationTrims(text: String) {
            #expect(text.trimmingBlanks == text.trimmingCharacters(in: .whitespaces))
            #expect(Substring(text).trimmingBlanks == text.trimmingCharacters(in: .whitespaces))
        }
    }
}

extension Unit {
    @Suite struct ScratchWriteTests {
        @Test func writesTheTextAndReplacesALongerFile() throws {
            let folder = try ScratchFolders.make()
            defer { ScratchFolders.remove(folder) }
            let file = folder.appendingPathComponent("cell-1.swift")
            try ScratchFolders.write(String(repeating: "x", count: 100_000), to: file)
            try ScratchFolders.write("let é = \"∑\"\n", to: file)
            #expect(try Data(contentsOf: file) == Data("let é = \"∑\"\n".utf8))
        }

        @Test func aFileInAMissingFolderFailsNamingIt() throws {
            let folder = try ScratchFolders.make()
            ScratchFolders.remove(folder)
            let file = folder.appendingPathComponent("main.swift")
            let error = try #require(throws: CocoaError.self) { try ScratchFolders.write("", to: file) }
            #expect(error.code == .fileNoSuchFile)
            #expect(error.userInfo[NSFilePathErrorKey] as? String == file.path)
        }
    }
}

extension Unit {
    @Suite struct ByteSearchTests {
        /// Cut and searched as Foundation's `components(separatedBy:)` and `contains(_:)` do.
        @Test(arguments: [
            "", "<!--nbrun-cut-->", "a<!--nbrun-cut-->\nb", "<!--nbrun-cut--><!--nbrun-cut-->", "é<!--nbrun-cut-->∑",
            "no marker", "<!--nbrun-cut-", "x<!--nbrun-cut-->", "<<!--nbrun-cut-->", "<!--nbrun-cu<!--nbrun-cut-->-->",
            "<!--nbrun-cut--><!--nbrun-cut-"
        ])
        func cutsAndFindsWhatFoundationDoes(text: String) {
            let marker = "<!--nbrun-cut-->"
            #expect(text.pieces(separatedBy: marker) == text.components(separatedBy: marker))
            #expect(text.containsBytes(of: marker) == text.contains(marker))
            #expect(text.containsBytes(of: "é") == text.contains("é"))
        }

        @Test func aSearchDoesntOverlapItsMatches() {
            #expect("aaaa".utf8Ranges(of: "aa") == [0..<2, 2..<4])
            #expect("aaa".utf8Ranges(of: "aa") == [0..<2])
            #expect("éaé".utf8Ranges(of: "é") == [0..<2, 3..<5])
            #expect("abc".utf8Ranges(of: "abcd").isEmpty)
            #expect("abab".utf8Ranges(of: "ab", limit: 1) == [0..<2])
        }

        /// A tensor's text counts as printed when it ends a line of what the cell printed.
        @Test func aValueIsPrintedWhenItEndsALine() {
            #expect(CellContext.printed("[1. 2.]", in: "w: [1. 2.]\n"))
            #expect(CellContext.printed("[1. 2.]", in: "[1. 2.]"))
            #expect(CellContext.printed("[1. 2.]", in: "[1. 2.]]\n[[1. 2.]\n"))
            #expect(!CellContext.printed("[1. 2.]", in: "[1. 2.]]\n"))
            #expect(!CellContext.printed("", in: "\n"))
        }
    }
}

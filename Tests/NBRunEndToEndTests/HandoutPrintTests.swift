import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// A handout on paper (A4, Chromium, read back with poppler-utils' `pdftotext -bbox-layout`):
/// long cells break between lines and repeat their header on the next page, no page but the
/// last is more than half empty, and the footer never stands alone. The pages are left as
/// PNGs in `.build/nbrun-artifacts/pdf/print-*.png` to look at.
@Suite(.serialized) struct HandoutPrintTests {
    /// A line of text on a printed page, and where it is (points from the page's top).
    struct Line {
        var text: String
        var top: Double
        var bottom: Double
    }

    /// The lines of each page, top to bottom, without the running title and the page
    /// number in the margins; and the height of the page.
    static func pages(_ pdf: URL) throws -> [(lines: [Line], height: Double)] {
        let xml = try PDFReportTests.poppler("pdftotext", "-bbox-layout", pdf.path, "-")
        return xml.matches(of: /<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/).map { page in
            let height = Double(page.output.1) ?? 0
            let lines = page.output.2.matches(
                of: /<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/
            ).map { line in
                Line(
                    text: line.output.3.matches(of: /<word [^>]*>([^<]*)<\/word>/).map { String($0.output.1) }
                        .joined(separator: " "),
                    top: Double(line.output.1) ?? 0, bottom: Double(line.output.2) ?? 0)
            }
            // The page's margins (20 mm above, 18 mm below) hold the running title and the page number.
            let content = lines.filter { $0.top > 20 / 25.4 * 72 - 2 && $0.bottom < height - 18 / 25.4 * 72 + 2 }
            return (content.sorted { $0.top < $1.top }, height)
        }
    }

    /// How far down the page's text area its last line reaches, from 0 to 1.
    static func filled(_ page: (lines: [Line], height: Double)) -> Double {
        let top = 20 / 25.4 * 72
        let bottom = page.height - 18 / 25.4 * 72
        return ((page.lines.map(\.bottom).max() ?? top) - top) / (bottom - top)
    }

    static let headings = ["The data", "A softmax classifier", "A two-layer net"]

    @Test func longCellsBreakBetweenLinesUnderARepeatedHeaderAndNoPageIsHalfEmpty() throws {
        let pdf = try PDFReportTests.print(Fixture.path("handout/spiral.md"), to: "print-spiral")
        let pages = try Self.pages(pdf)
        #expect((5...9).contains(pages.count), "\(pages.count) pages")
        for (index, page) in pages.dropLast().enumerated() {
            #expect(Self.filled(page) >= 0.5, "page \(index + 1) is \(Int(Self.filled(page) * 100))% full")
        }
        // A page starts with a heading or with a cell's header: a cell that runs on from the
        // page before repeats its header ("[5] net ran line 69") above its next line.
        for (index, page) in pages.enumerated().dropFirst() {
            let first = try #require(page.lines.first?.text, "page \(index + 1) is empty")
            #expect(
                first.firstMatch(of: /^\[\d+\]/) != nil || Self.headings.contains(first),
                "page \(index + 1) starts with \(first)")
        }
        // Some cell is long enough to run onto a second page, so the header was repeated.
        let headers = pages.flatMap { $0.lines.compactMap { $0.text.firstMatch(of: /^\[(\d+)\]/)?.output.1 } }
        #expect(Set(headers).count < headers.count, "no cell header repeated: \(headers)")
        // The last page holds more than the footer.
        let last = try #require(pages.last)
        let footer = try #require(last.lines.firstIndex { $0.text.hasPrefix("Made by nbrun") })
        #expect(footer > 0, "the footer is alone on the last page")
        _ = try PDFReportTests.pictures(of: pdf)
    }

    @Test func aCellWithAFigureDoesNotLeaveTheFirstPageEmpty() throws {
        // layout.md: a title, a paragraph and one cell, whose figure can't fit below its code.
        let pdf = try PDFReportTests.print(Fixture.path("handout/layout.md"), to: "print-layout")
        let pages = try Self.pages(pdf)
        #expect(pages.count == 2)
        let first = try #require(pages.first)
        // The code and its output on the first page; the figure, which can't fit below them
        // (so this page may be more than half empty), on the second.
        #expect(first.lines.contains { $0.text.contains("print(grid.shape, weights.count)") })
        #expect(first.lines.contains { $0.text == "(100, 100) 27" })
        #expect(pages.last?.lines.first?.text.hasPrefix("[1]") == true, "the cell's header is repeated")
        _ = try PDFReportTests.pictures(of: pdf)

        // The control: with every cell kept whole, as before, the first page holds the title and
        // its paragraph alone.
        let html = try nbrun(Fixture.path("handout/layout.md"), "-o", "-").stdout
        let whole = html.replacingOccurrences(
            of: "</head>",
            with:
                "<style>@media print { .cell { display: block !important; break-inside: avoid !important; } }</style></head>"
        )
        let control = PDFReportTests.artifacts.appendingPathComponent("print-layout-control.pdf")
        try PDFPrinter(browser: try Chromium.locate()).print(whole, to: control)
        let before = try Self.pages(control)[0]
        #expect(!before.lines.contains { $0.text.contains("print(grid.shape, weights.count)") })
        #expect(Self.filled(before) < 0.25)
    }
}

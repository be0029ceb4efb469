import Foundation
import Testing

@testable import NBRunKit

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

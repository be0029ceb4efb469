import Foundation
import Testing

@testable import NBRunKit

extension Unit {
    /// A program's streams are cut per cell as they arrive, whatever the reads' sizes.
    @Suite struct CellStreamTests {
        @Test func aMarkerSplitAcrossReadsStillCutsTheCells() {
            let marker = "\u{1}nbrun-cell-TEST"
            let stream = "before\n\(marker) 1\nfirst\n\(marker) 2\nsecond " + String(repeating: "y", count: 100) + "\n"
            for split in [1, 3, 7, 64] {
                var cells = CellStream(marker: marker, headLimit: 20, tailLimit: 8)
                let bytes = Array(stream.utf8)
                for start in stride(from: 0, to: bytes.count, by: split) {
                    bytes[start..<min(start + split, bytes.count)].withUnsafeBytes { cells.append($0) }
                }
                cells.finish()
                #expect(cells.cells[1]?.whole == "first\n")
                let second = cells.cells[2]
                #expect(second?.bytes == 108)
                #expect(second.map { String(decoding: $0.head, as: UTF8.self) } == "second yyyyyyyyyyyyy")
                #expect(second.map { String(decoding: $0.trimmed(to: 8).tail, as: UTF8.self) } == "yyyyyyy\n")
            }
        }
    }
}

import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// A notebook using `probs[0..<n, y]` gets the warning at its line; `range(n)` is numpy's.
@Suite("The range trap warns at its notebook line")
struct RangeTrapEndToEndTests {
    @Test func theSliceFormWarnsAndRangeIsFancy() throws {
        let file = Fixture.path("range-trap.md")
        let result = try nbrun("check", file)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("1 passed, 0 failed"))
        #expect(
            result.stderr.contains(
                """
                \(file):14:19: warning: `0..<n` beside an integer-array index is a slice: this is numpy's \
                `probs[0:n, y]`, every row of the slice with every index (a matrix); numpy's `range(n)` in a \
                subscript is `np.arange`, one element per row: write `probs[range(n), y]`
                let wrong = probs[0..<n, y]
                                  ^
                """))
        // Once: the second subscript, range(n), is numpy's fancy index and says nothing.
        #expect(result.stderr.components(separatedBy: "warning:").count == 2)

        let strict = try nbrun("check", "--warnings-as-errors", file)
        #expect(strict.status == 1)
    }
}

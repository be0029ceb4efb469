import Testing

@testable import NBRunKit

extension Unit {
    @Suite struct MathScannerTests {
        @Test func spansCoverTheDelimitersInUTF8Offsets() {
            let text = "é $x$ and $$y$$"  // é is two bytes
            let spans = MathScanner(text, codeBlocks: []).spans()
            #expect(
                spans == [
                    MathSpan(range: 3..<6, tex: "x", display: false),
                    MathSpan(range: 11..<16, tex: "y", display: true)
                ])
        }

        @Test func linesOfCodeBlocksAreSkipped() {
            let text = "$a$\n$b$\n$c$\n"
            #expect(MathScanner(text, codeBlocks: [2...2]).spans().map(\.tex) == ["a", "c"])
            // Nor does a formula run into a code block.
            #expect(MathScanner("$a\nb$\n", codeBlocks: [2...2]).spans().isEmpty)
        }
    }
}

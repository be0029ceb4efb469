import Testing

@testable import NBRunKit

extension Unit {
    /// The pieces the HTML report is made of: highlighted lines and tensor matrices.
    @Suite struct HTMLPartsTests {
        /// The text of some HTML, tags removed and the five escapes undone.
        private func text(_ html: String) -> String {
            var text = html.replacing(/<[^>]*>/, with: "")
            for (escaped, raw) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
                text = text.replacingOccurrences(of: escaped, with: raw)
            }
            return text
        }

        @Test func highlightedLinesGiveBackTheSource() {
            let source = "/* a\n   b */ let s = \"\"\"\n  x < y\n  \"\"\"\n@MainActor func f() {}\n"
            let lines = SwiftHighlighter.lines(of: source)
            #expect(lines.count == 5)
            #expect(lines.map(text).joined(separator: "\n") + "\n" == source)
            #expect(lines[0] == "<span class=\"com\">/* a</span>")
            #expect(lines[1].hasPrefix("<span class=\"com\">   b */</span> <span class=\"kw\">let</span> s = "))
            #expect(lines[2] == "  <span class=\"str\">x &lt; y</span>")
            #expect(lines[4].contains("<span class=\"kw\">func</span>"))
        }

        @Test func typesAndNumbersAreClassified() {
            #expect(
                SwiftHighlighter.lines(of: "let x: Tensor = [[1.0]]\n") == [
                    "<span class=\"kw\">let</span> x: <span class=\"ty\">Tensor</span> = [[<span class=\"num\">1.0</span>]]"
                ])
        }

        @Test func numpySummaryBecomesDots() throws {
            let row = "[0. 0. 0. ... 0. 0. 0.]"
            let text =
                "[" + Array(repeating: row, count: 3).joined(separator: "\n ") + "\n ...\n "
                + Array(repeating: row, count: 3).joined(separator: "\n ") + "]"
            let entries = "0. & 0. & 0. & \\cdots & 0. & 0. & 0."
            let expected =
                "\\begin{bmatrix*}[r]\n" + Array(repeating: entries, count: 3).joined(separator: " \\\\\n")
                + " \\\\\n\\vdots & \\vdots & \\vdots & \\ddots & \\vdots & \\vdots & \\vdots \\\\\n"
                + Array(repeating: entries, count: 3).joined(separator: " \\\\\n") + "\n\\end{bmatrix*}"
            #expect(TensorMatrix.tex(text: text, shape: [100, 20]) == expected)
        }

        @Test func vectorsAndOddNumbers() {
            #expect(
                TensorMatrix.tex(text: "[ 0.036545 -0.036545]", shape: [2])
                    == "\\begin{bmatrix*}[r]\n0.036545 & -0.036545\n\\end{bmatrix*}")
            #expect(
                TensorMatrix.tex(text: "[1.e-05 nan -inf]", shape: [3])
                    == "\\begin{bmatrix*}[r]\n1\\times 10^{-5} & \\text{nan} & -\\text{inf}\n\\end{bmatrix*}")
            #expect(
                TensorMatrix.tex(text: "[[ 9.87220902e-01 -1.5e+03]]", shape: [1, 2])
                    == "\\begin{bmatrix*}[r]\n9.87220902\\times 10^{-1} & -1.5\\times 10^{3}\n\\end{bmatrix*}")
        }

        @Test func shapesAMatrixCantShowFallBackToText() {
            #expect(TensorMatrix.tex(text: "0.5", shape: []) == nil)
            #expect(TensorMatrix.tex(text: "[[[1.]]]", shape: [1, 1, 1]) == nil)
            #expect(TensorMatrix.tex(text: "[1. 2.]", shape: [3]) == nil)  // text and shape disagree
            #expect(TensorMatrix.tex(text: "[]", shape: [0]) == nil)
        }
    }
}

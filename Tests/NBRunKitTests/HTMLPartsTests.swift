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

        @Test func rowsNumpyWrapsStayText() {
            // str(np.linspace(-0.5, 1.5, 41)) and str(np.arange(24.).reshape(2, 12) / 7), from numpy 2.4:
            // wider than numpy's 75 characters, so as a matrix they would run off a printed page.
            let vector = """
                [-0.5  -0.45 -0.4  -0.35 -0.3  -0.25 -0.2  -0.15 -0.1  -0.05  0.    0.05
                  0.1   0.15  0.2   0.25  0.3   0.35  0.4   0.45  0.5   0.55  0.6   0.65
                  0.7   0.75  0.8   0.85  0.9   0.95  1.    1.05  1.1   1.15  1.2   1.25
                  1.3   1.35  1.4   1.45  1.5 ]
                """
            let matrix = """
                [[0.         0.14285714 0.28571429 0.42857143 0.57142857 0.71428571
                  0.85714286 1.         1.14285714 1.28571429 1.42857143 1.57142857]
                 [1.71428571 1.85714286 2.         2.14285714 2.28571429 2.42857143
                  2.57142857 2.71428571 2.85714286 3.         3.14285714 3.28571429]]
                """
            #expect(TensorMatrix.tex(text: vector, shape: [41]) == nil)
            #expect(TensorMatrix.tex(text: matrix, shape: [2, 12]) == nil)
            // The same kind of numbers, fewer of them, fit on numpy's line: a matrix.
            #expect(
                TensorMatrix.tex(text: "[-0.5  -0.45  0.    0.05]", shape: [4])
                    == "\\begin{bmatrix*}[r]\n-0.5 & -0.45 & 0. & 0.05\n\\end{bmatrix*}")
        }
    }
}

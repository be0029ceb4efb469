import Testing

@testable import NBRunKit

extension Unit {
    /// Math must reach the HTML exactly as written, whatever cmark-gfm would make of it.
    @Suite struct MathProtectorTests {
        private func html(_ markdown: String) -> String {
            var renderer = ProseRenderer()
            return renderer.html(of: markdown)
        }

        private func formulas(_ markdown: String) -> [String] {
            MathProtector(markdown: markdown).spans.map(\.tex)
        }

        @Test func asterisksInsideMathMakeNoEmphasis() {
            #expect(html("$a *b* c$\n") == "<p><span class=\"math inline\">\\(a *b* c\\)</span></p>\n")
        }

        @Test func underscoresAndStarsAcrossTwoFormulas() {
            #expect(
                html("$x_{i}^{*}$ and $y_{j}$\n") == """
                    <p><span class="math inline">\\(x_{i}^{*}\\)</span> and <span class="math inline">\\(y_{j}\\)</span></p>

                    """)
        }

        @Test func displayMatrixKeepsBothBackslashes() {
            #expect(
                html("$$\\begin{bmatrix}1 & 2 \\\\ 3 & 4\\end{bmatrix}$$\n")
                    == "<div class=\"math display\">\\[\\begin{bmatrix}1 &amp; 2 \\\\ 3 &amp; 4\\end{bmatrix}\\]</div>\n"
            )
        }

        @Test func pricesAreNotMath() {
            #expect(formulas("costs $5 and $10\n").isEmpty)
            #expect(html("costs $5 and $10\n") == "<p>costs $5 and $10</p>\n")
            #expect(formulas("from $20,000 to $30,000\n").isEmpty)
        }

        @Test func backslashDelimitersSurvive() {
            #expect(
                html("\\(x\\) and \\[y\\]\n")
                    == "<p><span class=\"math inline\">\\(x\\)</span> and <span class=\"math display\">\\[y\\]</span></p>\n"
            )
        }

        @Test func pandocsDollarRules() {
            #expect(formulas("$ x$ and $x $\n").isEmpty)  // space after the opener, before the closer
            #expect(formulas("$x$1 apples\n").isEmpty)  // a digit right after the closer
            #expect(formulas("\\$x$ and \\$5\n").isEmpty)  // \$ is a literal dollar
            #expect(formulas("$a \\$ b$\n") == ["a \\$ b"])  // \$ inside math doesn't close it
            #expect(formulas("$a\nb$\n") == ["a\nb"])  // one line break is fine
            #expect(formulas("$a\n\nb$\n").isEmpty)  // a blank line is not
            #expect(formulas("$$\na\n$$\n") == ["\na\n"])
            #expect(formulas("\\\\(x\\\\)\n").isEmpty)  // \\ is an escaped backslash
        }

        @Test func escapedDollarIsALiteralDollarInTheHTML() {
            #expect(html("\\$5 and $x$\n") == "<p>$5 and <span class=\"math inline\">\\(x\\)</span></p>\n")
        }

        @Test func noMathInCode() {
            #expect(formulas("`$x$` and ``a ` $b$`` but $y$\n") == ["y"])
            #expect(formulas("```\n$x$\n```\n\n    $z$\n\n- list\n\n  ```\n  $w$\n  ```\n") == [])
            #expect(
                html("`$x$` and $y$\n") == "<p><code>$x$</code> and <span class=\"math inline\">\\(y\\)</span></p>\n")
            // An unmatched backtick is literal, and a code span doesn't run past a blank line.
            #expect(formulas("a ` b $x$\n\nc ` $y$\n") == ["x", "y"])
        }

        @Test func pipesInMathDontSplitTableCells() {
            let table = html("| a | b |\n|---|---|\n| $\\lvert x|y \\rvert$ | 2 |\n")
            #expect(table.contains("<td><span class=\"math inline\">\\(\\lvert x|y \\rvert\\)</span></td>\n<td>2</td>"))
        }

        @Test func texIsHTMLEscaped() {
            #expect(html("$a<b>c & d$\n") == "<p><span class=\"math inline\">\\(a&lt;b&gt;c &amp; d\\)</span></p>\n")
        }

        @Test func mathInALinkDestinationStaysText() {
            #expect(html("[x](http://e.com/$a$)\n") == "<p><a href=\"http://e.com/$a$\">x</a></p>\n")
        }

        @Test func markdownReportKeepsMathByteForByte() throws {
            let prose =
                "# M\n\n$x_{i}^{*}$ and $y_{j}$, \\(x\\), $a *b* c$\n\n$$\\begin{bmatrix}1 & 2 \\\\ 3 & 4\\end{bmatrix}$$\n"
            let notebook = try Notebook(parsing: prose, file: "m.md")
            let report = try Report(checked: CheckedRun(RunResult(notebook: notebook, cells: [], diagnostics: [])))
                .render(to: .md)
            #expect(report.contains(prose))
        }
    }
}

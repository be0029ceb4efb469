import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// node, or a failure that says what to install.
func requireNode(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> URL {
    try #require(
        Report.installedNode(), "node is not installed: run scripts/install-deps (Debian package nodejs)",
        sourceLocation: sourceLocation)
}

/// The math of an HTML report: typeset by KaTeX under node, checked, and warned about at
/// the notebook's lines.
@Suite struct ReportMathTests {
    /// The rendered HTML report of `markdown` and its math warnings, as `file:line:col: …` lines.
    private func render(_ markdown: String, node: URL?) throws -> (html: String, warnings: [String]) {
        let notebook = try Notebook(parsing: markdown, file: "m.md")
        let rendered = try Report(
            checked: CheckedRun(RunResult(notebook: notebook, cells: [], diagnostics: [])), node: node
        )
        .rendering(to: .html)
        return (rendered.text, rendered.diagnostics.map { $0.formatted.components(separatedBy: "\n")[0] })
    }

    @Test func frontMatterMacrosApplyToEveryFormula() throws {
        let (html, warnings) = try render(
            """
            ---
            nbrun:
              macros:
                \\vq: \\mathbf{q}
                vv: \\mathbf{v}
            ---
            # M

            $\\vq + \\vv$ and $$\\vq^\\top \\vv$$

            """, node: try requireNode())
        #expect(warnings.isEmpty)
        // \mathbf{q} is KaTeX's "mord mathbf" span holding the letter; both formulas expanded both macros.
        #expect(html.components(separatedBy: "<span class=\"mord mathbf\">q</span>").count - 1 == 2)
        #expect(
            html.components(separatedBy: "<span class=\"mord mathbf\" style=\"margin-right:0.01597em;\">v</span>")
                .count - 1 == 2)
    }

    @Test func aNewcommandHoldsInLaterFormulas() throws {
        let (html, warnings) = try render(
            "$\\newcommand{\\half}{\\frac{1}{2}}$ then $\\half x$\n\n$\\def\\w{W_0} \\w$ and $\\w^2$\n",
            node: try requireNode())
        #expect(warnings.isEmpty)
        #expect(!html.contains("class=\"math-error\""))
        #expect(
            html.components(separatedBy: "<span class=\"mord mathnormal\" style=\"margin-right:0.13889em;\">W</span>")
                .count - 1 == 2)
    }

    @Test func aBrokenFormulaIsAWarningAtItsLineAndColumn() throws {
        let (html, warnings) = try render("# M\n\nSee $\\frac{1}{2$ and $a + \\vz$.\n", node: try requireNode())
        #expect(
            warnings == [
                // The closing brace is missing where the formula ends, column 16 (the `$`).
                "m.md:3:16: warning: KaTeX can't typeset this formula: "
                    + "Unexpected end of input in a macro argument, expected '}'",
                "m.md:3:27: warning: KaTeX can't typeset this formula: Undefined control sequence: \\vz; "
                    + "define it in the front matter (nbrun: macros:) or with \\newcommand in an earlier formula"
            ])
        // The reader sees the formula as written, marked, with KaTeX's message on hover.
        #expect(
            html.contains(
                "<span class=\"math inline\"><span class=\"math-error\" title=\"KaTeX: Unexpected end of input "
                    + "in a macro argument, expected &#39;}&#39;\">$\\frac{1}{2$</span></span>"))
        #expect(html.contains(">$a + \\vz$</span></span>"))
    }

    @Test func aColumnCountsCharactersAndFollowsLineBreaks() throws {
        let node = try requireNode()
        #expect(try render("é ⋅ $\\oops$\n", node: node).warnings.map { $0.prefix(9) } == ["m.md:1:6:"])
        #expect(try render("é ⋅ $$\na +\n\\oops\n$$\n", node: node).warnings.map { $0.prefix(9) } == ["m.md:3:1:"])
    }

    @Test func aDollarThatOpensNoFormulaIsAWarning() throws {
        let (html, warnings) = try render("Costs $5 and $10.\n\nBut $x + y never closes.\n", node: nil)
        #expect(
            warnings == ["m.md:3:5: warning: this $ opens a formula that nothing closes (a dollar sign is written \\$)"]
        )
        #expect(html.contains("<p>But $x + y never closes.</p>"))
    }

    @Test func withoutNodeTheBrowserTypesetsWithTheMacros() throws {
        let (html, warnings) = try render("---\nnbrun:\n  macros:\n    \\vq: \\mathbf{q}\n---\n$\\vq$\n", node: nil)
        #expect(
            warnings == [
                "warning: m.md: its math was not checked, and the reader's browser will typeset it: "
                    + "node is not installed (install the Debian package nodejs; scripts/install-deps does)"
            ])
        #expect(html.contains("<span class=\"math inline\">\\(\\vq\\)</span>"))
        #expect(html.contains("var nbrunMacros = {\"\\\\vq\":\"\\\\mathbf{q}\"};"))
        #expect(html.contains("katex.renderToString(tex[1]"))
    }

    @Test func aNotebookWithoutMathNeedsNoNode() throws {
        let (html, warnings) = try render("# Plain\n\nNo math, $5 only.\n", node: nil)
        #expect(warnings.isEmpty)
        #expect(!html.contains("<script"))
    }

    @Test func badMacrosAreAnErrorAtTheirLine() throws {
        let text = "---\nnbrun:\n  macros:\n    \\vq: \\mathbf{q}\n    \"\\\\2d\": x\n---\n"
        let error = #expect(throws: ParseError.self) { try Notebook(parsing: text, file: "f.md") }
        #expect(
            error?.diagnostic.formatted.components(separatedBy: "\n")[0]
                == "f.md:5: error: '\\2d' can't name a TeX command: use letters only, as in \\vx")
        let notAMap = #expect(throws: ParseError.self) {
            try Notebook(parsing: "---\nnbrun:\n  macros: \\vq\n---\n", file: "f.md")
        }
        #expect(notAMap?.diagnostic.formatted.hasPrefix("f.md:3: error: macros takes a mapping") == true)
    }

    @Test func unchangedMathNeedsNoNodeTheSecondTime() throws {
        _ = try requireNode()
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notebook = folder.appendingPathComponent("c.md")
        try "# C\n\n$\\alpha + \\beta$\n".write(to: notebook, atomically: true, encoding: .utf8)
        let cache = ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]
        let first = try nbrun(["render", notebook.path, "-o", "-"], environment: cache)
        #expect(first.status == 0)
        // A node that fails: the same math comes from the cache, a formula not seen before can't.
        let broken = cache.merging(["NBRUN_NODE": "/bin/false"]) { $1 }
        let again = try nbrun(["render", notebook.path, "-o", "-"], environment: broken)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("<span class=\"mord mathnormal\" style=\"margin-right:0.0037em;\">α</span>"))
        try "# C\n\n$\\gamma$\n".write(to: notebook, atomically: true, encoding: .utf8)
        let changed = try nbrun(["render", notebook.path, "-o", "-"], environment: broken)
        #expect(changed.status == 2)
        #expect(changed.stderr.hasPrefix("nbrun: error: the math could not be typeset: /bin/false "))
        // --no-cache keeps nothing, and reads nothing.
        let uncached = try nbrun(["render", notebook.path, "-o", "-", "--no-cache"], environment: broken)
        #expect(uncached.status == 2)
    }

    @Test func handoutInTheFrontMatterLeavesOutTheChrome() throws {
        let markdown = "# H\n\n```swift-cell\nprint(1)\n```\n\n```output\n1\n```\n"
        func html(_ text: String, clean: Bool = false) throws -> String {
            let notebook = try Notebook(parsing: text, file: "h.md")
            let cell = CellResult(cell: notebook.cells[0], status: .ok, stdout: "1\n")
            return try Report(
                checked: CheckedRun(RunResult(notebook: notebook, cells: [cell], diagnostics: [])),
                node: nil, clean: clean
            ).render(to: .html)
        }
        let full = try html(markdown)
        for chrome in ["class=\"nbrun-header\"", "class=\"cell-head\"", "✓ matches", "class=\"nbrun-footer\""] {
            #expect(full.contains(chrome), "\(chrome)")
            #expect(!(try html(markdown, clean: true)).contains(chrome), "\(chrome)")
            #expect(!(try html("---\nnbrun:\n  handout: true\n---\n" + markdown)).contains(chrome), "\(chrome)")
        }
        #expect(try html(markdown, clean: true).contains("<pre class=\"stdout\">1\n</pre>"))
    }
}

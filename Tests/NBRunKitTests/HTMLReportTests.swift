import Foundation
import Testing

@testable import NBRunKit

extension Unit {
    /// What a reader of the HTML report sees, checked on hand-made runs.
    @Suite struct HTMLReportTests {
        /// The HTML report of `markdown`, whose cells get the results `edit` gives them.
        private func report(
            _ markdown: String, unsafeHTML: Bool = false, node: URL? = Report.installedNode(),
            _ edit: (inout CellResult) -> Void = { _ in }
        ) throws -> String {
            let notebook = try Notebook(parsing: markdown, file: "n.md")
            let cells = notebook.cells.map { cell -> CellResult in
                var result = CellResult(cell: cell, status: .ok)
                edit(&result)
                return result
            }
            return try Report(
                checked: CheckedRun(RunResult(notebook: notebook, cells: cells, diagnostics: [])),
                date: Date(timeIntervalSince1970: 0), unsafeHTML: unsafeHTML, node: node
            ).render(to: .html)
        }

        @Test func headingsGetUniqueIDsAndAContentsEntry() throws {
            let html = try report("# Title\n\n## Step 1: Set up\n\n### Why?\n\n## Step 1: Set up\n")
            expectContains(html, "<h2 id=\"step-1-set-up\">Step 1: Set up</h2>")
            expectContains(html, "<h3 id=\"why\">Why?</h3>")
            expectContains(html, "<h2 id=\"step-1-set-up-1\">Step 1: Set up</h2>")
            expectContains(html, "<li class=\"toc-h2\"><a href=\"#step-1-set-up\">Step 1: Set up</a></li>")
            expectContains(html, "<li class=\"toc-h3\"><a href=\"#why\">Why?</a></li>")
            expectContains(html, "<title>Title</title>")
            expectContains(html, "<h1 id=", false)
        }

        @Test func headerSaysWhetherEveryCellRanWithVersionAndDate() throws {
            let html = try report("```swift-cell\nprint(1)\n```\n")
            expectContains(
                html,
                "1 cell ran<span class=\"nbrun-meta\"> · <code>n.md</code> · nbrun \(NBRun.version) · "
                    + "<time datetime=\"1970-01-01T00:00:00Z\">1970-01-01</time>")
        }

        @Test func sourceHasNotebookLineNumbersAndHighlighting() throws {
            let html = try report("# T\n\n```swift-cell\nlet x = 1 // one\n\nprint(\"a<b\")\n```\n")
            expectContains(html, "<span class=\"line\" data-line=\"4\"><span class=\"kw\">let</span> x")
            expectContains(
                html,
                "<span class=\"num\">1</span> <span class=\"com\">// one</span></span>\n"
                    + "<span class=\"line\" data-line=\"5\"></span>\n<span class=\"line\" data-line=\"6\">")
            expectContains(html, "print(<span class=\"str\">&quot;a&lt;b&quot;</span>)")
        }

        @Test func everythingPrintedIsEscaped() throws {
            let html = try report("```swift-cell\nprint(1)\n```\n") { cell in
                cell.stdout = "<b>&</b>\n"
                cell.stderr = "<i>warning</i>\n"
                cell.status = .error
                cell.error = CellError(message: "<oops> & 'so'", line: 2, sourceLine: "print(\"<x>\")")
                cell.tensors = [TensorSnapshot(name: "a<b>", shape: [1, 1, 1], values: [1], text: "[[[<1>]]]")]
            }
            expectContains(html, "<pre class=\"stdout\">&lt;b&gt;&amp;&lt;/b&gt;\n</pre>")
            expectContains(html, "<pre class=\"stderr\">&lt;i&gt;warning&lt;/i&gt;\n</pre>")
            expectContains(html, "<pre class=\"error-message\">&lt;oops&gt; &amp; &#39;so&#39;</pre>")
            expectContains(html, "<span class=\"line error-line\" data-line=\"2\">print(&quot;&lt;x&gt;&quot;)</span>")
            expectContains(html, "<code class=\"tensor-name\">a&lt;b&gt;</code>")
            expectContains(html, "<pre class=\"tensor-text\">[[[&lt;1&gt;]]]</pre>")
            for raw in ["<b>&</b>", "<i>warning", "<oops>", "a<b>", "<1>"] { expectContains(html, raw, false) }
        }

        @Test func theFailingLineIsMarkedInTheSource() throws {
            let html = try report("```swift-cell\nlet a = 1\nlet b: Int = \"no\"\n```\n") { cell in
                cell.status = .error
                cell.error = CellError(message: "cannot convert", line: 3, sourceLine: "let b: Int = \"no\"")
            }
            expectContains(html, "<span class=\"line error-line\" data-line=\"3\"><span class=\"kw\">let</span> b")
            expectContains(html, "<strong>Error</strong> at <code>n.md:3</code>")
            expectContains(html, "<section class=\"cell cell-error\" id=\"cell-1\" data-line=\"1\">")
        }

        @Test func notRunCellsAreMarked() throws {
            let html = try report("```swift-cell\nprint(1)\n```\n\n```swift-cell eval=false\nprint(2)\n```\n") { cell in
                cell.status = cell.cell.index == 1 ? .notRun : .skipped
            }
            expectContains(html, "<p class=\"not-run\">Not run: an earlier cell failed.</p>")
            expectContains(html, "<p class=\"not-run\">Not run (<code>eval=false</code>).</p>")
            expectContains(html, "1 cell failed", false)
        }

        @Test func cellOptionsHideWhatTheySay() throws {
            let html = try report("```swift-cell echo=false output=false tensors=false\nlet zqsecret = 1\n```\n") {
                cell in
                cell.stdout = "zqprinted\n"
                cell.tensors = [TensorSnapshot(name: "zqhidden", shape: [1], values: [1], text: "[1.]")]
            }
            for word in ["zqsecret", "zqprinted", "zqhidden"] { expectContains(html, word, false) }
        }

        @Test func tensorsAreMatricesLabelledWithNameShapeAndType() throws {
            let tensor = TensorSnapshot(name: "w2", shape: [2, 1], values: [0.3, -0.3], text: "[[ 0.3]\n [-0.3]]")
            let caption =
                "<figcaption><code class=\"tensor-name\">w2</code> <span class=\"tensor-shape\">(2, 1)</span> "
                + "<span class=\"tensor-dtype\">float64</span></figcaption>\n"
            // When the browser typesets the math, the TeX is there for it.
            let browser = try report("```swift-cell\nlet w2 = 1\n```\n", node: nil) { $0.tensors = [tensor] }
            expectContains(
                browser,
                caption
                    + "<div class=\"math display tensor-value\">\\[\\begin{bmatrix*}[r]\n0.3 \\\\\n-0.3\n\\end{bmatrix*}\\]</div>"
            )
            // Typeset by nbrun: KaTeX's HTML, with the TeX kept in its MathML annotation.
            let typeset = try report("```swift-cell\nlet w2 = 1\n```\n") { $0.tensors = [tensor] }
            expectContains(
                typeset,
                caption
                    + "<div class=\"math display tensor-value\"><span class=\"katex-display\"><span class=\"katex\">")
            expectContains(
                typeset,
                "<annotation encoding=\"application/x-tex\">\\begin{bmatrix*}[r]\n0.3 \\\\\n-0.3\n\\end{bmatrix*}</annotation>"
            )
        }

        @Test("an exercise's expected output leaves out the figure data figures=check documents")
        func expectedOutputWithoutFigureData() {
            let documented = """
                plotted 50
                figure 1: Loss: line plot of loss, 50 points
                  line "loss"
                    x (8 of 50): 0.0 7.0, min 0.0, max 49.0
                figure 2: histogram, 50 values in 5 bins
                panel 1
                """
            #expect(CellContext.withoutFigureText(documented) == "plotted 50")
            // Printed lines that only look like a figure's stay.
            #expect(CellContext.withoutFigureText("figure 1: mine\nand more\n") == "figure 1: mine\nand more\n")
            #expect(CellContext.withoutFigureText("figure 1: only a figure\n  line\n").isEmpty)
        }

        @Test("a full stop or comma after a short inline formula stays on its line; a long formula may still break")
        func punctuationAfterMathDoesNotWrap() throws {
            let long = String(repeating: "a + ", count: 12) + "b"
            let html = try report("We set $x = 1$. Then $y$), and $\(long)$, done.\n", node: nil)
            expectContains(
                html,
                "We set <span class=\"math-nowrap\"><span class=\"math inline\">\\(x = 1\\)</span>.</span> Then "
                    + "<span class=\"math-nowrap\"><span class=\"math inline\">\\(y\\)</span>),</span> and "
                    + "<span class=\"math inline\">\\(\(long)\\)</span>, done.")
        }

        @Test("a handout numbers each cell's code from 1; nbrun's own report with the notebook's lines")
        func handoutLineNumbers() throws {
            let markdown = "# T\n\nSome prose.\n\n```swift-cell\nlet a = 1\nlet b = 2\n```\n"
            let notebook = try Notebook(parsing: markdown, file: "n.md")
            let run = RunResult(
                notebook: notebook, cells: [CellResult(cell: notebook.cells[0], status: .ok)], diagnostics: [])
            let report = Report(checked: CheckedRun(run), date: Date(timeIntervalSince1970: 0), node: nil)
            expectContains(
                try report.render(to: .html), "<span class=\"line\" data-line=\"6\"><span class=\"kw\">let</span> a")
            var clean = report
            clean.clean = true
            let handout = try clean.render(to: .html)
            expectContains(handout, "<span class=\"line\" data-line=\"1\"><span class=\"kw\">let</span> a")
            expectContains(handout, "<span class=\"line\" data-line=\"2\"><span class=\"kw\">let</span> b")
        }

        @Test("the page says its language (the front matter's lang:, else en) and has landmarks")
        func languageAndLandmarks() throws {
            let html = try report("# T\n\n## Part\n\n```swift-cell\nprint(1)\n```\n", node: nil)
            expectContains(html, "<html lang=\"en\">")
            for landmark in [
                "<header class=\"nbrun-header\">", "<nav class=\"toc\" aria-label=\"Contents\">",
                "<main class=\"nbrun-body\">", "<footer class=\"nbrun-footer\">"
            ] {
                #expect(html.components(separatedBy: landmark).count == 2, "\(landmark)")
            }
            let french = try report("---\nlang: fr-CA\nnbrun:\n  match: numbers\n---\n# T\n", node: nil)
            expectContains(french, "<html lang=\"fr-CA\">")
            #expect(throws: ParseError.self) { try Notebook(parsing: "---\nlang: \"fr CA\"\n---\n", file: "n.md") }
        }

        @Test func rawHTMLGoesThroughTheAllowListUnlessUnsafe() throws {
            let prose = "# T\n\n<script>alert(1)</script>\n\n<b>bold</b>\n"
            let safe = try report(prose)
            expectContains(safe, "alert(1)", false)
            expectContains(safe, "<p><b>bold</b></p>")
            let unsafe = try report(prose, unsafeHTML: true)
            expectContains(unsafe, "<script>alert(1)</script>")
            expectContains(unsafe, "<b>bold</b>")
        }

        @Test func oneFileWithNothingFetched() throws {
            for node in [Report.installedNode(), nil] {
                let html = try report("# T\n\n$x$\n", node: node)
                for remote in ["src=\"http", "href=\"http", "url(http", "url(\"http", "url('http", "<link", "@import"] {
                    expectContains(html, remote, false)
                }
                #expect(html.components(separatedBy: "url(data:font/woff2;base64,").count - 1 == 20)
                expectContains(html, "url(fonts/", false)
                // Typeset by nbrun, the page needs no script; else it carries KaTeX's.
                expectContains(html, "<script", node == nil)
                expectContains(html, "katex.renderToString(", node == nil)
                expectContains(html, "<span class=\"math inline\"><span class=\"katex\">", node != nil)
            }
        }

        @Test func missingKaTeXSaysWhatToInstall() throws {
            let notebook = try Notebook(parsing: "# T\n", file: "n.md")
            let report = Report(
                checked: CheckedRun(RunResult(notebook: notebook, cells: [], diagnostics: [])),
                katexDirectory: URL(fileURLWithPath: "/no/katex"))
            let error = #expect(throws: ReportError.missingKaTeX("/no/katex/katex.min.css")) {
                try report.render(to: .html)
            }
            #expect(
                error?.localizedDescription.contains("install the Debian packages libjs-katex and fonts-katex") == true)
            // Markdown and JSON don't need KaTeX.
            #expect(throws: Never.self) { try report.render(to: .md) }
        }

        /// `render` makes the template's parse and KaTeX's style while the notebook runs; a
        /// report gives the same bytes with it, and one made for another template or KaTeX
        /// is not used.
        @Test func aPreparationMadeAheadChangesNothingAndOnlyFitsItsOwnReport() throws {
            let notebook = try Notebook(parsing: "# Title\n\nSo $x^2$.\n\n```swift-cell\nprint(1)\n```\n", file: "n.md")
            let run = CheckedRun(RunResult(notebook: notebook, cells: [], diagnostics: []))
            var report = Report(checked: run, date: Date(timeIntervalSince1970: 0))
            let plain = try report.render(to: .html)
            report.preparation = ReportPreparation(for: report, format: .pdf)
            #expect(try report.render(to: .html) == plain)

            var own = Report(checked: run, date: Date(timeIntervalSince1970: 0), template: "<h1>{{title}}</h1>")
            own.preparation = report.preparation
            #expect(try own.render(to: .html) == "<h1>Title</h1>")
            let noMath = try Notebook(parsing: "# Title\n", file: "n.md")
            var elsewhere = Report(
                checked: CheckedRun(RunResult(notebook: noMath, cells: [], diagnostics: [])),
                katexDirectory: URL(fileURLWithPath: "/no/katex"))
            elsewhere.preparation = ReportPreparation(for: Report(checked: elsewhere.checked), format: .html)
            #expect(elsewhere.preparation?.katex != nil)
            #expect(throws: ReportError.missingKaTeX("/no/katex/katex.min.css")) { try elsewhere.render(to: .html) }
        }

        /// Checks that `html` contains `part` (or doesn't), without printing a whole report when it fails.
        private func expectContains(
            _ html: String, _ part: String, _ expected: Bool = true,
            sourceLocation: Testing.SourceLocation = #_sourceLocation
        ) {
            let found = html.contains(part)
            #expect(
                found == expected, "\(expected ? "missing" : "unexpected"): \(part)", sourceLocation: sourceLocation)
        }
    }
}

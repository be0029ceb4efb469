import Foundation
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    /// `nbrun import`'s conversion, on a notebook Jupyter executed and on jupytext scripts.
    @Suite struct ImportTests {
        private func imported(_ fixture: String) throws -> NotebookImporter.Result {
            let data = try Data(contentsOf: URL(fileURLWithPath: Fixture.path(fixture)))
            return NotebookImporter().markdown(for: try ImportJob.read(data, name: fixture))
        }

        @Test func aJupyterLessonBecomesCellsToTranslateWithTheirOutputs() throws {
            let result = try imported("import/lesson.ipynb")
            let notebook = try Notebook(parsing: result.markdown, file: "lesson.md")
            #expect(notebook.diagnostics.isEmpty)
            // Six code cells, each a cell whose code is the original, commented out.
            #expect(notebook.cells.count == 6)
            #expect(
                notebook.cells[1].source
                    == """
                    // s = np.array([2.0, 1.0, 0.1])
                    // p = np.exp(s) / np.sum(np.exp(s))
                    // print(p)
                    // print("sum:", p.sum())

                    """)
            // What Jupyter saved: print()'s lines, an expression's text/plain, stdout without stderr.
            let outputs = notebook.cells.map { notebook.documentedOutput(of: $0)?.content }
            #expect(outputs[1] == "[0.65900114 0.24243297 0.09856589]\nsum: 1.0\n")
            #expect(outputs[2] == "array([0.659, 0.242, 0.099])\n")
            #expect(outputs[3] == "0 0.6590\n1 0.2424\n2 0.0986\n")
            #expect(outputs[0] == nil && outputs[4] == nil && outputs[5] == nil)
            // The prose and its math, unchanged.
            #expect(result.markdown.hasPrefix("# A softmax by hand\n\nThe softmax of a score vector $s$ is\n\n"))
            #expect(result.markdown.contains("$$p_k = \\frac{e^{s_k}}{\\sum_j e^{s_j}}$$"))
            // The figure and the error can't come over; they are notes.
            #expect(result.markdown.contains("> **nbrun import:** the original showed a picture here (image/png)"))
            #expect(
                result.markdown.contains(
                    "> **nbrun import:** the original stopped here with ValueError: "
                        + "shapes (3,2) and (3,2) not aligned: 2 (dim 1) != 3 (dim 0)."))
            #expect(result.codeCells == 6 && result.documentedOutputs == 3 && result.notes == 2)
        }

        @Test func aPercentScriptKeepsItsCellsAndMarkdown() throws {
            let script = """
                # ---
                # jupyter:
                #   jupytext:
                #     formats: ipynb,py:percent
                # ---

                # %% [markdown]
                # # Title
                #
                # Math: $x^2$

                # %%
                import numpy as np
                x = np.arange(3)

                # %% A titled cell
                print(x)

                # %% [markdown]
                \"\"\"
                A *docstring* cell.
                \"\"\"
                """
            let source = try ImportJob.read(Data(script.utf8), name: "lesson.py")
            #expect(
                source.cells == [
                    .markdown("# Title\n\nMath: $x^2$"),
                    .code("import numpy as np\nx = np.arange(3)"),
                    .code("print(x)"),
                    .markdown("A *docstring* cell.")
                ])
            let markdown = NotebookImporter().markdown(for: source).markdown
            #expect(
                markdown
                    == """
                    # Title

                    Math: $x^2$

                    ```swift-cell
                    // import numpy as np
                    // x = np.arange(3)
                    ```

                    ```swift-cell
                    // print(x)
                    ```

                    A *docstring* cell.

                    """)
        }

        @Test func codeWithBackticksGetsALongerFence() throws {
            let source = SourceNotebook(cells: [.code("s = '```'\nprint(s)", outputs: [.text("```\n")])])
            let markdown = NotebookImporter().markdown(for: source).markdown
            #expect(markdown == "````swift-cell\n// s = '```'\n// print(s)\n````\n\n````output\n```\n````\n")
            let notebook = try Notebook(parsing: markdown, file: "x.md")
            #expect(notebook.cells.first.flatMap(notebook.documentedOutput(of:))?.content == "```\n")
        }

        @Test func whatIsNotANotebookIsRefusedWithTheReason() {
            #expect(throws: ImportError.notJupyter("no \"nbformat\"")) {
                try ImportJob.read(Data("{\"cells\": []}".utf8), name: "x.ipynb")
            }
            #expect(throws: ImportError.oldFormat(3)) {
                try ImportJob.read(Data("{\"nbformat\": 3, \"worksheets\": []}".utf8), name: "x.ipynb")
            }
            #expect(throws: ImportError.unknownKind("notes.txt")) {
                try ImportJob.read(Data("hello".utf8), name: "notes.txt")
            }
        }
    }
}

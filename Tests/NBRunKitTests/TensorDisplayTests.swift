import Foundation
import NBRuntime
import Testing

@testable import NBRunKit

extension Unit {
    /// Which tensors a report shows (`tensors=` and the front matter's `tensors:`), and how
    /// a large or tall one reads: numpy's summary with its shape and type, every value behind
    /// a disclosure, and in the JSON report.
    @Suite struct TensorDisplayTests {
        /// A snapshot as the runtime reports it: numpy's text under the default print options.
        static func snapshot(_ name: String, _ shape: [Int], _ value: (Int) -> Double) -> TensorSnapshot {
            let count = shape.reduce(1, *)
            let tensor = Tensor(shape: shape, scalars: (0..<count).map(value))
            return TensorSnapshot(name: name, shape: shape, values: tensor.scalars, text: tensor.description)
        }

        /// The report of `markdown` (`format`, no node), whose cells bind `tensors[cell index]`.
        static func report(
            _ markdown: String, _ tensors: [Int: [TensorSnapshot]], format: ReportFormat = .html
        ) throws -> String {
            let notebook = try Notebook(parsing: markdown, file: "n.md")
            let cells = notebook.cells.map { cell -> CellResult in
                var result = CellResult(cell: cell, status: .ok)
                result.tensors = tensors[cell.index] ?? []
                return result
            }
            return try Report(
                checked: CheckedRun(RunResult(notebook: notebook, cells: cells, diagnostics: [])),
                date: Date(timeIntervalSince1970: 0), node: nil
            ).render(to: format)
        }

        /// The names in the tensors panel of each cell, in order.
        static func shown(_ html: String) -> [[String]] {
            html.components(separatedBy: "<section class=\"cell").dropFirst().map { cell in
                cell.matches(of: /<code class="tensor-name">([^<]*)<\/code>/).map { String($0.output.1) }
            }
        }

        static let a = snapshot("a", [2], Double.init)
        static let b = snapshot("b", [2], { Double($0) + 5 })

        @Test("tensors=all|changed|none, and true and false as before")
        func cellOption() throws {
            let words: [(String, TensorDisplay?)] = [
                ("tensors=all", .all), ("tensors=changed", .changed), ("tensors=none", TensorDisplay.none),
                ("tensors", .changed), ("tensors=true", .changed), ("tensors=false", TensorDisplay.none), ("", nil)
            ]
            for (word, display) in words {
                #expect(try CellOptions(words: word.isEmpty ? [] : [Substring(word)]).tensors == display, "\(word)")
            }
            #expect(throws: CellOptions.OptionError.self) { try CellOptions(words: ["tensors=some"]) }
            do {
                _ = try CellOptions(words: ["tensors=some"])
            } catch {
                #expect(error.message == "option 'tensors' takes all, changed or none, not 'some'")
            }
        }

        @Test("by default a cell shows what it bound or changed; tensors=all adds what earlier cells bound")
        func allShowsEverythingBoundSoFar() throws {
            let markdown =
                "```swift-cell\nlet a = 1\n```\n\n```swift-cell\nlet b = 2\n```\n\n```swift-cell tensors=all\n```\n"
            let html = try Self.report(markdown, [1: [Self.a], 2: [Self.b]])
            #expect(Self.shown(html) == [["a"], ["b"], ["a", "b"]])
        }

        @Test("the front matter's tensors: sets every cell's default, and a cell's own option wins")
        func frontMatterSetsTheDefault() throws {
            let markdown =
                "---\nnbrun:\n  tensors: none\n---\n\n```swift-cell\nlet a = 1\n```\n\n```swift-cell tensors=changed\nlet b = 2\n```\n"
            #expect(Self.shown(try Self.report(markdown, [1: [Self.a], 2: [Self.b]])) == [[], ["b"]])
            let all =
                "---\nnbrun:\n  tensors: all\n---\n\n```swift-cell\nlet a = 1\n```\n\n```swift-cell\nlet b = 2\n```\n"
            #expect(Self.shown(try Self.report(all, [1: [Self.a], 2: [Self.b]])) == [["a"], ["a", "b"]])
            #expect(throws: ParseError.self) {
                try Notebook(parsing: "---\nnbrun:\n  tensors: yes\n---\n", file: "n.md")
            }
        }

        @Test("a 300 × 2 matrix (600 values) shows its first and last three rows, and every value behind a disclosure")
        func tallMatrixIsSummarised() throws {
            let x = Self.snapshot("X", [300, 2]) { Double($0) / 4 }
            let html = try Self.report("```swift-cell\nlet X = 1\n```\n", [1: [x]])
            #expect(
                html.contains(
                    "<code class=\"tensor-name\">X</code> <span class=\"tensor-shape\">(300, 2)</span> "
                        + "<span class=\"tensor-dtype\">float64</span> <span class=\"tensor-size\">600 values, summarised</span>"
                ))
            // numpy's summary with a threshold of 0, as a matrix: rows 0–2, ⋮, rows 297–299.
            #expect(
                html.contains(
                    "\\begin{bmatrix*}[r]\n0. &amp; 0.25 \\\\\n0.5 &amp; 0.75 \\\\\n1. &amp; 1.25 \\\\\n\\vdots &amp; \\vdots \\\\\n"
                        + "148.5 &amp; 148.75 \\\\\n149. &amp; 149.25 \\\\\n149.5 &amp; 149.75\n\\end{bmatrix*}"),
                "\(html)")
            // Every row behind the disclosure, as numpy prints it with no threshold.
            let details = try #require(html.firstRange(of: /<details class="tensor-all">[\s\S]*?<\/details>/))
            let all = String(html[details])
            #expect(
                all.hasPrefix(
                    "<details class=\"tensor-all\"><summary>All 600 values</summary><pre class=\"tensor-text\">"))
            #expect(all.contains("[ 75.    75.25]\n"))
            #expect(all.components(separatedBy: "\n").count == 300)
        }

        @Test("a 300 × 100 hidden layer shows numpy's 7 × 7 summary; its 30,000 values are in the JSON report only")
        func hugeTensorKeepsItsValuesForTheJSON() throws {
            let hidden = Self.snapshot("hidden", [300, 100]) { Double($0 % 7) }
            let markdown = "```swift-cell\nlet hidden = 1\n```\n"
            let html = try Self.report(markdown, [1: [hidden]])
            #expect(
                html.contains(
                    "<span class=\"tensor-size\">30,000 values, summarised; the JSON report has them all</span>"))
            #expect(html.contains("\\cdots") && html.contains("\\ddots"))
            #expect(!html.contains("<details"))
            let figure = try #require(html.firstRange(of: /<figure class="tensor">[\s\S]*?<\/figure>/))
            #expect(html[figure].utf8.count < 2_000)  // the 7 × 7 summary's TeX, not 30,000 numbers
            let json =
                try JSONSerialization.jsonObject(
                    with: Data(try Self.report(markdown, [1: [hidden]], format: .json).utf8)) as? [String: Any]
            let tensor = try #require(
                ((json?["cells"] as? [[String: Any]])?.first?["tensors"] as? [[String: Any]])?.first)
            #expect((tensor["values"] as? [Double])?.count == 30_000)
            #expect(tensor["dtype"] as? String == "float64")
        }

        @Test("Markdown reports give the type, and the summary on one line")
        func markdownTable() throws {
            let x = Self.snapshot("X", [300, 2]) { Double($0) / 4 }
            let markdown = try Self.report("```swift-cell\nlet X = 1\n```\n", [1: [x]], format: .md)
            #expect(
                markdown.contains(
                    "| `X` | (300, 2) | float64 | `[[  0.     0.25]  [  0.5    0.75]  [  1.     1.25]  ...  "
                        + "[148.5  148.75]  [149.   149.25]  [149.5  149.75]]` |"), "\(markdown)")
        }
    }
}

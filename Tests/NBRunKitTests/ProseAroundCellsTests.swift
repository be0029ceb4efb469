import Testing

@testable import NBRunKit

extension Unit {
    /// The HTML report's prose around cells that sit in list items and block quotes.
    @Suite struct ProseAroundCellsTests {
        /// The prose blocks' HTML in document order, with `[cell N]` where each cell goes.
        private func page(_ text: String) throws -> String {
            let notebook = try Notebook(parsing: text, file: "p.md")
            var renderer = ProseRenderer()
            return notebook.blocks.map { block in
                switch block {
                case .prose(let prose): renderer.html(of: prose, in: notebook)
                case .cell(let cell): "[cell \(cell.index)]\n"
                default: ""
                }
            }.joined()
        }

        @Test func aCellInAListItemStaysInTheItemAndTheNumberingGoesOn() throws {
            let text = """
                1. First:

                   ```swift-cell
                   print(1)
                   ```

                   ```output
                   1
                   ```

                   After the cell, with $x_1$.
                       Still the same paragraph, not code.
                2. Second.

                """
            #expect(
                try page(text) == """
                    <ol>
                    <li>
                    <p>First:</p>
                    [cell 1]
                    <p>After the cell, with <span class="math-nowrap"><span class="math inline">\\(x_1\\)</span>.</span>
                    Still the same paragraph, not code.</p>
                    </li>
                    <li>
                    <p>Second.</p>
                    </li>
                    </ol>

                    """)
        }

        @Test func aCellInAQuoteInAListStaysInBoth() throws {
            let text = """
                - Item:

                  > Quote:
                  > ```swift cell
                  > print(2)
                  > ```
                  > After, in the quote.

                See [the link].

                [the link]: https://example.com

                """
            #expect(
                try page(text) == """
                    <ul>
                    <li>
                    <p>Item:</p>
                    <blockquote>
                    <p>Quote:</p>
                    [cell 1]
                    <p>After, in the quote.</p>
                    </blockquote>
                    </li>
                    </ul>
                    <p>See <a href="https://example.com">the link</a>.</p>

                    """)
        }

        /// With nothing between two cells, the piece that closes the list has no prose block
        /// of its own, so it goes to the next one: the second cell shows inside the item,
        /// but the page stays balanced.
        @Test func aListClosedBetweenTwoCellsIsStillClosed() throws {
            let text = "Intro.\n\n- ```swift-cell\n  print(1)\n  ```\n```swift-cell\nprint(2)\n```\n\nEnd.\n"
            #expect(try page(text) == "<p>Intro.</p>\n<ul>\n<li>\n[cell 1]\n[cell 2]\n</li>\n</ul>\n<p>End.</p>\n")
        }

        @Test func topLevelCellsCutTheProseAsBefore() throws {
            let text = "---\ntitle: T\n---\n## One\n\n```swift-cell\nprint(1)\n```\n\n```output\n1\n```\n\n## One\n"
            let notebook = try Notebook(parsing: text, file: "p.md")
            var renderer = ProseRenderer()
            #expect(try page(text) == "<h2 id=\"one\">One</h2>\n[cell 1]\n<h2 id=\"one-1\">One</h2>\n")
            for case .prose(let prose) in notebook.blocks { _ = renderer.html(of: prose, in: notebook) }
            #expect(renderer.headings.map(\.anchor) == ["one", "one-1"])
        }
    }
}

import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// Cells in list items and block quotes, and the `swift cell` spelling, through the built `nbrun`.
@Suite(.serialized) struct NestedCellEndToEndTests {
    /// What `update --add-missing` makes of Fixtures/nested.md: an output block after each
    /// cell, inside the cell's list item or block quote.
    static let documented = """
        # Cells in lists and quotes

        A top-level cell first.

        ```swift-cell
        var trail: [String] = ["top"]
        print("top")
        ```

        ```output
        top
        ```

        1. Add a step inside a numbered list:

           ```swift-cell
           trail.append("list")
           print("list", trail.count)
           ```

           ```output
           list 2
           ```

           The text after the cell, still in item 1.
               This line is indented further, and is not code.
        2. A second item; its number goes on from the first.

        > A block quote holds a cell too:
        >
        > ```swift-cell
        > trail.append("quote")
        > print("quote", trail.count)
        > ```
        >
        > ```output
        > quote 3
        > ```
        >
        > - And a list inside the quote:
        >
        >   ```swift-cell
        >   trail.append("quote-list")
        >   print("quote-list", trail.count)
        >   ```
        >
        >   ```output
        >   quote-list 4
        >   ```

        - A quote inside a list item, in the spelling that GitHub highlights:

          > ```swift cell id=deep
          > trail.append("list-quote")
          > print(trail.joined(separator: " > "))
          > ```
          >
          > ```output
          > top > list > quote > quote-list > list-quote
          > ```

        ```swift cell
        print("last", trail.count)
        ```

        ```output
        last 5
        ```

        """

    /// A scratch folder, removed by the caller; nbrun uses the tests' shared cache.
    private func scratch() throws -> (dir: URL, environment: [String: String]) {
        (try temporaryDirectory(), [:])
    }

    private func cells(_ json: String) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(object["cells"] as? [[String: Any]])
    }

    @Test func nestedCellsRunInDocumentOrder() throws {
        let (dir, environment) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try nbrun("render", Fixture.path("nested.md"), "--to", "json", "-o", "-", environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let cells = try cells(result.stdout)
        #expect(cells.map { $0["status"] as? String } == ["ok", "ok", "ok", "ok", "ok", "ok"])
        #expect(cells.map { $0["line"] as? Int } == [5, 12, 23, 30, 37, 42])
        #expect(
            cells.map { $0["stdout"] as? String } == [
                "top\n", "list 2\n", "quote 3\n", "quote-list 4\n", "top > list > quote > quote-list > list-quote\n",
                "last 5\n"
            ])
        #expect(cells[4]["id"] as? String == "deep")
    }

    @Test func addMissingDocumentsNestedCellsInPlaceAndCheckThenPasses() throws {
        let (dir, environment) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("nested.md")
        try FileManager.default.copyItem(atPath: Fixture.path("nested.md"), toPath: file.path)

        let update = try nbrun("update", "--add-missing", file.path, environment: environment)
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stdout == "\(file.path): added 6\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.documented)

        let check = try nbrun("check", file.path, environment: environment)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let again = try nbrun("update", "--add-missing", file.path, environment: environment)
        #expect(again.stdout == "\(file.path): up to date\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.documented)
    }

    @Test func aChangedOutputInAQuoteFailsCheckAtItsLineAndUpdateRestoresIt() throws {
        let (dir, environment) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("nested.md")
        try Self.documented.replacingOccurrences(of: ">   quote-list 4\n", with: ">   quote-list 5\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let check = try nbrun("check", file.path, environment: environment)
        #expect(check.status == 1)
        #expect(
            check.stdout.contains(
                "\(file.path):48: error: output of cell 4 differs: number 1 differs: expected 5, got 4"),
            "\(check.stdout)")
        let update = try nbrun("update", file.path, environment: environment)
        #expect(update.status == 0, "\(update.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.documented)
    }

    @Test func theHTMLReportPutsEachCellInsideItsListItemOrQuote() throws {
        let (dir, environment) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try nbrun("render", Fixture.path("nested.md"), "--to", "html", "-o", "-", environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let html = result.stdout
        #expect(
            html.contains(
                "<ol>\n<li>\n<p>Add a step inside a numbered list:</p>\n\n<section class=\"cell cell-ok\" id=\"cell-2\""
            ))
        #expect(
            html.contains(
                "</section>\n<p>The text after the cell, still in item 1.\nThis line is indented further, and is not code.</p>\n</li>\n<li>\n<p>A second item"
            ))
        #expect(
            html.contains(
                "<blockquote>\n<p>A block quote holds a cell too:</p>\n\n<section class=\"cell cell-ok\" id=\"cell-3\"")
        )
        #expect(html.contains("<blockquote>\n\n<section class=\"cell cell-ok\" id=\"cell-5\""))
        #expect(!html.contains("<pre><code>"), "no prose became an indented code block")
        // Every list and quote that opens also closes.
        for tag in ["ol", "ul", "li", "blockquote", "section"] {
            #expect(
                html.components(separatedBy: "<\(tag)>").count + html.components(separatedBy: "<\(tag) ").count - 1
                    == html.components(separatedBy: "</\(tag)>").count, "\(tag)")
        }
    }

    @Test func aCompileErrorInANestedCellIsBlamedOnItsNotebookLine() throws {
        let (dir, environment) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("broken.md")
        try "# B\n\n- Item:\n\n  > ```swift cell\n  > let n: Int = \"no\"\n  > ```\n".write(
            to: file, atomically: true, encoding: .utf8)
        let result = try nbrun("render", file.path, "--to", "json", "-o", "-", environment: environment)
        #expect(result.status == 1)
        let cells = try cells(result.stdout)
        #expect(cells.map { $0["status"] as? String } == ["error"])
        let error = try #require(cells.first?["error"] as? [String: Any])
        #expect(error["line"] as? Int == 6)
    }
}

import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// `nbrun render A.md B.md -o DIR/`: a report per notebook and an index of them all.
@Suite(.serialized) struct CourseFolderTests {
    static let lesson = "# Lesson one\n\nThe first\nlesson.\n\n```swift-cell\nprint(6 * 7)\n```\n\n```output\n42\n```\n"
    static let broken = "# Lesson two\n\nA trap.\n\n```swift-cell\nlet a: [Int] = []\nprint(a[1])\n```\n"

    private func course() throws -> URL {
        let dir = try temporaryDirectory()
        try Self.lesson.write(to: dir.appendingPathComponent("one.md"), atomically: true, encoding: .utf8)
        try Self.broken.write(to: dir.appendingPathComponent("two.md"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func aFolderGetsEveryReportAndAnIndexThatLinksThem() throws {
        let dir = try course()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try nbrun("render", "one.md", "two.md", "-o", "site/", in: dir)
        #expect(result.status == 1, "\(result.stderr)")  // two.md traps
        for name in ["one.html", "two.html", "index.html"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("site/\(name)").path), "\(name)")
        }
        let index = try String(contentsOf: dir.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(index.contains("<h2><a href=\"one.html\">Lesson one</a></h2>\n<p>The first lesson.</p>"))
        #expect(index.contains("✓ ran</span> · <span class=\"course-ok\">✓ outputs matched"))
        #expect(index.contains("<h2><a href=\"two.html\">Lesson two</a></h2>"))
        #expect(index.contains("✗ a cell failed"))
        #expect(result.stderr.contains("index of 2 notebooks → site/index.html"))

        let markdown = try nbrun("render", "one.md", "two.md", "--to", "md", "-o", "notes/", in: dir)
        #expect(markdown.status == 1)
        let text = try String(contentsOf: dir.appendingPathComponent("notes/index.md"), encoding: .utf8)
        #expect(text.contains("- [Lesson one](one.md): ✓ ran · ✓ outputs matched\\\n  The first lesson.\n"))
    }

    @Test func theIndexShowsAFirstParagraphsMathTypesetWithTheNotebooksMacros() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        ---
        nbrun:
          macros:
            \\vq: \\mathbf{q}
        ---
        # Vectors

        A vector $\\vq$ and its norm $\\lVert \\vq \\rVert$, in a sentence.

        ```swift-cell
        print(1)
        ```
        """.write(to: dir.appendingPathComponent("vectors.md"), atomically: true, encoding: .utf8)
        let result = try nbrun("render", "vectors.md", "-o", "site/", in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let index = try String(contentsOf: dir.appendingPathComponent("site/index.html"), encoding: .utf8)
        let entry = try #require(index.firstRange(of: /<h2><a href="vectors.html">Vectors<\/a><\/h2>\n<p>[^\n]*<\/p>/))
        let summary = String(index[entry])
        // Typeset by KaTeX, the macro expanded (a bold q), MathML kept; no TeX left to read.
        #expect(summary.contains("A vector <span class=\"math inline\"><span class=\"katex\">"))
        #expect(summary.contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\">"))
        #expect(summary.contains("mathbf"))
        let seen = summary.replacing(/<annotation[^>]*>[^<]*<\/annotation>/, with: "")  // the TeX, for tools
        #expect(!seen.contains("$") && !seen.contains("\\vq"))
        // The summary's comma stays with its formula.
        #expect(summary.contains("</span></span>,</span> in a sentence."))
        #expect(index.contains("@font-face{font-family:KaTeX_Main"))
    }

    @Test func aFolderOfPDFs() throws {
        let dir = try course()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try nbrun("render", "one.md", "--to", "pdf", "-o", "pdfs/", in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let pdf = try Data(contentsOf: dir.appendingPathComponent("pdfs/one.pdf"))
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("pdfs/index.html").path))
    }
}

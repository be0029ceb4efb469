import Foundation
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    @Suite struct CourseIndexTests {
        static let entries = [
            CourseIndex.Entry(
                title: "Backpropagation by hand", summary: "A worked example of <backprop> & chain rules.",
                report: "backprop.html", ran: true, outputsMatched: true),
            CourseIndex.Entry(title: "XOR", summary: "", report: "lesson 2/xor.html", ran: false, outputsMatched: nil),
            CourseIndex.Entry(
                title: "Matrices \"quoted\"", summary: "Products.", report: "m.html", ran: true, outputsMatched: false)
        ]

        @Test func listsEveryNotebookInOrderWithItsStatus() throws {
            let html = try CourseIndex(title: "Neural nets 101", entries: Self.entries).html()
            #expect(html.contains("<title>Neural nets 101</title>"))
            let items = html.matches(
                of: /<li class="course-entry (ok|failed)">\n<h2><a href="([^"]*)">([^<]*)<\/a><\/h2>/)
            #expect(items.map { String($0.1) } == ["ok", "failed", "failed"])
            #expect(items.map { String($0.2) } == ["backprop.html", "lesson%202/xor.html", "m.html"])
            #expect(items.map { String($0.3) } == ["Backpropagation by hand", "XOR", "Matrices &quot;quoted&quot;"])
            #expect(
                html.contains(
                    "<p>A worked example of &lt;backprop&gt; &amp; chain rules.</p>\n<p class=\"course-status\">"
                        + "<span class=\"course-ok\">✓ ran</span> · <span class=\"course-ok\">✓ outputs matched</span></p>"
                ))
            #expect(
                html.contains(
                    "<h2><a href=\"lesson%202/xor.html\">XOR</a></h2>\n<p class=\"course-status\">"
                        + "<span class=\"course-failed\">✗ a cell failed</span> · <span class=\"course-none\">no documented outputs</span></p>"
                ))
            #expect(html.contains("<span class=\"course-failed\">✗ outputs differ</span>"))
            #expect(
                html.contains(
                    "<p class=\"nbrun-status failed\"><span class=\"nbrun-badge\">✗</span> 3 notebooks, 2 with problems"
                ))
            // For people to look at.
            let artifacts = Fixture.packageRoot.appendingPathComponent(".build/nbrun-artifacts")
            try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
            try html.write(to: artifacts.appendingPathComponent("course-index.html"), atomically: true, encoding: .utf8)
        }

        @Test func aCourseWhereEverythingPassesSaysSo() throws {
            let html = try CourseIndex(title: "One", entries: [Self.entries[0]]).html()
            #expect(
                html.contains(
                    "<p class=\"nbrun-status ok\"><span class=\"nbrun-badge\">✓</span> 1 notebook, all ran and matched their outputs"
                ))
            #expect(try html == CourseIndex(title: "One", entries: [Self.entries[0]]).html())
        }

        @Test("a summary whose math its report typeset shows it typeset, with KaTeX's style")
        func typesetSummary() throws {
            var entry = Self.entries[0]
            let typeset = "<p>With <span class=\"math inline\"><span class=\"katex\">x</span></span>.</p>"
            entry.summaryHTML = typeset
            let index = CourseIndex(title: "One", entries: [entry])
            #expect(index.hasMath)
            let html = try index.html(katexStyle: ".katex{font:1em KaTeX_Main}")
            #expect(html.contains("<h2><a href=\"backprop.html\">Backpropagation by hand</a></h2>\n" + typeset + "\n"))
            #expect(html.contains("<style>.katex{font:1em KaTeX_Main}</style>"))
            #expect(!CourseIndex(title: "One", entries: Self.entries).hasMath)
        }

        @Test("the index is as inert as a report: nothing loads from outside it, and no script runs")
        func contentSecurityPolicy() throws {
            var entry = Self.entries[0]
            entry.summaryHTML = "<p>With <span class=\"math inline\"><span class=\"katex\">x</span></span>.</p>"
            let html = try CourseIndex(title: "One", entries: [entry]).html(katexStyle: ".katex{}")
            let policy =
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; "
                + "style-src &#39;unsafe-inline&#39;; img-src data:; font-src data:; script-src &#39;none&#39;; "
                + "base-uri &#39;none&#39;; form-action &#39;none&#39;\">"
            #expect(html.components(separatedBy: policy).count == 2)
            // Before anything the page shows.
            let head = try #require(html.range(of: "</head>"))
            #expect(html[..<head.lowerBound].contains(policy))
        }

        @Test func aNotebookWithoutDocumentedOutputsIsOkWhenItRan() {
            #expect(CourseIndex.Entry(title: "", summary: "", report: "", ran: true, outputsMatched: nil).ok)
            #expect(!CourseIndex.Entry(title: "", summary: "", report: "", ran: true, outputsMatched: false).ok)
        }
    }
}

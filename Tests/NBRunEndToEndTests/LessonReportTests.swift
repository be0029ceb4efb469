import Foundation
import TestSupport
import Testing

/// A course lesson's report with default settings: `Fixtures/handout/spiral.md`, ported as a
/// new user would (7 cells, 2 figures, a 300 × 100 hidden layer shown by default). It is
/// rendered once and shared by the suites that read it (this one and `AccessibilityTests`).
enum Lesson {
    /// The spiral lesson's HTML report and nbrun's result, rendered on first use.
    static let spiral: Result<(page: URL, result: CommandResult), any Error> = Result {
        try HandoutBrowserTests.render(Fixture.path("handout/spiral.md"), "lesson-spiral")
    }
}

@Suite struct LessonReportTests {
    /// The size budget (issue 22): before tensors were summarised, this lesson's report was
    /// 4.1 MB and 35,500 px tall; summarised as numpy prints them, with every value kept
    /// behind a disclosure only up to 10,000 values, it must stay under 700 KB.
    @Test func aLessonWithAHiddenLayerOf300By100MakesAReportUnder700KB() throws {
        let (page, result) = try Lesson.spiral.get()
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try Data(contentsOf: page).count
        #expect(bytes < 700_000, "the report is \(bytes) bytes")
        let html = try String(contentsOf: page, encoding: .utf8)
        // The hidden layer is shown, as numpy prints it, with its shape and where its values are.
        #expect(
            html.contains(
                "<code class=\"tensor-name\">hidden_layer</code> <span class=\"tensor-shape\">(300, 100)</span> "
                    + "<span class=\"tensor-dtype\">float64</span> "
                    + "<span class=\"tensor-size\">30,000 values, summarised; the JSON report has them all</span>"))
        #expect(html.contains("0.38842554 &amp; 0.11292507 &amp; 0.09817836 &amp; \\cdots &amp; 0.03095429"))
        // Its 30,000 values (some 500 KB of text) are left to the JSON report.
        #expect(BrowserTests.count("<summary>All 30,000 values</summary>", in: html) == 0)
        // The smaller summarised tensors keep every value behind a disclosure, no script needed.
        #expect(BrowserTests.count("<details class=\"tensor-all\"><summary>All 900 values</summary>", in: html) == 3)
    }
}

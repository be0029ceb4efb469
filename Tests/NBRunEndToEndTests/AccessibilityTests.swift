import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// WCAG 2.1 AA in a course lesson's report (`Lesson.spiral`, typeset by KaTeX under node):
/// figures a screen reader can describe, formulas that keep KaTeX's MathML, a language and
/// landmarks. Contrast is `ContrastTests`' (unit) job.
@Suite(.serialized) struct AccessibilityTests {
    @Test func figuresHaveATitleAndADescriptionAndFormulasKeepTheirMathML() throws {
        _ = try requireNode()
        let (page, result) = try Lesson.spiral.get()
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        let body = String(html[try #require(html.range(of: "<main class=\"nbrun-body\">")).lowerBound...])

        // Both figures: an image whose name is its title and whose description gives each series.
        let figures = body.components(separatedBy: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"nbrun-plot\"")
            .dropFirst()
        #expect(figures.count == 2)
        for figure in figures {
            #expect(figure.contains("role=\"img\">\n<title>"), "\(figure.prefix(200))")
            #expect(figure.contains("</title>\n<desc>"))
        }
        #expect(
            body.contains(
                "<title>The spiral</title>\n<desc>The spiral: scatter plot of class 0, class 1 and class 2, 300 points."
            ))
        #expect(
            body.contains(
                "<title>Training loss</title>\n<desc>Training loss: line plot of loss, 2,000 points. X axis (step): 0 to 1999; "
                    + "y axis, log scale: 0.2661 to 1.099. loss: 2,000 points, from 1.099 at x = 0 to 0.2665 at x = 1999"
            ))

        // Every formula and matrix keeps the MathML KaTeX writes beside its HTML, for screen readers.
        let katex = BrowserTests.count("<span class=\"katex\">", in: body)
        #expect(katex >= 5)
        #expect(BrowserTests.count("<span class=\"katex\"><span class=\"katex-mathml\"><math ", in: body) == katex)

        // A language, and landmarks: banner, navigation, main, contentinfo.
        #expect(html.contains("<html lang=\"en\">"))
        for landmark in ["<header ", "<nav ", "<main ", "<footer "] {
            #expect(BrowserTests.count(landmark, in: html) == 1, "\(landmark)")
        }
    }
}

import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// The handout's layout in headless Chromium, for two shapes of notebook: `layout.md` (one
/// cell, no section headings so no contents, a code line of 200 columns, a 100 × 100
/// matrix, a figure) and `spiral.md` (a course lesson: contents, 7 cells, 2 figures, tall
/// tensors). At 360, 800, 1200 and 1600 px, light and dark, it leaves screenshots in
/// `.build/nbrun-artifacts/layout-*.png`, and the printed pages as `layout-*-page-N.png`:
/// look at them after changing the style sheet.
@Suite(.serialized) struct HandoutLayoutTests {
    /// What the probe measured in a page `width` px wide (CSS pixels).
    struct Geometry: Decodable {
        var viewport: Double
        /// The page's own width: more than the viewport means the reader scrolls sideways.
        var scrollWidth: Double
        var rem: Double
        var main: Box
        var toc: Box?
        /// Elements whose box reaches out of the viewport, and who scrolls them.
        var outside: [String]

        struct Box: Decodable {
            var left: Double
            var width: Double
            var right: Double { left + width }
        }
    }

    static let widths = [360, 800, 1200, 1600]

    /// Reports what Chromium laid out; in a frame, to the page around it, whose DOM is dumped.
    static let probe = """
        <script>
        window.addEventListener("load", function () { setTimeout(function () {
          var width = document.documentElement.clientWidth;
          function box(e) { if (!e) return null; var r = e.getBoundingClientRect(); return {left: r.left, width: r.width}; }
          function scrolled(e) {
            for (var p = e.parentElement; p; p = p.parentElement) {
              var o = getComputedStyle(p).overflowX;
              if ((o === "auto" || o === "scroll" || o === "hidden") && p !== document.documentElement && p !== document.body) return true;
            }
            return false;
          }
          var outside = [].filter.call(document.querySelectorAll("body *"), function (e) {
            var r = e.getBoundingClientRect();
            return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5) && !scrolled(e);
          }).map(function (e) { return e.tagName.toLowerCase() + "." + e.className; });
          var result = JSON.stringify({viewport: width, scrollWidth: document.documentElement.scrollWidth,
            rem: parseFloat(getComputedStyle(document.documentElement).fontSize),
            main: box(document.querySelector("main")), toc: box(document.querySelector("nav.toc")), outside: outside});
          if (parent !== window) parent.postMessage(result, "*");
        }, 0); });
        </script>
        """

    /// A page holding `page` in a frame `width` px wide: headless Chromium's window is at
    /// least 500 px wide, a frame can be narrower.
    static func frame(_ page: URL, width: Int, height: Int) throws -> URL {
        let frame = page.deletingPathExtension().appendingPathExtension("frame-\(width).html")
        try """
        <!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0;display:block}</style></head>
        <body><iframe src="\(page.lastPathComponent)" width="\(width)" height="\(height)"></iframe><pre id="geometry"></pre>
        <script>window.addEventListener("message", function (e) { document.getElementById("geometry").textContent = e.data; });</script>
        </body></html>
        """.write(to: frame, atomically: true, encoding: .utf8)
        return frame
    }

    static func geometry(of page: URL, width: Int, browser: URL) throws -> Geometry {
        let html = try String(contentsOf: page, encoding: .utf8)
        let probed = page.deletingPathExtension().appendingPathExtension("probe.html")
        try html.replacingOccurrences(of: "</body>", with: probe + "</body>").write(
            to: probed, atomically: true, encoding: .utf8)
        let frame = try frame(probed, width: width, height: 900)
        let dom = try BrowserTests.chromium(
            browser, ["--hide-scrollbars", "--window-size=\(max(width, 500)),900", "--dump-dom"], page: frame)
        let start = try #require(dom.range(of: "<pre id=\"geometry\">"), "no frame in \(dom.prefix(200))")
        let end = try #require(dom[start.upperBound...].range(of: "</pre>"))
        let json = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Geometry.self, from: Data(json.utf8))
    }

    @Test(arguments: ["layout", "spiral"])
    func theMainColumnHoldsAtEveryWidthLightDarkAndInPrint(_ name: String) throws {
        let browser = try HandoutBrowserTests.browser()
        let (page, result) = try HandoutBrowserTests.render(Fixture.path("handout/\(name).md"), "layout-\(name)")
        #expect(result.status == 0, "\(result.stderr)")
        for width in Self.widths {
            let geometry = try Self.geometry(of: page, width: width, browser: browser)
            let rem = geometry.rem
            #expect(geometry.viewport == Double(width))
            // Nothing makes the page scroll sideways: wide code and matrices scroll in their own boxes.
            #expect(geometry.scrollWidth <= geometry.viewport, "\(name) at \(width) px: \(geometry.outside)")
            #expect(geometry.outside.isEmpty, "\(name) at \(width) px: \(geometry.outside)")
            // The main column: 40rem at least where the window has room (40rem and the margins),
            // else all of the window but its margins.
            let room = geometry.viewport - 2.5 * rem
            #expect(
                geometry.main.width >= min(40 * rem, room), "\(name) at \(width) px: main is \(geometry.main.width) px")
            #expect(geometry.main.left >= 0 && geometry.main.right <= geometry.viewport)
            if let toc = geometry.toc, width >= 1200 {
                // Beside the column, not over it.
                #expect(toc.right <= geometry.main.left, "\(name) at \(width) px")
            }
            for (scheme, flags) in [("light", []), ("dark", ["--force-dark-mode"])] {
                let frame = try Self.frame(page, width: width, height: 2400)
                let shot = BrowserTests.artifacts.appendingPathComponent("layout-\(name)-\(width)-\(scheme).png")
                _ = try BrowserTests.chromium(
                    browser,
                    flags + ["--hide-scrollbars", "--window-size=\(max(width, 500)),2400", "--screenshot=\(shot.path)"],
                    page: frame)
                #expect(try Data(contentsOf: shot).starts(with: [0x89, 0x50, 0x4E, 0x47]))
            }
        }
        // On paper, A4: the pages as pictures, to look at.
        let pdf = try PDFReportTests.print(Fixture.path("handout/\(name).md"), to: "layout-\(name)")
        #expect(try PDFReportTests.pages(pdf).count >= 1)
        #expect(try !PDFReportTests.pictures(of: pdf).isEmpty)
    }
}

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
        /// Formulas kept with their punctuation (`.math-nowrap`), and how many of them broke
        /// across lines anyway.
        var nowrap: Int
        var brokenNowrap: Int

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
            main: box(document.querySelector("main")), toc: box(document.querySelector("nav.toc")), outside: outside,
            nowrap: document.querySelectorAll(".math-nowrap").length,
            brokenNowrap: [].filter.call(document.querySelectorAll(".math-nowrap"), function (e) {
              var tops = [].map.call(e.getClientRects(), function (r) { return Math.round(r.bottom); });
              return new Set(tops).size > 1; }).length});
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

    /// One headless Chromium run on `page` (a frame), off the test's thread: it returns the
    /// process's output, and the test checks it. Runs that die of a segmentation fault, as
    /// headless Chromium now and then does on a loaded machine, are tried once more.
    static func chromium(_ browser: URL, _ arguments: [String], page: URL) -> Result<ProcessOutput, any Error> {
        Result {
            let arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"] + arguments
            var output = try SystemProcessRunner().run(
                browser, arguments + [page.absoluteString], environment: nil, directory: nil)
            if output.status == 11 {
                output = try SystemProcessRunner().run(
                    browser, arguments + [page.absoluteString], environment: nil, directory: nil)
            }
            return output
        }
    }

    /// The geometry the probe posted to the frame's page, from that page's DOM.
    static func geometry(fromDOM dom: String) throws -> Geometry {
        let start = try #require(dom.range(of: "<pre id=\"geometry\">"), "no frame in \(dom.prefix(200))")
        let end = try #require(dom[start.upperBound...].range(of: "</pre>"))
        let json = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Geometry.self, from: Data(json.utf8))
    }

    /// A run of Chromium: the geometry of a page at a width, or its screenshot.
    struct Run: Sendable {
        var name: String
        var width: Int
        /// nil for the geometry; else light or dark, and the screenshot's file.
        var scheme: String?
        var frame: URL
        var arguments: [String]
    }

    @Test func theMainColumnHoldsAtEveryWidthLightDarkAndInPrint() throws {
        let browser = try HandoutBrowserTests.browser()
        var runs: [Run] = []
        for name in ["layout", "spiral"] {
            let (page, result) = try HandoutBrowserTests.render(Fixture.path("handout/\(name).md"), "layout-\(name)")
            #expect(result.status == 0, "\(result.stderr)")
            let probed = page.deletingPathExtension().appendingPathExtension("probe.html")
            try HandoutBrowserTests.withProbe(String(contentsOf: page, encoding: .utf8), probe: Self.probe)
                .write(to: probed, atomically: true, encoding: .utf8)
            for width in Self.widths {
                let window = "--window-size=\(max(width, 500)),"
                runs.append(
                    Run(
                        name: name, width: width, frame: try Self.frame(probed, width: width, height: 900),
                        arguments: [window + "900", "--virtual-time-budget=5000", "--dump-dom"]))
                let frame = try Self.frame(page, width: width, height: 2400)
                for (scheme, flags) in [("light", []), ("dark", ["--force-dark-mode"])] {
                    let shot = BrowserTests.artifacts.appendingPathComponent("layout-\(name)-\(width)-\(scheme).png")
                    try? FileManager.default.removeItem(at: shot)
                    runs.append(
                        Run(
                            name: name, width: width, scheme: scheme, frame: frame,
                            arguments: flags + [window + "2400", "--screenshot=\(shot.path)"]))
                }
            }
        }
        // 24 runs of a few seconds each, mostly spent waiting: six at a time.
        let outputs = parallelMap(runs, jobs: 6) { run in Self.chromium(browser, run.arguments, page: run.frame) }
        for (run, result) in zip(runs, outputs) {
            let output = try result.get()
            let place = "\(run.name) at \(run.width) px\(run.scheme.map { ", " + $0 } ?? "")"
            #expect(output.status == 0, "\(place): \(String(decoding: output.stderr, as: UTF8.self))")
            guard run.scheme == nil else {
                let shot = BrowserTests.artifacts.appendingPathComponent(
                    "layout-\(run.name)-\(run.width)-\(run.scheme!).png")
                #expect((try? Data(contentsOf: shot))?.starts(with: [0x89, 0x50, 0x4E, 0x47]) == true, "\(place)")
                continue
            }
            let geometry = try Self.geometry(fromDOM: String(decoding: output.stdout, as: UTF8.self))
            let rem = geometry.rem
            #expect(geometry.viewport == Double(run.width))
            // Nothing makes the page scroll sideways: wide code and matrices scroll in their own boxes.
            #expect(geometry.scrollWidth <= geometry.viewport, "\(place): \(geometry.outside)")
            #expect(geometry.outside.isEmpty, "\(place): \(geometry.outside)")
            // The main column: 40rem at least where the window has room (40rem and the margins),
            // else all of the window but its margins.
            let room = geometry.viewport - 2.5 * rem
            #expect(geometry.main.width >= min(40 * rem, room), "\(place): main is \(geometry.main.width) px")
            #expect(geometry.main.left >= 0 && geometry.main.right <= geometry.viewport, "\(place)")
            // A formula and the punctuation after it stay on one line.
            #expect(geometry.brokenNowrap == 0, "\(place): \(geometry.brokenNowrap) of \(geometry.nowrap) broke")
            if run.name == "layout" { #expect(geometry.nowrap == 3, "\(place)") }
            if let toc = geometry.toc, run.width >= 1200 {
                #expect(toc.right <= geometry.main.left, "\(place): the contents overlap the column")
            }
        }
        // On paper, A4: the pages as pictures, to look at (HandoutPrintTests checks them).
        let pdf = try PDFReportTests.print(Fixture.path("handout/layout.md"), to: "layout-layout")
        #expect(try !PDFReportTests.pictures(of: pdf).isEmpty)
    }
}

import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// The handout's layout in headless Chromium, for two shapes of notebook: `layout.md` (one
/// cell, no section headings so no contents, a code line of 200 columns, a 100 × 100
/// matrix, a figure) and `spiral.md` (a course lesson: contents, 7 cells, 2 figures, tall
/// tensors). At 360, 800, 1200 and 1600 px side by side, light and dark, it leaves
/// screenshots in `.build/nbrun-artifacts/layout-*.png`, and the printed pages as
/// `layout-*-page-N.png`: look at them after changing the style sheet.
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

    /// A page holding `page` in one frame per width, side by side, each `height` px tall
    /// (headless Chromium's window is at least 500 px wide, a frame can be narrower), and a
    /// hidden `<pre>` that gets one line per frame: what its probe posted.
    static func frames(_ page: URL, widths: [Int], height: Int) throws -> URL {
        let frames = page.deletingPathExtension().appendingPathExtension("frames.html")
        let iframes = widths.map {
            "<iframe src=\"\(page.lastPathComponent)\" width=\"\($0)\" height=\"\(height)\"></iframe>"
        }
        try """
        <!DOCTYPE html><html><head><meta charset="utf-8">
        <style>body{margin:0;display:flex;align-items:flex-start;gap:\(Self.gap)px}iframe{border:0;display:block;flex:none}</style></head>
        <body>\(iframes.joined())<pre id="geometry" hidden></pre>
        <script>window.addEventListener("message", function (e) { document.getElementById("geometry").textContent += e.data + "\\n"; });</script>
        </body></html>
        """.write(to: frames, atomically: true, encoding: .utf8)
        return frames
    }

    /// The space between two frames.
    static let gap = 20

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

    /// The geometry each frame's probe posted to the page around them, from that page's DOM.
    static func geometries(fromDOM dom: String) throws -> [Geometry] {
        let start = try #require(dom.range(of: "<pre id=\"geometry\" hidden=\"\">"), "no frames in \(dom.prefix(200))")
        let end = try #require(dom[start.upperBound...].range(of: "</pre>"))
        let text = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Geometry.self, from: Data($0.utf8)) }
    }

    /// A run of Chromium: a notebook's page at every width, light or dark, its geometry
    /// and its screenshot.
    struct Run: Sendable {
        var name: String
        var scheme: String
        var screenshot: URL
        var frames: URL
        var arguments: [String]
    }

    @Test func theMainColumnHoldsAtEveryWidthLightDarkAndInPrint() throws {
        let browser = try HandoutBrowserTests.browser()
        var runs: [Run] = []
        let window = "--window-size=\(Self.widths.reduce(0, +) + Self.gap * (Self.widths.count - 1)),2400"
        for name in ["layout", "spiral"] {
            let (page, result) = try HandoutBrowserTests.render(Fixture.path("handout/\(name).md"), "layout-\(name)")
            #expect(result.status == 0, "\(result.stderr)")
            let probed = page.deletingPathExtension().appendingPathExtension("probe.html")
            try HandoutBrowserTests.withProbe(String(contentsOf: page, encoding: .utf8), probe: Self.probe)
                .write(to: probed, atomically: true, encoding: .utf8)
            let frames = try Self.frames(probed, widths: Self.widths, height: 2400)
            for (scheme, flags) in [("light", []), ("dark", ["--force-dark-mode"])] {
                let shot = BrowserTests.artifacts.appendingPathComponent("layout-\(name)-\(scheme).png")
                try? FileManager.default.removeItem(at: shot)
                runs.append(
                    Run(
                        name: name, scheme: scheme, screenshot: shot, frames: frames,
                        arguments: flags + [
                            window, "--virtual-time-budget=5000", "--dump-dom", "--screenshot=\(shot.path)"
                        ]
                    ))
            }
        }
        // 4 runs of a few seconds each (one launch per notebook and scheme, all widths in it).
        let outputs = parallelMap(runs, jobs: 4) { run in Self.chromium(browser, run.arguments, page: run.frames) }
        for (run, result) in zip(runs, outputs) {
            let output = try result.get()
            let page = "\(run.name), \(run.scheme)"
            #expect(output.status == 0, "\(page): \(String(decoding: output.stderr, as: UTF8.self))")
            #expect((try? Data(contentsOf: run.screenshot))?.starts(with: [0x89, 0x50, 0x4E, 0x47]) == true, "\(page)")
            let geometries = try Self.geometries(fromDOM: String(decoding: output.stdout, as: UTF8.self))
            // Every frame reported, each at its own width.
            #expect(geometries.map(\.viewport).sorted() == Self.widths.map(Double.init), "\(page)")
            for geometry in geometries {
                let place = "\(run.name) at \(Int(geometry.viewport)) px, \(run.scheme)"
                let rem = geometry.rem
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
                if let toc = geometry.toc, geometry.viewport >= 1200 {
                    #expect(toc.right <= geometry.main.left, "\(place): the contents overlap the column")
                }
            }
        }
        // On paper, A4: the pages as pictures, to look at (HandoutPrintTests checks them).
        let pdf = try PDFReportTests.print(Fixture.path("handout/layout.md"), to: "layout-layout")
        #expect(try !PDFReportTests.pictures(of: pdf).isEmpty)
    }
}

import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// The golden figures inlined in a page that uses the report's stylesheet, opened in
/// headless Chromium in light and dark mode. Checks what a reader would see (text in
/// the report's font and colour, no label running into another or out of its figure,
/// vectors and selectable text when printed) and leaves screenshots and the PDF in
/// `.build/nbrun-artifacts/` for a person to look at.
@Suite(.serialized) struct FiguresBrowserTests {
    static let goldens = Fixture.sourceFolder.appendingPathComponent("figures")

    /// A page with every golden figure, and a script that measures their text.
    static func page() throws -> String {
        let css = try String(
            contentsOf: Fixture.packageRoot.appendingPathComponent("templates/report.css"),
            encoding: .utf8)
        let files = try FileManager.default.contentsOfDirectory(atPath: goldens.path).filter { $0.hasSuffix(".svg") }
            .sorted()
        let figures = try files.map { name in
            let svg = try String(contentsOf: goldens.appendingPathComponent(name), encoding: .utf8)
            return "<figure class=\"nbrun-figure\" data-name=\"\(name)\">\(svg)</figure>"
        }
        return """
            <!doctype html><html><head><meta charset="utf-8"><meta name="color-scheme" content="light dark">
            <style>\(css)</style><style>figure{margin:0 0 1rem;max-width:700px}</style></head>
            <body><main>\(figures.joined(separator: "\n"))</main><pre id="measured"></pre>
            <script>
            const report = [];
            for (const figure of document.querySelectorAll('figure')) {
              const svg = figure.querySelector('svg');
              const view = svg.viewBox.baseVal, frame = svg.getBoundingClientRect();
              // Client rectangles include rotation (a y label), in the figure's own units.
              const scale = view.width / frame.width;
              const boxes = [...svg.querySelectorAll('text')].map(t => {
                const r = t.getBoundingClientRect();
                return {text: t.textContent, box: {x: (r.x - frame.x) * scale, y: (r.y - frame.y) * scale,
                                                   width: r.width * scale, height: r.height * scale}};
              });
              const overlaps = [], outside = [];
              for (let i = 0; i < boxes.length; i++) {
                const a = boxes[i].box;
                if (a.x < view.x - 1 || a.y < view.y - 1 || a.x + a.width > view.x + view.width + 1
                    || a.y + a.height > view.y + view.height + 1) outside.push(boxes[i].text);
                for (let j = i + 1; j < boxes.length; j++) {
                  const b = boxes[j].box;
                  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
                  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
                  if (w > 0.5 && h > 0.5) overlaps.push(boxes[i].text + ' / ' + boxes[j].text);
                }
              }
              const text = svg.querySelector('text');
              report.push({name: figure.dataset.name, texts: boxes.length, overlaps, outside,
                           fill: getComputedStyle(text).fill, font: getComputedStyle(text).fontFamily,
                           legend: [...svg.querySelectorAll('.nbrun-plot-legend')].map(r => getComputedStyle(r).fill)});
            }
            document.getElementById('measured').textContent = JSON.stringify(report);
            </script></body></html>
            """
    }

    /// Runs a poppler tool from `PATH`; records an issue and returns nil if it is missing.
    static func tool(_ name: String, _ arguments: [String]) throws -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard
            let url = path.split(separator: ":").map({ URL(fileURLWithPath: String($0)).appendingPathComponent(name) })
                .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
        else {
            Issue.record("\(name) is not installed (poppler-utils); run scripts/install-deps --test")
            return nil
        }
        let output = try SystemProcessRunner().run(url, arguments, environment: nil, directory: nil)
        #expect(output.status == 0, "\(name): \(String(decoding: output.stderr, as: UTF8.self))")
        return String(decoding: output.stdout, as: UTF8.self)
    }

    struct Measured: Decodable {
        var name: String
        var texts: Int
        var overlaps: [String]
        var outside: [String]
        var fill: String
        var font: String
        var legend: [String]
    }

    static func measure(_ dom: String) throws -> [Measured] {
        guard let start = dom.range(of: "<pre id=\"measured\">"),
            let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex)
        else { return [] }
        let json = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"")
        return try JSONDecoder().decode([Measured].self, from: Data(json.utf8))
    }

    @Test func figuresFollowTheReportsLightAndDarkSchemes() throws {
        guard let browser = BrowserTests.chromium else {
            Issue.record("chromium is not installed; run scripts/install-deps --test")
            return
        }
        let artifacts = BrowserTests.artifacts
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let page = artifacts.appendingPathComponent("figures.html")
        try Data(try Self.page().utf8).write(to: page)
        // The report's --fg and --bg in each scheme (templates/report.css).
        let schemes: [(name: String, flags: [String], text: String, background: String)] = [
            ("light", [], "rgb(29, 35, 42)", "rgb(253, 253, 252)"),
            ("dark", ["--force-dark-mode"], "rgb(227, 230, 234)", "rgb(21, 24, 28)")
        ]
        let figures = try FileManager.default.contentsOfDirectory(atPath: Self.goldens.path).filter {
            $0.hasSuffix(".svg")
        }
        // One Chromium run per scheme: the DOM, the screenshot and (light) the printed PDF,
        // at 780 px, the width of headless Chromium's own window.
        let pdf = artifacts.appendingPathComponent("figures.pdf")
        for scheme in schemes {
            let screenshot = artifacts.appendingPathComponent("figures-\(scheme.name).png")
            let printing = scheme.name == "light" ? ["--print-to-pdf=\(pdf.path)"] : []
            for old in [screenshot] + (printing.isEmpty ? [] : [pdf]) { try? FileManager.default.removeItem(at: old) }
            let measured = try Self.measure(
                try BrowserTests.chromium(
                    browser,
                    scheme.flags + ["--dump-dom", "--screenshot=\(screenshot.path)", "--window-size=780,5400"]
                        + printing, page: page))
            #expect(
                measured.count == figures.count && figures.count >= 10,
                "\(scheme.name): measured \(measured.count) figures")
            for figure in measured {
                let context = "\(figure.name) in \(scheme.name) mode"
                #expect(figure.texts > 4, "\(context)")
                #expect(figure.overlaps.isEmpty, "labels overlap in \(context): \(figure.overlaps)")
                #expect(figure.outside.isEmpty, "labels outside the figure in \(context): \(figure.outside)")
                #expect(figure.fill == scheme.text, "text colour in \(context)")
                #expect(figure.font.hasPrefix("KaTeX_Main"), "the report's font in \(context): \(figure.font)")
                #expect(figure.legend.allSatisfy { $0 == scheme.background }, "legend background in \(context)")
            }
            #expect(try Data(contentsOf: screenshot).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
        // Printed, the figures stay vectors: no raster image in the PDF, and their text is text.
        let images = try Self.tool("pdfimages", ["-list", pdf.path])
        #expect(images?.split(separator: "\n").count == 2, "raster images in the printed figures: \(images ?? "")")
        let text = try Self.tool("pdftotext", [pdf.path, "-"]) ?? ""
        for label in ["phase 4", "learning rate", "XOR decision surface", "Four panels"] {
            #expect(text.contains(label), "\(label) is not text in the PDF")
        }
        // A figure opened on its own, as a Markdown report's figure-N.svg is.
        for scheme in schemes {
            let screenshot = artifacts.appendingPathComponent("figure-standalone-\(scheme.name).png")
            _ = try BrowserTests.chromium(
                browser, scheme.flags + ["--screenshot=\(screenshot.path)", "--window-size=660,500"],
                page: Self.goldens.appendingPathComponent("legend-5-series.svg"))
            #expect(try Data(contentsOf: screenshot).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
    }
}

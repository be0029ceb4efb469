import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// Handouts as a reader sees them in headless Chromium: macros, a broken formula, tensors
/// across scales, a minimal template, in both typesetting modes. A probe script added to a
/// copy of each page reports what Chromium laid out; screenshots (light and dark) are left in
/// `.build/nbrun-artifacts/handout-*.png` for people to look at.
@Suite(.serialized) struct HandoutBrowserTests {
    /// What the probe found for one `.math` element.
    struct MathProbe: Decodable {
        var cls: String
        /// Holds KaTeX's output.
        var typeset: Bool
        /// Holds a `.katex-error` or nbrun's `.math-error`.
        var error: Bool
        /// Something in it has KaTeX's error colour, #cc0000 (an undefined command, drawn in red).
        var red: Bool
        var width: Double
        /// It scrolls: its content is wider than it is.
        var scrolls: Bool
        /// The text a reader sees (KaTeX's HTML, not its MathML).
        var text: String
    }

    static let probe = """
        <script>
        window.addEventListener("load", function () { setTimeout(function () {
          var math = [].map.call(document.querySelectorAll(".math"), function (e) {
            var seen = e.querySelector(".katex-html");
            return {cls: e.className, typeset: !!e.querySelector(".katex"),
                    error: !!e.querySelector(".katex-error, .math-error"),
                    red: [].some.call(e.querySelectorAll("*"), function (c) { return getComputedStyle(c).color === "rgb(204, 0, 0)"; }),
                    width: e.getBoundingClientRect().width, scrolls: e.scrollWidth > e.clientWidth,
                    text: seen ? seen.textContent : e.textContent};
          });
          var pre = document.createElement("pre");
          pre.id = "nbrun-probe";
          pre.hidden = true;
          pre.textContent = JSON.stringify(math);
          document.body.appendChild(pre);
        }, 0); });
        </script>
        """

    /// Chromium, or a failed test that says how to install it.
    static func browser() throws -> URL {
        try #require(BrowserTests.chromium, "chromium is not installed; run scripts/install-deps --test")
    }

    /// Renders `notebook` with nbrun (extra `arguments`, `environment`) into the artifacts folder as `name.html`.
    static func render(
        _ notebook: String, _ name: String, _ arguments: [String] = [],
        environment: [String: String] = [:]
    ) throws -> (page: URL, result: CommandResult) {
        try FileManager.default.createDirectory(at: BrowserTests.artifacts, withIntermediateDirectories: true)
        let page = BrowserTests.artifacts.appendingPathComponent("\(name).html")
        let result = try nbrun(["render", notebook, "-o", page.path] + arguments, environment: environment)
        return (page, result)
    }

    /// `html` with the probe before `</body>`, and its Content-Security-Policy opened for the
    /// probe by the probe's hash only: the page's own scripts run as they do for a reader,
    /// and anything else stays refused.
    static func withProbe(_ html: String, probe: String = probe) throws -> String {
        let script = try #require(probe.firstRange(of: "<script>")?.upperBound)
        let scriptEnd = try #require(probe.firstRange(of: "</script>")?.lowerBound)
        let hash = SHA256.cspSource(for: String(probe[script..<scriptEnd]))
            .replacingOccurrences(of: "'", with: "&#39;")
        let policy = try #require(html.firstRange(of: "script-src "), "the page has no script-src")
        let opened = html.replacingCharacters(in: policy, with: "script-src \(hash) ")
            .replacingOccurrences(of: "\(hash) &#39;none&#39;", with: hash)
        return opened.replacingOccurrences(of: "</body>", with: probe + "</body>")
    }

    /// The `.math` elements of `page` once Chromium has run its scripts; also takes
    /// screenshots, light and dark, named after the page. Two Chromium runs: the probed page
    /// (its probe hidden) gives the DOM and the light screenshot together, at 780 px, the
    /// width of headless Chromium's own window; the other takes the dark screenshot.
    static func probe(_ page: URL, height: Int = 1200) throws -> [MathProbe] {
        let browser = try browser()
        let html = try String(contentsOf: page, encoding: .utf8)
        let probed = page.deletingPathExtension().appendingPathExtension("probe.html")
        try Self.withProbe(html).write(to: probed, atomically: true, encoding: .utf8)
        let name = page.deletingPathExtension().path
        let light = URL(fileURLWithPath: "\(name).png")
        let dark = URL(fileURLWithPath: "\(name)-dark.png")
        for old in [light, dark] { try? FileManager.default.removeItem(at: old) }
        let size = "--window-size=780,\(height)"
        let dom = try BrowserTests.chromium(
            browser, ["--dump-dom", "--screenshot=\(light.path)", size], page: probed)
        _ = try BrowserTests.chromium(browser, ["--force-dark-mode", "--screenshot=\(dark.path)", size], page: page)
        for shot in [light, dark] {
            #expect(try Data(contentsOf: shot).starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(shot.lastPathComponent)")
        }
        let start = try #require(dom.range(of: "<pre id=\"nbrun-probe\" hidden=\"\">"), "the probe did not run")
        let end = try #require(dom[start.upperBound...].range(of: "</pre>"))
        var json = String(dom[start.upperBound..<end.lowerBound])
        for (escaped, raw) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&amp;", "&")] {
            json = json.replacingOccurrences(of: escaped, with: raw)
        }
        return try JSONDecoder().decode([MathProbe].self, from: Data(json.utf8))
    }

    @Test func macrosCarryAndABrokenFormulaIsAWarningAtItsLine() throws {
        _ = try requireNode()
        let notebook = Fixture.path("handout/math.md")
        let (page, result) = try Self.render(notebook, "handout-math")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                """
                \(notebook):15:38: warning: KaTeX can't typeset this formula: Unexpected end of input in a macro argument, expected '}'
                A formula with a mistake: $\\frac{1}{2$ is not closed.
                                                     ^
                """), "\(result.stderr)")
        #expect(!(try String(contentsOf: page, encoding: .utf8)).contains("<script"))

        let math = try Self.probe(page, height: 700)
        #expect(math.count == 4)
        // The front matter's \vq, the \newcommand'ed \norm in a later formula: typeset, nothing red.
        #expect(math.prefix(3).allSatisfy { $0.typeset && !$0.error && !$0.red && $0.width > 10 })
        #expect(math[0].text.hasPrefix("q=(q"))
        #expect(math[2].text.hasPrefix("∥q∥2=q"))
        // The broken one shows exactly what the author wrote, marked as an error.
        #expect(math[3].error && !math[3].typeset)
        #expect(math[3].text == "$\\frac{1}{2$")

        // --strict makes the warning an error, and the render fails.
        let strict = try nbrun(
            "render", notebook, "-o", BrowserTests.artifacts.appendingPathComponent("strict.html").path, "--strict")
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("\(notebook):15:38: error: KaTeX can't typeset this formula"))
    }

    @Test func withoutNodeTheBrowserTypesetsAndNbrunSaysSo() throws {
        let notebook = Fixture.path("handout/math.md")
        let (page, result) = try Self.render(
            notebook, "handout-math-browser", environment: ["NBRUN_NODE": "/nonexistent/node"])
        #expect(result.status == 0)
        #expect(
            result.stderr.contains(
                "warning: \(notebook): its math was not checked, and the reader's browser will "
                    + "typeset it: node is not installed (install the Debian package nodejs"))
        let math = try Self.probe(page, height: 700)
        #expect(math.count == 4)
        #expect(math.prefix(3).allSatisfy { $0.typeset && !$0.error && !$0.red })
        #expect(math[2].text.hasPrefix("∥q∥2=q"))
        #expect(math[3].error && !math[3].typeset)
        #expect(math[3].text == "\\frac{1}{2")  // its TeX; no delimiters the author didn't write
        let strict = try nbrun(
            ["render", notebook, "-o", "-", "--strict"], environment: ["NBRUN_NODE": "/nonexistent/node"])
        #expect(strict.status == 2)
    }

    @Test func tensorsFromATenMillionthToAThousandReadAsNumbers() throws {
        _ = try requireNode()
        let notebook = Fixture.path("handout/tensors.md")
        let markdown = try nbrun("render", notebook, "--to", "md", "-o", "-")
        // numpy's text:
        #expect(markdown.stdout.contains("| `scales` | (2, 2) | float64 | `[[1.e-07 1.e-03]  [1.e+00 1.e+03]]` |"))
        let (page, result) = try Self.render(notebook, "handout-tensors")
        #expect(result.status == 0, "\(result.stderr)")
        let math = try Self.probe(page, height: 900)
        let matrices = math.filter { $0.cls.contains("tensor-value") }
        // scales, tall, and p where it changed; not p where the cell printed it as it is.
        #expect(matrices.count == 3)
        let scales = try #require(matrices.first)
        #expect(scales.typeset && !scales.red)
        // A power of ten, not "1.e − 07": no letter e, and the minus is the exponent's.
        for number in ["1×10−7", "1×10−3", "1×100", "1×103"] { #expect(scales.text.contains(number), "\(scales.text)") }
        #expect(!scales.text.contains("e"))
        // No scrollbar, even for seven rows.
        #expect(matrices.allSatisfy { !$0.scrolls })
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.components(separatedBy: "<code class=\"tensor-name\">p</code>").count - 1 == 1)
    }

    @Test func aTemplateOfHeadAndBodyTypesetsItsMath() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = folder.appendingPathComponent("minimal.mustache")
        try "<html><head>{{{head}}}</head><body>{{{body}}}</body></html>".write(
            to: template, atomically: true, encoding: .utf8)
        let notebook = Fixture.packageRoot.appendingPathComponent("notebooks/backprop.md").path
        for (name, environment) in [
            ("handout-minimal", [String: String]()),
            ("handout-minimal-browser", ["NBRUN_NODE": "/nonexistent/node"])
        ] {
            let (page, result) = try Self.render(
                notebook, name, ["--template", template.path], environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            let html = try String(contentsOf: page, encoding: .utf8)
            #expect(html.hasPrefix("<html><head><meta charset=\"utf-8\">"))
            #expect(html.contains("<title>Backpropagation by hand</title>"))
            #expect(html.contains("<body><main class=\"nbrun-body\">"))
            let math = try Self.probe(page, height: 2400)
            // Every formula of the prose and every tensor matrix, typeset; nothing red, nothing broken.
            // 25 formulas (grep -o '\$[^$]*\$'); 21 tensor matrices (the landscape cell's `ws`, 81 values,
            // is wider than numpy's line, so it is shown as numpy prints it).
            #expect(math.count == 25 + 21)
            #expect(html.contains("<pre class=\"tensor-text\">[-1.5  -1.45 -1.4 "))
            for failed in math.filter({ !$0.typeset || $0.error || $0.red }) { Issue.record("\(name): \(failed)") }
        }
    }

    @Test func theStudentHandoutLooksRight() throws {
        _ = try requireNode()
        let notebook = Fixture.packageRoot.appendingPathComponent("notebooks/neuron-exercise.md").path
        let (page, result) = try Self.render(notebook, "handout-student", ["--variant", "student", "--clean"])
        #expect(result.status == 0, "\(result.stderr)")
        let math = try Self.probe(page, height: 2600)
        #expect(!math.isEmpty)
        #expect(math.allSatisfy { $0.typeset && !$0.error && !$0.red })
    }
}

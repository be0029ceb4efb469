import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// Opens the HTML report of `notebooks/backprop.md` in headless Chromium, as a reader
/// would, and checks what the page shows once its scripts have run. Leaves a
/// screenshot and a PDF in `.build/nbrun-artifacts/` for people to look at.
@Suite(.serialized) struct BrowserTests {
    static let artifacts = Fixture.packageRoot.appendingPathComponent(".build/nbrun-artifacts")

    /// Chromium on `PATH`, or nil.
    static var chromium: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("chromium") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs headless Chromium on `page` with `arguments`; returns its stdout. One run can
    /// dump the DOM, take a screenshot and print a PDF together (each launch costs about a
    /// second of CPU, so the tests ask for all they need at once). Headless
    /// Chromium now and then dies of a segmentation fault (exit 11) whatever the page,
    /// on a loaded machine; that run is tried once more, any other failure is the test's.
    static func chromium(_ browser: URL, _ arguments: [String], page: URL) throws -> String {
        func run() throws -> ProcessOutput {
            try SystemProcessRunner().run(
                browser,
                ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000"]
                    + arguments + [page.absoluteString],
                environment: nil, directory: nil)
        }
        var output = try run()
        if output.status == 11 { output = try run() }
        #expect(output.status == 0, "chromium \(arguments): \(String(decoding: output.stderr, as: UTF8.self))")
        return String(decoding: output.stdout, as: UTF8.self)
    }

    /// Occurrences of `needle` in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func backpropReportRendersOfflineWithEveryFormula() throws {
        guard let browser = Self.chromium else {
            Issue.record("chromium is not installed; run scripts/install-deps --test")
            return
        }
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        let page = Self.artifacts.appendingPathComponent("backprop.html")
        let render = try nbrun("notebooks/backprop.md", "-o", page.path, in: Fixture.packageRoot)
        #expect(render.status == 0, "\(render.stderr)")
        let json = try nbrun("notebooks/backprop.md", "--to", "json", "-o", "-", in: Fixture.packageRoot)
        let cells = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["cells"]
                as? [[String: Any]])
        let source = try String(contentsOf: page, encoding: .utf8)
        // One Chromium run gives the DOM once the scripts ran, and the pictures for people.
        let screenshot = Self.artifacts.appendingPathComponent("backprop.png")
        let pdf = Self.artifacts.appendingPathComponent("backprop.pdf")
        for old in [screenshot, pdf] { try? FileManager.default.removeItem(at: old) }
        let dom = try Self.chromium(
            browser,
            [
                "--dump-dom", "--screenshot=\(screenshot.path)", "--window-size=1000,2400",
                "--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer"
            ], page: page)

        // Every formula of the notebook's prose is typeset, and nothing failed.
        let notebook = try NotebookLoader.load(Fixture.packageRoot.appendingPathComponent("notebooks/backprop.md").path)
        let formulas = notebook.blocks.reduce(0) { total, block in
            guard case .prose(let prose) = block else { return total }
            return total + MathProtector(markdown: prose.rawText).spans.count
        }
        #expect(formulas == 25)  // counted with grep -o '\$[^$]*\$'
        // nbrun typesets each formula inside its own element, with KaTeX under node.
        let body = String(dom[try #require(dom.range(of: "<main class=\"nbrun-body\">")).upperBound...])
        let typesetInline = Self.count("<span class=\"math inline\"><span class=\"katex\">", in: body)
        let typesetDisplay = Self.count(
            "<div class=\"math display\"><span class=\"katex-display\"><span class=\"katex\">", in: body)
        #expect(typesetInline + typesetDisplay == formulas)
        let matrices = Self.count("<div class=\"math display tensor-value\">", in: source)
        #expect(matrices > 0)
        #expect(
            Self.count(
                "<div class=\"math display tensor-value\"><span class=\"katex-display\"><span class=\"katex\">",
                in: body)
                == matrices)
        #expect(Self.count("class=\"katex\"", in: body) == formulas + matrices)
        #expect(!dom.contains("class=\"katex-error\""))

        // Nothing is fetched from the network.
        for text in [source, dom] {
            #expect(text.firstMatch(of: /(?i)(src|href)\s*=\s*["']?\s*https?:/) == nil)
            #expect(text.firstMatch(of: /(?i)url\(\s*["']?\s*https?:/) == nil)
            #expect(text.firstMatch(of: /(?i)@import/) == nil)
        }

        // Every cell's output and tensors are on the page.
        for cell in cells {
            if let stdout = cell["stdout"] as? String, !stdout.isEmpty {
                #expect(dom.contains("<pre class=\"stdout\">\(stdout.htmlEscaped)</pre>"), "\(cell["id"] ?? "")")
            }
            for tensor in cell["tensors"] as? [[String: Any]] ?? [] {
                let name = try #require(tensor["name"] as? String)
                #expect(dom.contains("<code class=\"tensor-name\">\(name.htmlEscaped)</code>"), "\(name)")
            }
        }
        #expect(cells.count == 8)
        #expect(
            dom.contains(
                "<code class=\"tensor-name\">dL_dw1_corrected</code> <span class=\"tensor-shape\">(1, 2)</span>"))
        // The figure of the loss around one weight, inline, with its legend.
        #expect(dom.components(separatedBy: "<figure class=\"nbrun-figure\">").count - 1 == 1)
        #expect(dom.contains("slope of the corrected gradient"))

        // Pictures for people.
        #expect(try Data(contentsOf: screenshot).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try Data(contentsOf: pdf).starts(with: Array("%PDF".utf8)))
    }
}

import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// Reports made by the built nbrun from notebooks that try to reach outside them.
@Suite(.serialized) struct ReportSafetyEndToEndTests {
    /// A notebook whose prose tries every way out the issue found, with no cell that runs.
    static let hostile = """
        # Hostile

        <object data="file:///etc/os-release" width="600" height="400"></object>
        <embed src="file:///etc/os-release" width="600" height="400">
        <iframe src="file:///etc/hostname" width="600" height="200"></iframe>

        <img src="x" onerror="document.body.insertAdjacentText('beforeend', 'SCRIPT RAN')">
        <a href="javascript:alert(1)">a link</a>
        <meta http-equiv="refresh" content="0;url=file:///etc/os-release">
        <base href="https://attacker.example/">

        ```swift-cell eval=false
        print("not run")
        ```

        """

    private func write(_ text: String) throws -> (dir: URL, file: URL) {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("hostile.md")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (dir, file)
    }

    @Test func anHTMLReportCarriesItsPolicyAndNoneOfTheRawHTMLsWaysOut() throws {
        let (dir, file) = try write(Self.hostile)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try nbrun("render", file.path, "-o", "-")
        #expect(run.status == 0, "\(run.stderr)")
        let html = run.stdout
        #expect(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; "
                    + "style-src &#39;unsafe-inline&#39;; img-src data:; font-src data:; script-src &#39;none&#39;; "
                    + "base-uri &#39;none&#39;; form-action &#39;none&#39;\">"))
        for way in ["<object", "<embed", "<iframe", "onerror", "javascript:", "http-equiv=\"refresh\"", "<base"] {
            #expect(!html.contains(way), "\(way) is still in the report")
        }
        #expect(html.contains("<img src=\"x\">"))
        #expect(html.contains("<a>a link</a>"))
    }

    @Test func unsafeHTMLKeepsTheRawHTMLAsWrittenAndStillCarriesAPolicy() throws {
        let (dir, file) = try write(Self.hostile)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try nbrun("render", file.path, "-o", "-", "--unsafe-html")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "<img src=\"x\" onerror=\"document.body.insertAdjacentText('beforeend', 'SCRIPT RAN')\">"))
        #expect(run.stdout.contains("script-src &#39;unsafe-inline&#39;;"))
    }

    /// The repro: a PDF made on this machine must not hold this machine's files.
    @Test(arguments: [false, true])
    func aPDFHoldsNoLocalFile(unsafe: Bool) throws {
        let (dir, file) = try write(Self.hostile)
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("hostile.pdf")
        let run = try nbrun(["render", file.path, "--to", "pdf", "-o", pdf.path] + (unsafe ? ["--unsafe-html"] : []))
        #expect(run.status == 0, "\(run.stderr)")
        let text = try pdfText(pdf)
        #expect(text.contains("Hostile"))
        let release = try String(contentsOfFile: "/etc/os-release", encoding: .utf8)
        let marker = try #require(release.split(separator: "\n").first { $0.hasPrefix("PRETTY_NAME=") })
        let name = marker.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: ["\""])
        #expect(!text.contains(name), "the PDF holds /etc/os-release")
        #expect(!text.contains("PRETTY_NAME"))
        let host = try String(contentsOfFile: "/etc/hostname", encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(host.count < 4 || !text.contains(host), "the PDF holds /etc/hostname")
        #expect(!text.contains("SCRIPT RAN") || unsafe)
    }

    private func pdfText(_ pdf: URL) throws -> String {
        let tool = try #require(
            ["/usr/bin/pdftotext", "/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) },
            "pdftotext (Debian package poppler-utils) is needed")
        let output = try SystemProcessRunner().run(
            URL(fileURLWithPath: tool), [pdf.path, "-"], environment: nil, directory: nil)
        return String(decoding: output.stdout, as: UTF8.self)
    }
}

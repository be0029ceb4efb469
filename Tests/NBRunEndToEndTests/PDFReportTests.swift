import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// `nbrun --to pdf` end to end: the built binary, real Chromium, and poppler-utils to read
/// the PDF back. Leaves the PDFs and PNGs of their pages in `.build/nbrun-artifacts/pdf/`
/// for people to look at.
@Suite(.serialized) struct PDFReportTests {
    static let artifacts = Fixture.packageRoot.appendingPathComponent(".build/nbrun-artifacts/pdf")
    /// A cache kept in the build folder across test runs (never the user's ~/.cache), so the
    /// runtime is built once; nbrun's cache is safe to share between processes.
    static let environment = ["XDG_CACHE_HOME": testCache]

    /// Runs a poppler-utils tool; a missing tool fails the test with what to install.
    static func poppler(_ tool: String, _ arguments: String...) throws -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(tool) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        let executable = try #require(path, "\(tool) is not installed: run scripts/install-deps --test (poppler-utils)")
        let output = try SystemProcessRunner().run(executable, arguments, environment: nil, directory: nil)
        #expect(output.status == 0, "\(tool) \(arguments): \(String(decoding: output.stderr, as: UTF8.self))")
        return String(decoding: output.stdout, as: UTF8.self)
    }

    /// Prints `notebook` to `name`.pdf in the artifacts folder with `nbrun --to pdf`.
    static func print(_ notebook: String, to name: String, paper: Paper = .a4) throws -> URL {
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let pdf = artifacts.appendingPathComponent("\(name).pdf")
        let result = try nbrun(
            notebook, "--to", "pdf", "-o", pdf.path, "--paper", paper.rawValue,
            in: Fixture.packageRoot, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return pdf
    }

    /// The text of each page, in reading order.
    static func pages(_ pdf: URL) throws -> [String] {
        let count = try #require(Int(try poppler("pdfinfo", pdf.path).firstMatch(of: /Pages:\s+(\d+)/)?.1 ?? ""))
        return try (1...count).map { try poppler("pdftotext", "-layout", "-f", "\($0)", "-l", "\($0)", pdf.path, "-") }
    }

    /// Renders every page to a PNG beside the PDF (`name-1.png`, …) and returns how many.
    static func pictures(of pdf: URL) throws -> [URL] {
        let stem = pdf.deletingPathExtension()
        func drawn() throws -> [URL] {
            try FileManager.default.contentsOfDirectory(at: artifacts, includingPropertiesForKeys: nil)
                .filter { $0.lastPathComponent.hasPrefix(stem.lastPathComponent + "-") && $0.pathExtension == "png" }
        }
        // The pictures of an earlier run (a PDF with more pages) would be counted as this one's.
        for old in try drawn() { try FileManager.default.removeItem(at: old) }
        _ = try poppler("pdftoppm", "-r", "60", "-png", pdf.path, stem.path)
        return try drawn()
    }

    @Test func backpropPrintsWithItsOutputsTypesetMathAndEmbeddedFonts() throws {
        let pdf = try Self.print("notebooks/backprop.md", to: "backprop")
        let info = try Self.poppler("pdfinfo", pdf.path)
        #expect(info.contains("Page size:       594.96 x 841.92 pts (A4)"), "\(info)")
        let pages = try Self.pages(pdf)
        #expect((3...12).contains(pages.count), "\(pages.count) pages")

        // The three lines the original notebook printed.
        let text = try Self.poppler("pdftotext", pdf.path, "-")
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for line in [
            "Loss: 0.13434887664395717", "Gradient for w1 (input to hidden): [ 0.036545 -0.036545]",
            "Gradient for w2 (hidden to output): [0.08055583 0.04885958]"
        ] {
            #expect(words.contains(line.split(separator: " ").joined(separator: " ")), "\(line)")
        }
        // KaTeX typeset every formula before the page was printed: no TeX is left in the text
        // (the only `$` are Swift's closure arguments, `$0`), and KaTeX's fonts are embedded.
        #expect(text.firstMatch(of: /\\[A-Za-z]+/) == nil, "raw TeX in the PDF")
        #expect(text.firstMatch(of: /\$(?!\d)/) == nil, "a `$` in the PDF")
        let fonts = try Self.poppler("pdffonts", pdf.path).split(separator: "\n").filter { $0.contains("KaTeX_") }
        #expect(
            fonts.contains { $0.contains("KaTeX_Main-Regular") } && fonts.contains { $0.contains("KaTeX_Math-Italic") })
        #expect(fonts.allSatisfy { $0.split(separator: " ").filter { $0 == "yes" }.count >= 2 }, "\(fonts)")

        // nbrun's running title and page numbers, not Chromium's header and footer.
        for (index, page) in pages.enumerated() {
            let lines = page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
                !$0.isEmpty
            }
            #expect(
                lines.last?.replacingOccurrences(of: " ", with: "") == "\(index + 1)/\(pages.count)",
                "page \(index + 1)")
            if index > 0 { #expect(lines.first == "Backpropagation by hand", "page \(index + 1)") }
            #expect(!page.contains("file://"))
        }
        #expect(try Self.pictures(of: pdf).count == pages.count)
    }

    @Test func aHeadingIsNeverLeftAtTheFootOfAPageNorACellCut() throws {
        let notebook = Fixture.path("print-headings.md")
        let pdf = try Self.print(notebook, to: "print-headings")
        let pages = try Self.pages(pdf)
        #expect(Self.pagesEndingWithAHeading(pages).isEmpty)
        // Every cell (its source and its output) is on one page.
        for section in 1...18 {
            let holding = pages.indices.filter { pages[$0].contains("row 1 of section \(section)\n") }
            #expect(holding.count == 1, "section \(section)'s cell is on pages \(holding.map { $0 + 1 })")
        }
        _ = try Self.pictures(of: pdf)

        // The control: without the print style sheet's rule, this notebook does strand
        // headings, so the check above can fail.
        let html = try nbrun(notebook, "-o", "-", environment: Self.environment).stdout
        let loose = html.replacingOccurrences(
            of: "</head>", with: "<style>h2 { break-after: auto !important; }</style></head>")
        let control = Self.artifacts.appendingPathComponent("print-headings-control.pdf")
        try PDFPrinter(browser: try Chromium.locate()).print(loose, to: control)
        #expect(!Self.pagesEndingWithAHeading(try Self.pages(control)).isEmpty)
    }

    /// The pages whose last line of text (above the page number) is a heading.
    static func pagesEndingWithAHeading(_ pages: [String]) -> [Int] {
        pages.indices.filter { index in
            let lines = pages[index].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty && $0.firstMatch(of: /^\d+\s*\/\s*\d+$/) == nil }
            return lines.last?.firstMatch(of: /^Section \d+$/) != nil
        }
    }

    @Test func letterPaperAndStandardOutput() throws {
        let pdf = try Self.print("notebooks/backprop.md", to: "backprop-letter", paper: .letter)
        #expect(try Self.poppler("pdfinfo", pdf.path).contains("Page size:       612 x 792 pts (letter)"))
        let piped = try nbrun(
            "notebooks/backprop.md", "--to", "pdf", "-o", "-", in: Fixture.packageRoot,
            environment: Self.environment)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.hasPrefix("%PDF-"))
        // Nothing was left beside the notebook.
        let litter = try FileManager.default.contentsOfDirectory(
            atPath: Fixture.packageRoot.appendingPathComponent("notebooks").path
        )
        .filter { $0.contains(".nbrun-") }
        #expect(litter.isEmpty, "\(litter)")
    }

    @Test func withoutChromiumTheErrorSaysWhatToInstallBeforeAnyCellRuns() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let swiftc = try #require(try? Toolchain.locate().swiftc.path)
        let pdf = folder.appendingPathComponent("out.pdf")
        var environment = Self.environment
        environment["PATH"] = folder.path  // no chromium here
        environment["NBRUN_SWIFTC"] = swiftc
        let started = Date()
        let result = try nbrun(
            "notebooks/backprop.md", "--to", "pdf", "-o", pdf.path, in: Fixture.packageRoot,
            environment: environment)
        #expect(result.status == 2)
        #expect(
            result.stderr.contains("chromium isn't on PATH; install the Debian package chromium"), "\(result.stderr)")
        #expect(!result.stderr.contains("cells ok"))
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(!FileManager.default.fileExists(atPath: pdf.path))
    }

    @Test func paperIsOnlyForPDF() throws {
        let result = try nbrun(
            "notebooks/backprop.md", "--paper", "a4", in: Fixture.packageRoot, environment: Self.environment)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--paper is for --to pdf"))
    }
}

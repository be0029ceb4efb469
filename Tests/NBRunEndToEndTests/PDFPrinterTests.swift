import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// The PDF printer with a stand-in for Chromium: what it hands the browser, where the
/// files go, and what a failing browser leaves behind.
@Suite struct PDFPrinterTests {
    /// A browser that "prints" by writing a PDF header and the page it was given.
    struct FakeBrowser: PagePrinter {
        var output: String? = "%PDF-1.7 fake\n"
        var error: PDFError?

        func print(page: URL, to pdf: URL) throws(PDFError) {
            if let error { throw error }
            guard let output else { return }
            let html = (try? String(contentsOf: page, encoding: .utf8)) ?? ""
            try? Data((output + "page: \(page.path)\n" + html).utf8).write(to: pdf)
        }
    }

    static let html = "<!DOCTYPE html><html><head><title>T</title></head><body><p>x</p></body></html>"

    /// The names in `folder`.
    static func names(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test(arguments: [(Paper.a4, "A4"), (.letter, "letter")])
    func setsThePaperSizeInTheHead(paper: Paper, size: String) {
        let page = PDFPrinter(browser: FakeBrowser(), paper: paper).printable(Self.html)
        #expect(page.contains("<title>T</title><style>@page { size: \(size); }</style>\n</head>"))
    }

    @Test func printsBesideTheDestinationAndLeavesOnlyThePDF() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent("report.pdf")
        try Data("old".utf8).write(to: destination)
        try PDFPrinter(browser: FakeBrowser()).print(Self.html, to: destination)
        let pdf = try String(contentsOf: destination, encoding: .utf8)
        #expect(pdf.hasPrefix("%PDF-1.7 fake\n"))
        // The page was printed from the destination's folder, so relative links resolve there.
        let page = try #require(pdf.firstMatch(of: /page: (.*)\n/)?.1)
        #expect(URL(fileURLWithPath: String(page)).deletingLastPathComponent().path == folder.path)
        #expect(pdf.contains("<style>@page { size: A4; }</style>"))
        #expect(try Self.names(folder) == ["report.pdf"])
    }

    @Test func aFailingBrowserLeavesTheOldFileAndNoLitter() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent("report.pdf")
        try Data("old".utf8).write(to: destination)
        let failing = FakeBrowser(error: .browserFailed(status: 1, message: "boom"))
        #expect(throws: PDFError.browserFailed(status: 1, message: "boom")) {
            try PDFPrinter(browser: failing).print(Self.html, to: destination)
        }
        #expect(throws: PDFError.notAPDF) {
            try PDFPrinter(browser: FakeBrowser(output: "<html>not a pdf")).print(Self.html, to: destination)
        }
        #expect(throws: PDFError.notAPDF) {
            try PDFPrinter(browser: FakeBrowser(output: nil)).print(Self.html, to: destination)
        }
        #expect(try String(contentsOf: destination, encoding: .utf8) == "old")
        #expect(try Self.names(folder) == ["report.pdf"])
    }

    @Test func givesTheBytesForStandardOutput() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try PDFPrinter(browser: FakeBrowser(), paper: .letter).pdf(from: Self.html, resolvingLinksIn: folder)
        #expect(String(decoding: data, as: UTF8.self).contains("size: letter;"))
        #expect(try Self.names(folder).isEmpty)
    }

    @Test func chromiumPrintsWithoutItsHeaderAndFooterAfterTheScriptsRan() {
        let chromium = Chromium(executable: URL(fileURLWithPath: "/usr/bin/chromium"))
        let arguments = chromium.arguments(
            page: URL(fileURLWithPath: "/d/.r.html"), pdf: URL(fileURLWithPath: "/d/r.pdf"),
            profile: URL(fileURLWithPath: "/tmp/profile"))
        #expect(arguments.contains("--headless"))
        #expect(arguments.contains("--no-pdf-header-footer"))
        #expect(arguments.contains("--virtual-time-budget=10000"))
        #expect(arguments.contains("--user-data-dir=/tmp/profile"))
        #expect(arguments.suffix(2) == ["--print-to-pdf=/d/r.pdf", "file:///d/.r.html"])
    }

    @Test func chromiumIsFoundOnPathOrNamedInTheError() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: PDFError.browserMissing) { try Chromium.locate(environment: ["PATH": folder.path]) }
        #expect(PDFError.browserMissing.localizedDescription.contains("install the Debian package chromium"))
        let fake = folder.appendingPathComponent("chromium")
        _ = FileManager.default.createFile(
            atPath: fake.path, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        #expect(try Chromium.locate(environment: ["PATH": "/nonexistent:\(folder.path)"]).executable == fake)
    }

    /// A process runner that plays back one result.
    struct Playback: ProcessRunning {
        var output: ProcessOutput
        func run(
            _ executable: URL, _ arguments: [String], environment: [String: String]?, directory: URL?,
            deadline: Date?
        ) throws -> ProcessOutput { output }
    }

    @Test func chromiumsFailuresSayWhatWentWrong() {
        let page = URL(fileURLWithPath: "/tmp/p.html")
        let pdf = URL(fileURLWithPath: "/tmp/p.pdf")
        let stderr = Data(
            "[1:2] Failed to connect to the bus: dbus\nERROR: cannot open display\n[3:4] dbus again\n".utf8)
        let failed = Chromium(
            executable: pdf,
            runner: Playback(output: ProcessOutput(status: 1, signaled: false, stdout: Data(), stderr: stderr)))
        #expect(throws: PDFError.browserFailed(status: 1, message: "ERROR: cannot open display")) {
            try failed.print(page: page, to: pdf)
        }
        let slow = Chromium(
            executable: pdf,
            runner: Playback(
                output: ProcessOutput(
                    status: 9, signaled: true, stdout: Data(), stderr: Data(), timedOut: true)))
        #expect(throws: PDFError.browserTimedOut(seconds: 120)) { try slow.print(page: page, to: pdf) }
    }
}

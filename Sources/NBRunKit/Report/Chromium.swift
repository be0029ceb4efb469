import Foundation

/// Serves a page's bytes over HTTP on 127.0.0.1 while a closure runs with its URL (the
/// command line gives NBPreview's `PageServer`; NBRunKit runs no server itself).
public protocol PageServing: Sendable {
    func serving(_ page: Data, _ body: (URL) throws(PDFError) -> Void) throws(PDFError)
}

/// Headless Chromium, which prints nbrun's PDF reports.
public struct Chromium: PagePrinter {
    public var executable: URL
    public var runner: any ProcessRunning
    /// Virtual time the page gets before it is printed, in milliseconds: KaTeX typesets
    /// while the page loads, and its fonts (data: URLs) load before this runs out. Virtual
    /// time runs ahead when the page is idle, so this costs no waiting.
    public var budget = 10_000
    /// How long a print may take in real time.
    public var timeout: TimeInterval = 120
    /// Serves the page over loopback HTTP for Chromium to print, instead of a `file:` URL:
    /// a page from `http://127.0.0.1` can't reach local files (see docs/security.md).
    public var pageServer: (any PageServing)?

    public init(executable: URL, runner: any ProcessRunning = SystemProcessRunner()) {
        self.executable = executable
        self.runner = runner
    }

    /// Finds `chromium` on `PATH`; throws ``PDFError/browserMissing`` when there is none.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(PDFError) -> Chromium
    {
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("chromium")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return Chromium(executable: candidate) }
        }
        throw .browserMissing
    }

    /// The command line that prints `page` to `pdf`, with a profile of its own in `profile`.
    public func arguments(page: URL, pdf: URL, profile: URL) -> [String] {
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--user-data-dir=\(profile.path)",
            "--no-pdf-header-footer", "--virtual-time-budget=\(budget)",
            "--print-to-pdf=\(pdf.path)", page.absoluteString
        ]
    }

    public func print(page: URL, to pdf: URL) throws(PDFError) {
        guard let pageServer else { return try print(url: page, to: pdf) }
        let html: Data
        do { html = try Data(contentsOf: page) } catch { throw .cannotWrite(pdf.path, error.localizedDescription) }
        try pageServer.serving(html) { (url: URL) throws(PDFError) in try print(url: url, to: pdf) }
    }

    /// Prints the page at `url` (a file, or one `pageServer` serves) to `pdf`.
    private func print(url page: URL, to pdf: URL) throws(PDFError) {
        let profile: URL
        do { profile = try ScratchFolders.make() } catch { throw .cannotWrite(pdf.path, error.localizedDescription) }
        defer { ScratchFolders.remove(profile) }
        let output: ProcessOutput
        do {
            output = try runner.run(
                executable, arguments(page: page, pdf: pdf, profile: profile), environment: nil,
                directory: nil, deadline: Date().addingTimeInterval(timeout))
        } catch {
            throw .browserFailed(status: -1, message: error.localizedDescription)
        }
        if output.timedOut { throw .browserTimedOut(seconds: Int(timeout)) }
        guard output.status == 0, !output.signaled else {
            throw .browserFailed(status: output.status, message: Self.lastWords(output.stderr))
        }
    }

    /// The last line of Chromium's stderr that isn't one of its harmless warnings.
    static func lastWords(_ stderr: Data) -> String {
        let lines = String(decoding: stderr, as: UTF8.self).split(separator: "\n")
        let useful = lines.filter { !$0.contains("dbus") && !$0.contains("unexpected operator") }
        return useful.last.map { String($0.prefix(300)) } ?? ""
    }
}

import Foundation

/// The paper a PDF report is printed on.
public enum Paper: String, CaseIterable, Sendable {
    case a4, letter

    /// The size as CSS `@page { size: … }` names it.
    public var cssSize: String {
        switch self {
        case .a4: "A4"
        case .letter: "letter"
        }
    }
}

/// Something that prints a local HTML page to PDF once the page's scripts have run;
/// headless Chromium in nbrun, a stand-in in tests.
public protocol PagePrinter: Sendable {
    /// Prints the page in the file `page` to the file `pdf`.
    func print(page: URL, to pdf: URL) throws(PDFError)
}

/// Prints an HTML report to a PDF: HTML in, PDF file out.
///
/// The browser prints the page as it looks on screen after KaTeX has typeset it; the
/// report's print style sheet (templates/report.css) adds the running title and page
/// numbers and keeps headings with what follows them. The printer adds only the paper
/// size. The page is printed from a hidden file beside the PDF, so that links and images
/// relative to the report resolve as they would for an HTML report in the same place;
/// that file is removed afterwards.
public struct PDFPrinter: Sendable {
    public var browser: any PagePrinter
    public var paper: Paper

    public init(browser: any PagePrinter, paper: Paper = .a4) {
        self.browser = browser
        self.paper = paper
    }

    /// Writes `html` as a PDF at `destination`, replacing it all at once: a reader never
    /// sees half a PDF, and a failure leaves an earlier file as it was.
    public func print(_ html: String, to destination: URL) throws(PDFError) {
        let target = destination.resolvingSymlinksInPath()
        let printed = try printAlongside(html, in: target.deletingLastPathComponent(), name: target.lastPathComponent)
        guard rename(printed.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: printed)
            throw .cannotWrite(destination.path, reason)
        }
    }

    /// The PDF of `html`, with relative links resolved against `folder` (or, when that
    /// folder can't be written to, against a temporary one).
    public func pdf(from html: String, resolvingLinksIn folder: URL) throws(PDFError) -> Data {
        var scratch: URL?
        var place = folder
        if !FileManager.default.isWritableFile(atPath: folder.path) {
            do { scratch = try ScratchFolders.make() } catch {
                throw .cannotWrite(folder.path, error.localizedDescription)
            }
            place = scratch!
        }
        defer { scratch.map(ScratchFolders.remove) }
        let printed = try printAlongside(html, in: place, name: "report.pdf")
        defer { try? FileManager.default.removeItem(at: printed) }
        do { return try Data(contentsOf: printed) } catch {
            throw .cannotWrite(printed.path, error.localizedDescription)
        }
    }

    /// `html` with the paper size set, as it is printed.
    public func printable(_ html: String) -> String {
        let style = "<style>@page { size: \(paper.cssSize); }</style>\n"
        var page = html
        page.insert(contentsOf: style, at: page.range(of: "</head>")?.lowerBound ?? page.startIndex)
        return page
    }

    /// Prints into a hidden file in `folder` and returns it; the caller moves or removes it.
    private func printAlongside(_ html: String, in folder: URL, name: String) throws(PDFError) -> URL {
        let stem = folder.appendingPathComponent(".\(name).nbrun-\(UUID().uuidString)")
        let page = stem.appendingPathExtension("html")
        let pdf = stem.appendingPathExtension("pdf")
        do {
            try Data(printable(html).utf8).write(to: page)
        } catch {
            throw .cannotWrite(folder.path, error.localizedDescription)
        }
        defer { try? FileManager.default.removeItem(at: page) }
        do {
            try browser.print(page: page, to: pdf)
            let head = try FileHandle(forReadingFrom: pdf).read(upToCount: 5) ?? Data()
            guard head == Data("%PDF-".utf8) else { throw PDFError.notAPDF }
        } catch {
            try? FileManager.default.removeItem(at: pdf)
            throw error as? PDFError ?? .notAPDF
        }
        return pdf
    }
}

/// Why a PDF could not be made.
public enum PDFError: Error, Equatable, Sendable {
    /// No `chromium` on `PATH`.
    case browserMissing
    /// The browser exited with an error; its last words.
    case browserFailed(status: Int32, message: String)
    /// The browser took longer than it may.
    case browserTimedOut(seconds: Int)
    /// The browser exited but left no PDF.
    case notAPDF
    case cannotWrite(String, String)
}

extension PDFError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .browserMissing:
            "PDF reports are printed by headless Chromium, and chromium isn't on PATH; "
                + "install the Debian package chromium (apt-get install chromium)"
        case .browserFailed(let status, let message):
            "chromium failed to print the report (exit status \(status))" + (message.isEmpty ? "" : ": \(message)")
        case .browserTimedOut(let seconds):
            "chromium didn't finish printing the report within \(seconds) s"
        case .notAPDF:
            "chromium exited without writing the PDF"
        case .cannotWrite(let path, let reason):
            "\(path): can't write the PDF: \(reason)"
        }
    }
}

import Foundation
import Mustache

/// A finished run, ready to be rendered in any ``ReportFormat``.
public struct Report: Sendable {
    public var result: RunResult
    /// When the report was made, shown in its header.
    public var date: Date
    /// A user's Mustache template, replacing the default one for HTML and Markdown.
    public var template: String?
    /// Let raw HTML in the prose through as written, instead of through GFM's tagfilter.
    public var unsafeHTML: Bool
    /// Where KaTeX is installed; Debian's `libjs-katex` by default.
    public var katexDirectory: URL
    /// Markdown: the folder beside the report, relative to it, that holds the figures
    /// (``figureFiles()`` says what to write there); nil puts them in the report itself.
    public var figureFolder: String?

    public init(result: RunResult, date: Date = Date(), template: String? = nil, unsafeHTML: Bool = false,
                katexDirectory: URL = URL(fileURLWithPath: "/usr/share/javascript/katex")) {
        self.result = result
        self.date = date
        self.template = template
        self.unsafeHTML = unsafeHTML
        self.katexDirectory = katexDirectory
    }

    /// Renders the report. Throws ``ReportError`` when a template can't be used, or
    /// when an HTML template that uses KaTeX (names `katexStyle` or `katexScript`)
    /// is rendered and KaTeX isn't installed.
    public func render(to format: ReportFormat) throws(ReportError) -> String {
        let format = format == .pdf ? .html : format  // a PDF is printed from the HTML report
        switch format {
        case .json:
            return JSONReport(result: result).text
        case .html, .md, .pdf:
            let source: String
            if let template { source = template } else { source = try TemplateStore.defaultTemplate(for: format) }
            let parsed: MustacheTemplate
            do {
                parsed = try MustacheTemplate(string: source)
            } catch {
                throw .badTemplate(String(describing: error))
            }
            var page = ReportContext.Page(unsafeHTML: unsafeHTML, figureFolder: figureFolder)
            if format == .html {
                page.style = try TemplateStore.resource("report.css")
                if source.contains("katexStyle") || source.contains("katexScript") {
                    page.katex = try KaTeXAssets(root: katexDirectory)
                }
            }
            let context = ReportContext(result: result, format: format, date: date, page: page)
            return parsed.render(context)
        }
    }
}

extension Report {
    /// The figures of a Markdown report with a ``figureFolder``: each file's name in that
    /// folder, and its SVG.
    public func figureFiles() -> [(name: String, svg: String)] {
        let figures = result.cells.filter(\.cell.options.figures).flatMap(\.figures)
        return figures.enumerated().map { (FigureNumbering.fileName($0.offset + 1), FigureSVG.render($0.element)) }
    }
}

/// Why a report could not be rendered.
public enum ReportError: Error, Equatable, Sendable {
    case templateNotFound(String)
    case badTemplate(String)
    /// A KaTeX file the HTML report inlines is not installed.
    case missingKaTeX(String)
    /// KaTeX is installed but in a shape nbrun can't read.
    case badKaTeX(String)
}

extension ReportError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .templateNotFound(let name): "the default template \(name) is missing from nbrun's resources; reinstall nbrun"
        case .badTemplate(let reason): "the template can't be parsed: \(reason)"
        case .missingKaTeX(let path):
            "\(path) is missing: HTML reports need KaTeX; install the Debian packages libjs-katex and fonts-katex "
                + "(scripts/install-deps does), or use --to md"
        case .badKaTeX(let reason): "KaTeX can't be inlined: \(reason)"
        }
    }
}

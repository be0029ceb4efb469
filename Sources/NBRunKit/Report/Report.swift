import Foundation
import Mustache

/// A finished, checked run, ready to be rendered in any ``ReportFormat``.
public struct Report: Sendable {
    public var checked: CheckedRun
    /// When the report was made, shown in its header.
    public var date: Date
    /// A user's Mustache template, replacing the default one for HTML and Markdown.
    public var template: String?
    /// Let raw HTML in the prose through as written, instead of through GFM's tagfilter.
    public var unsafeHTML: Bool
    /// Where KaTeX is installed; Debian's `libjs-katex` by default.
    public var katexDirectory: URL
    /// The `node` that typesets the math while the report is written; nil when there is
    /// none, and then the reader's browser typesets it, unchecked.
    public var node: URL?
    /// Leave out nbrun's own chrome (`--clean`): the status lines, the cells' headers, the
    /// "✓ matches" marks. The front matter's `handout: true` does the same.
    public var clean: Bool
    /// nbrun's cache folder (``CacheDirectory``), where typeset math and KaTeX's inlined
    /// assets are kept between reports, so unchanged math needs no node; nil for nowhere.
    public var cache: URL?
    /// Markdown: the folder beside the report, relative to it, that holds the figures
    /// (``figureFiles()`` says what to write there); nil puts them in the report itself.
    public var figureFolder: String?
    /// The parts of the report that no run decides, made ahead (``RenderJob`` makes them
    /// while the notebook runs); used when it fits this report, made afresh otherwise.
    var preparation: ReportPreparation?

    public init(
        checked: CheckedRun, date: Date = Date(), template: String? = nil, unsafeHTML: Bool = false,
        katexDirectory: URL = Report.defaultKaTeXDirectory,
        node: URL? = Report.installedNode(), clean: Bool = false
    ) {
        self.checked = checked
        self.date = date
        self.template = template
        self.unsafeHTML = unsafeHTML
        self.katexDirectory = katexDirectory
        self.node = node
        self.clean = clean
    }

    public var result: RunResult { checked.run }

    /// Debian's `libjs-katex`.
    public static let defaultKaTeXDirectory = URL(fileURLWithPath: "/usr/share/javascript/katex")

    /// `$NBRUN_NODE` when it is set, else `node` or `nodejs` on `PATH`; nil when there is none.
    public static func installedNode() -> URL? {
        KaTeXTypesetter.locateNode()
    }

    /// The report's text; ``rendering(to:)`` also says what is wrong with its math.
    public func render(to format: ReportFormat) throws(ReportError) -> String {
        try rendering(to: format).text
    }

    /// Renders the report, with warnings about its formulas (HTML only): each that KaTeX
    /// can't typeset, each `$` that opens no formula, and, when node is missing, that the
    /// math was not checked. Throws ``ReportError`` when a template can't be used, or
    /// when an HTML report's template uses KaTeX (names `head`, `katexStyle` or
    /// `katexScript`) and KaTeX isn't installed, or node fails.
    public func rendering(to format: ReportFormat) throws(ReportError) -> RenderedReport {
        let format = format == .pdf ? .html : format  // a PDF is printed from the HTML report
        switch format {
        case .json:
            return RenderedReport(text: JSONReport(checked: checked).text)
        case .html, .md, .pdf:
            let prepared =
                preparation.flatMap { $0.fits(self, format: format) ? $0 : nil }
                ?? ReportPreparation(for: self, format: format)
            let parsed = try prepared.parsed.get()
            var page = format == .html ? try htmlPage(prepared) : ReportContext.Page()
            page.unsafeHTML = unsafeHTML
            page.figureFolder = figureFolder
            page.handout = clean || result.notebook.handout
            var context = ReportContext(checked: checked, format: format, date: date, page: page)
            if format == .html {
                // The parts a template of its own can use; the default template uses both.
                if let head = try prepared.head.get() { context.head = head.render(context) }
                if let body = try prepared.body.get() { context.body = body.render(context) }
            }
            var rendered = RenderedReport(text: parsed.template.render(context), diagnostics: page.diagnostics)
            // Typeset, it can stand in a course index; TeX for the browser to typeset can't.
            if format == .html, !page.typesetInBrowser { rendered.summaryHTML = context.firstParagraphHTML }
            return rendered
        }
    }

    /// The stylesheet, the math typeset (or left to the browser when node is missing, and
    /// said so), and KaTeX's files when the HTML template uses them.
    private func htmlPage(_ prepared: ReportPreparation) throws(ReportError) -> ReportContext.Page {
        var page = ReportContext.Page()
        page.style = try prepared.style.get()
        let typesetter = node.map {
            KaTeXTypesetter(
                node: $0, katexDirectory: katexDirectory, cache: cache.map(CacheDirectory.math(in:)))
        }
        page.math = try ReportMath(
            notebook: result.notebook, matrices: Self.matrices(of: result), typesetter: typesetter)
        page.typesetInBrowser = typesetter == nil && page.math.count > 0
        page.diagnostics = page.math.diagnostics
        if page.typesetInBrowser {
            page.diagnostics.insert(
                Diagnostic(
                    .warning,
                    "\(result.notebook.file): its math was not checked, and the reader's browser will typeset it: "
                        + "node is not installed (install the Debian package nodejs; scripts/install-deps does)"), at: 0
            )
        }
        if prepared.usesKaTeX {
            if let katex = prepared.katex, !page.typesetInBrowser {
                page.katex = try katex.get()
            } else {
                page.katex = try KaTeXAssets.cached(
                    root: katexDirectory,
                    browserMacros: page.typesetInBrowser ? result.notebook.macros : nil,
                    cache: cache)
            }
        }
        return page
    }

    /// The TeX of every tensor matrix the run may show.
    private static func matrices(of result: RunResult) -> [String] {
        result.cells.flatMap(\.tensors).compactMap { TensorMatrix.tex(text: $0.shownText, shape: $0.shape) }
    }
}

extension Report {
    /// The figures of a Markdown report with a ``figureFolder``: each file's name in that
    /// folder, and its SVG.
    public func figureFiles() -> [(name: String, svg: String)] {
        // In the order the report numbers them: each cell's own, then those it expects.
        let figures = result.cells.flatMap { ($0.cell.options.figures ? $0.figures : []) + $0.expectedFigures }
        return figures.enumerated().map { (FigureNumbering.fileName($0.offset + 1), FigureSVG.render($0.element)) }
    }
}

/// A rendered report, and what is wrong with its math.
public struct RenderedReport: Sendable {
    public var text: String
    /// Warnings at notebook lines: formulas KaTeX can't typeset, dollars that open no formula.
    public var diagnostics: [Diagnostic] = []
    /// HTML reports whose math nbrun typeset: the notebook's first paragraph, as the report
    /// shows it (`<p>…</p>` on one line), for a course index.
    public var summaryHTML: String?
}

/// Why a report could not be rendered.
public enum ReportError: Error, Equatable, Sendable {
    case templateNotFound(String)
    case badTemplate(String)
    /// A KaTeX file the HTML report inlines is not installed.
    case missingKaTeX(String)
    /// KaTeX is installed but in a shape nbrun can't read.
    case badKaTeX(String)
    /// node could not run KaTeX.
    case mathFailed(String)
}

extension ReportError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .templateNotFound(let name):
            "the default template \(name) is missing from nbrun's resources; reinstall nbrun"
        case .badTemplate(let reason): "the template can't be parsed: \(reason)"
        case .missingKaTeX(let path):
            "\(path) is missing: HTML reports need KaTeX; install the Debian packages libjs-katex and fonts-katex "
                + "(scripts/install-deps does), or use --to md"
        case .badKaTeX(let reason): "KaTeX can't be inlined: \(reason)"
        case .mathFailed(let reason): "the math could not be typeset: \(reason)"
        }
    }
}

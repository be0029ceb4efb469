import Foundation
import Mustache

/// What a report needs that no run decides: its template parsed, the parts the template
/// composes, the stylesheet, and KaTeX's inlined style when node typesets the math.
///
/// `nbrun render` makes it on a second thread while the notebook compiles and runs
/// (``RenderJob``), so a cold run doesn't wait for it afterwards: reading KaTeX's assets
/// (0.6 MB of JSON from the cache) and parsing the templates were about a sixth of nbrun's
/// own time after the program ended. ``Report`` makes one itself when it has none that
/// fits. Errors are kept, and thrown where the report would have thrown them.
struct ReportPreparation: Sendable {
    /// What it was made for; ``fits(_:format:)`` compares them with a report's.
    let format: ReportFormat
    let template: String?
    let katexDirectory: URL
    let node: URL?
    let cache: URL?

    /// The template's text and its parse.
    let parsed: Result<(source: String, template: MustacheTemplate), ReportError>
    /// HTML: `head.html.mustache` and `body.html.mustache` parsed, when the template uses them.
    let head: Result<MustacheTemplate?, ReportError>
    let body: Result<MustacheTemplate?, ReportError>
    /// HTML: `report.css`.
    let style: Result<String, ReportError>
    /// HTML: whether the template uses KaTeX's files (`head`, `katexStyle` or `katexScript`).
    let usesKaTeX: Bool
    /// KaTeX's style, made ahead only when node typesets the math: without node, whether
    /// the page also needs KaTeX's script depends on the run (its tensors' matrices).
    let katex: Result<KaTeXAssets, ReportError>?

    init(format: ReportFormat, template: String?, katexDirectory: URL, node: URL?, cache: URL?) {
        let format = format == .pdf ? .html : format  // a PDF is printed from the HTML report
        self.format = format
        self.template = template
        self.katexDirectory = katexDirectory
        self.node = node
        self.cache = cache
        parsed = Result { () throws(ReportError) in
            let source: String
            if let template { source = template } else { source = try TemplateStore.defaultTemplate(for: format) }
            return (source, try Self.parse(source))
        }
        let source = (try? parsed.get())?.source ?? ""
        let html = format == .html
        head = Result { () throws(ReportError) in
            html && Self.names(source, "head") ? try Self.parse(TemplateStore.resource("head.html.mustache")) : nil
        }
        body = Result { () throws(ReportError) in
            html && Self.names(source, "body") ? try Self.parse(TemplateStore.resource("body.html.mustache")) : nil
        }
        style = Result { () throws(ReportError) in html ? try TemplateStore.resource("report.css") : "" }
        usesKaTeX = html && ["head", "katexStyle", "katexScript"].contains { Self.names(source, $0) }
        katex =
            usesKaTeX && node != nil
            ? Result { () throws(ReportError) in
                try KaTeXAssets.cached(root: katexDirectory, browserMacros: nil, cache: cache)
            } : nil
    }

    /// The preparation `report` would make for `format`.
    init(for report: Report, format: ReportFormat) {
        self.init(
            format: format, template: report.template, katexDirectory: report.katexDirectory, node: report.node,
            cache: report.cache)
    }

    /// Whether it was made for what `report` renders in `format`.
    func fits(_ report: Report, format: ReportFormat) -> Bool {
        self.format == (format == .pdf ? .html : format) && template == report.template
            && katexDirectory == report.katexDirectory && node == report.node && cache == report.cache
    }

    static func parse(_ source: String) throws(ReportError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: source)
        } catch {
            throw .badTemplate(String(describing: error))
        }
    }

    /// Whether a template uses the variable `name` (`{{name}}`, `{{{name}}}`, `{{#name}}` …).
    static func names(_ template: String, _ name: String) -> Bool {
        template.contains(name) && template.firstMatch(of: try! Regex("\\{\\{[{&#^]?\\s*\(name)\\s*\\}")) != nil
    }
}

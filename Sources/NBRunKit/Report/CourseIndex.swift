import Foundation

/// The `index.html` of a folder of reports: every notebook's title, its first paragraph,
/// a link to its report, and whether it ran and its outputs matched.
///
/// A pure function of its entries (and the report style sheet nbrun was built with): the
/// same entries give the same bytes, in the order given.
public struct CourseIndex: Sendable, Equatable {
    /// One notebook of the course.
    public struct Entry: Sendable, Equatable {
        public var title: String
        /// The notebook's first paragraph, as plain text.
        public var summary: String
        /// The report's file name (or path), relative to the index.
        public var report: String
        /// Every cell ran without error.
        public var ran: Bool
        /// Every documented output matched; nil when the notebook documents none.
        public var outputsMatched: Bool?
        /// The first paragraph as its HTML report shows it, `<p>…</p>` with its math
        /// typeset; nil to show `summary` as text.
        public var summaryHTML: String?

        public init(title: String, summary: String, report: String, ran: Bool, outputsMatched: Bool?) {
            self.title = title
            self.summary = summary
            self.report = report
            self.ran = ran
            self.outputsMatched = outputsMatched
        }

        /// Ran, and no documented output differs.
        public var ok: Bool { ran && outputsMatched != false }
    }

    public var title: String
    public var entries: [Entry]

    public init(title: String, entries: [Entry]) {
        self.title = title
        self.entries = entries
    }

    /// One line about the whole course.
    public var status: String {
        let failed = entries.filter { !$0.ok }.count
        let notebooks = entries.count == 1 ? "1 notebook" : "\(entries.count) notebooks"
        return failed == 0 ? "\(notebooks), all ran and matched their outputs" : "\(notebooks), \(failed) with problems"
    }

    /// The index's Content-Security-Policy: a report's, with no script at all. Its summaries
    /// are HTML its reports made (typeset math, allow-listed raw HTML), so it is as inert.
    static let contentSecurityPolicy = ReportContext.contentSecurityPolicy(script: nil, unsafeHTML: false)

    /// Some entry's summary holds typeset math, which needs KaTeX's style (with its fonts).
    public var hasMath: Bool { entries.contains { $0.summaryHTML?.contains("class=\"katex\"") == true } }

    /// The page, with `katexStyle` (KaTeX's style, fonts inlined) when ``hasMath``. Throws
    /// only when nbrun's own style sheet is missing from its resources.
    public func html(katexStyle: String = "") throws(ReportError) -> String {
        let style = try TemplateStore.resource("report.css")
        let items = entries.map(Self.item).joined()
        let failed = entries.contains { !$0.ok }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="nbrun \(NBRun.version)">
            <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy.htmlEscaped)">
            <meta name="color-scheme" content="light dark">
            <title>\(title.htmlEscaped)</title>
            \(katexStyle.isEmpty ? "" : "<style>\(katexStyle)</style>\n")<style>
            \(style)
            \(Self.style)
            </style>
            </head>
            <body>
            <header class="nbrun-header">
            <p class="nbrun-status \(failed ? "failed" : "ok")"><span class="nbrun-badge">\(failed ? "✗" : "✓")</span> \
            \(status.htmlEscaped)<span class="nbrun-meta"> · nbrun \(NBRun.version)</span></p>
            </header>
            <div class="nbrun-page course">
            <main>
            <h1>\(title.htmlEscaped)</h1>
            <ol class="course-list">
            \(items)</ol>
            </main>
            </div>
            </body>
            </html>

            """
    }

    /// The same as Markdown, for a folder of Markdown reports.
    public var markdown: String {
        var text = "# \(title)\n\n\(status).\n\n"
        for entry in entries {
            let outputs =
                switch entry.outputsMatched {
                case true?: "✓ outputs matched"
                case false?: "✗ outputs differ"
                case nil: "no documented outputs"
                }
            let link = entry.report.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? entry.report
            text += "- [\(entry.title)](\(link)): \(entry.ran ? "✓ ran" : "✗ a cell failed") · \(outputs)"
            text += entry.summary.isEmpty ? "\n" : "\\\n  \(entry.summary)\n"
        }
        return text
    }

    private static func item(_ entry: Entry) -> String {
        let link = (entry.report.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? entry.report)
            .htmlEscaped
        let ran =
            entry.ran
            ? "<span class=\"course-ok\">✓ ran</span>" : "<span class=\"course-failed\">✗ a cell failed</span>"
        let outputs =
            switch entry.outputsMatched {
            case true?: "<span class=\"course-ok\">✓ outputs matched</span>"
            case false?: "<span class=\"course-failed\">✗ outputs differ</span>"
            case nil: "<span class=\"course-none\">no documented outputs</span>"
            }
        let summary =
            entry.summaryHTML.map { $0 + "\n" }
            ?? (entry.summary.isEmpty ? "" : "<p>\(entry.summary.htmlEscaped)</p>\n")
        return """
            <li class="course-entry \(entry.ok ? "ok" : "failed")">
            <h2><a href="\(link)">\(entry.title.htmlEscaped)</a></h2>
            \(summary)<p class="course-status">\(ran) · \(outputs)</p>
            </li>

            """
    }

    static let style = """
        .course-list { list-style: none; padding: 0; margin: 0; }
        .course-entry { border-top: 1px solid var(--border); padding: 0.4rem 0 0.8rem; }
        .course-entry h2 { border: 0; margin: 0.4em 0 0.3em; font-size: 1.3rem; }
        .course-entry h2 a { text-decoration: none; }
        .course-entry p { margin: 0 0 0.4em; }
        .course-status { font: 0.8rem/1.5 var(--sans); color: var(--muted); }
        .course-ok { color: var(--ok); }
        .course-failed { color: var(--err); font-weight: 600; }
        .course.nbrun-page { display: block; max-width: 46rem; }
        """
}

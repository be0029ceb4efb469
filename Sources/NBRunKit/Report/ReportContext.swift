import Foundation

/// The values a report template sees, built from a run.
///
/// Templates get plain dictionaries and arrays, so a user's template can use any of
/// them; the README documents the names.
struct ReportContext {
    var values: [String: Any]

    /// What the HTML page needs beyond the run: its stylesheet, KaTeX, and whether raw
    /// HTML in prose is let through.
    struct Page {
        var style = ""
        var katex: KaTeXAssets?
        var unsafeHTML = false
    }

    init(result: RunResult, format: ReportFormat, date: Date, page: Page = Page(),
         comparison: OutputOptions = OutputOptions()) {
        let notebook = result.notebook
        let check = CheckResult(run: result, commandLine: comparison)
        var verdicts: [Int: Verdict] = [:]
        for verdict in check.verdicts { verdicts[verdict.cell.index] = verdict }
        let title = notebook.headings.first(where: { $0.level == 1 })?.text
            ?? notebook.headings.first?.text
            ?? URL(fileURLWithPath: notebook.file).deletingPathExtension().lastPathComponent
        var byIndex: [Int: CellResult] = [:]
        for cell in result.cells { byIndex[cell.cell.index] = cell }

        var prose = ProseRenderer(unsafeHTML: page.unsafeHTML, reserved: Set(notebook.cells.map { "cell-\($0.index)" }))
        var blocks: [[String: Any]] = []
        var cells: [[String: Any]] = []
        for block in notebook.blocks {
            switch block {
            case .prose(let text):
                var entry: [String: Any] = ["markdown": text.rawText]
                if format == .html { entry["html"] = prose.html(of: text, in: notebook) }
                blocks.append(["prose": entry])
            case .frontMatter, .output:
                continue  // front matter isn't prose; a documented output shows as the cell's actual output
            case .cell(let cell):
                let run = byIndex[cell.index] ?? CellResult(cell: cell, status: .notRun)
                let entry = Self.cell(run, verdict: verdicts[cell.index], notebook: notebook, format: format)
                cells.append(entry)
                blocks.append(["cell": entry])
            }
        }
        let failed = result.cells.filter { $0.status == .error }.count
        let ran = result.cells.filter { $0.status == .ok }.count
        let toc: [[String: Any]] = format == .html
            ? prose.headings.map { ["level": $0.level, "text": $0.text, "html": $0.html, "anchor": $0.anchor,
                                    "isSub": $0.level == 3] }
            : notebook.headings.filter { (2...3).contains($0.level) }.map {
                ["level": $0.level, "text": $0.text, "anchor": Self.anchor($0.text), "isSub": $0.level == 3]
            }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        values = [
            "title": title,
            "file": notebook.file,
            "blocks": blocks,
            "cells": cells,
            "ok": check.ok(strict: false),
            "status": Self.status(check, ran: ran, failed: failed),
            "version": NBRun.version,
            "generated": ISO8601DateFormatter().string(from: date),
            "date": day.string(from: date),
            "toc": toc,
            "hasTOC": !toc.isEmpty,
            "style": page.style,
            "katexStyle": page.katex?.style ?? "",
            "katexScript": page.katex?.script ?? "",
        ]
    }

    /// One line: did every cell run, and did every documented output match?
    static func status(_ check: CheckResult, ran: Int, failed: Int) -> String {
        let cells = check.run.cells.count
        var status = failed == 0 ? "all \(ran) cells ran" : "\(failed) cell\(failed == 1 ? "" : "s") failed; \(ran) of \(cells) ran"
        let documented = check.count(.passed) + check.count(.failed)
        if check.count(.failed) > 0 {
            status += "; \(check.count(.failed)) of \(documented) documented outputs differ"
        } else if documented > 0 {
            status += "; all \(documented) documented outputs matched"
        }
        return status
    }

    /// `text`, ending with a newline unless it is empty.
    static func withNewline(_ text: String) -> String {
        text.isEmpty || text.endsWithNewline ? text : text + "\n"
    }

    /// A code fence longer than any run of backticks in `text`.
    static func fence(for text: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    /// A GitHub-style anchor for a heading.
    static func anchor(_ text: String) -> String {
        let kept = text.lowercased().unicodeScalars.filter {
            CharacterSet.alphanumerics.contains($0) || $0 == " " || $0 == "-" || $0 == "_"
        }
        return String(String.UnicodeScalarView(kept)).replacingOccurrences(of: " ", with: "-")
    }
}

import Foundation
import NBRuntime

extension ReportContext {
    /// What the HTML page needs beyond the run: its stylesheet, KaTeX, and whether raw
    /// HTML in prose is let through.
    struct Page {
        var style = ""
        var katex: KaTeXAssets?
        var unsafeHTML = false
        /// Markdown only: the folder beside the report that holds its figures, relative to
        /// it (`x.files`); nil puts each figure in the report as a `data:` URI.
        var figureFolder: String?
        /// The math, typeset or checked.
        var math = ReportMath()
        /// node is missing: formulas go to the browser as TeX.
        var typesetInBrowser = false
        var handout = false
        /// What is wrong with the math, or that it was not checked.
        var diagnostics: [Diagnostic] = []
    }

    init(checked: CheckedRun, format: ReportFormat, date: Date, page: Page = Page()) {
        let result = checked.run
        let notebook = result.notebook
        var verdicts: [Int: Verdict] = [:]
        for verdict in checked.verdicts { verdicts[verdict.cell.index] = verdict }
        var byIndex: [Int: CellResult] = [:]
        for cell in result.cells { byIndex[cell.cell.index] = cell }

        var prose = ProseRenderer(unsafeHTML: page.unsafeHTML, reserved: Set(notebook.cells.map { "cell-\($0.index)" }))
        prose.typeset = page.math.prose
        var blocks: [BlockContext] = []
        var cells: [CellContext] = []
        var figures = FigureNumbering(folder: page.figureFolder)
        var bound = BoundTensors()
        for block in notebook.blocks {
            switch block {
            case .prose(let text):
                let html = format == .html ? prose.html(of: text, in: notebook) : nil
                blocks.append(BlockContext(prose: ProseContext(markdown: text.rawText, html: html)))
            case .frontMatter, .output:
                continue  // front matter isn't prose; a documented output shows as the cell's actual output
            case .cell(let cell):
                let run = byIndex[cell.index] ?? CellResult(cell: cell, status: .notRun)
                bound.add(run.tensors)
                let context = CellContext(
                    run, verdict: verdicts[cell.index], notebook: notebook, format: format,
                    page: page, figures: &figures, bound: bound)
                cells.append(context)
                blocks.append(BlockContext(cell: context))
            }
        }
        let toc =
            format == .html
            ? prose.headings.map {
                TOCEntry(level: $0.level, text: $0.text, html: $0.html, anchor: $0.anchor, isSub: $0.level == 3)
            }
            : notebook.headings.filter { (2...3).contains($0.level) }.map {
                TOCEntry(
                    level: $0.level, text: $0.text, html: $0.text, anchor: Self.anchor($0.text), isSub: $0.level == 3)
            }
        self.init(
            title: Self.title(of: notebook), file: notebook.file,
            printTitle: Escape.cssString(Self.title(of: notebook)), blocks: blocks, cells: cells,
            ok: checked.ok,
            status: checked.summary.status, version: NBRun.version,
            generated: Self.iso8601(date), date: Self.iso8601(date, time: false),
            toc: toc, hasTOC: !toc.isEmpty, style: page.style,
            katexStyle: page.katex?.style ?? "", katexScript: page.katex?.script,
            contentSecurityPolicy: Self.contentSecurityPolicy(script: page.katex?.script, unsafeHTML: page.unsafeHTML),
            handout: page.handout)
        lang = notebook.lang ?? "en"
    }

    /// What a report may load and run: only what is inside it (inline styles, `data:` fonts
    /// and images) and nbrun's own script, by its hash; with `--unsafe-html`, any inline script.
    static func contentSecurityPolicy(script: String?, unsafeHTML: Bool) -> String {
        let scripts = unsafeHTML ? "'unsafe-inline'" : script.map { SHA256.cspSource(for: $0) } ?? "'none'"
        return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
            + "script-src \(scripts); base-uri 'none'; form-action 'none'"
    }

    /// The first paragraph of the prose, as HTML on one line (math typeset as in the
    /// report); nil when the prose has none.
    var firstParagraphHTML: String? {
        for case let html? in blocks.map({ $0.prose?.html }) {
            guard let start = html.range(of: "<p>"), let end = html[start.upperBound...].range(of: "</p>") else {
                continue
            }
            return String(html[start.lowerBound..<end.upperBound]).replacingOccurrences(of: "\n", with: " ")
        }
        return nil
    }

    /// The notebook's first level-1 heading, else its first heading, else its file name.
    static func title(of notebook: Notebook) -> String {
        notebook.headings.first(where: { $0.level == 1 })?.text ?? notebook.headings.first?.text
            ?? URL(fileURLWithPath: notebook.file).deletingPathExtension().lastPathComponent
    }

    /// `date` in ISO 8601, in UTC, to the second (`2026-12-06T18:25:16Z`) or the day
    /// (`2026-12-06`): what `ISO8601DateFormatter` writes, without the ICU calendar it loads
    /// on first use (1.2 ms of a cold run, after the program). As ICU does, the time is
    /// first rounded to the millisecond, then cut to the second.
    static func iso8601(_ date: Date, time: Bool = true) -> String {
        let milliseconds = (date.timeIntervalSinceReferenceDate * 1000).rounded()
        var seconds =
            time_t((milliseconds / 1000).rounded(.down)) + time_t(Date.timeIntervalBetween1970AndReferenceDate)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ number: Int32) -> String { number < 10 ? "0\(number)" : "\(number)" }
        let day = "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
        return time ? day + "T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z" : day
    }

    /// A GitHub-style anchor for a heading.
    static func anchor(_ text: String) -> String {
        let kept = text.lowercased().unicodeScalars.filter {
            CharacterSet.alphanumerics.contains($0) || $0 == " " || $0 == "-" || $0 == "_"
        }
        return String(String.UnicodeScalarView(kept)).replacingOccurrences(of: " ", with: "-")
    }
}

extension CellContext {
    /// What the cell's options hide is left out: no `stdout`/`stderr` with `output=false`,
    /// the tensors `tensors=` (or the front matter's `tensors:`) asks for, from `bound`
    /// with `all`; `echo=false` sets `echo` false.
    /// A tensor whose value the cell printed, as numpy prints it, is not shown again.
    init(
        _ run: CellResult, verdict: Verdict?, notebook: Notebook, format: ReportFormat,
        page: ReportContext.Page = .init(), figures numbering: inout FigureNumbering,
        bound: BoundTensors = BoundTensors()
    ) {
        let cell = run.cell
        let shows = cell.options.output
        let exercise = notebook.versionInfo?.exercises.contains(cell.index) == true
        let expected =
            exercise && shows
            ? notebook.documentedOutput(of: cell).map {
                Self.withNewline(cell.options.checkFigures ? Self.withoutFigureText($0.content) : $0.content)
            }.flatMap { $0.isEmpty ? nil : $0 } : nil
        let shown: [TensorSnapshot] =
            switch cell.options.tensors ?? notebook.tensors {
            case .none: []
            case .changed: run.tensors
            case .all: run.status == .ok || run.status == .error ? bound.tensors : []
            }
        let tensors =
            shown
            .filter { !(shows && Self.printed($0.text, in: run.stdout)) }
            .map { TensorContext($0, format: format, page: page) }
        let figures = cell.options.figures ? run.figures.map { numbering.next($0, format: format) } : []
        // Whatever figures= says: the plot is what the student has to reproduce.
        let expectedFigures = exercise ? run.expectedFigures.map { numbering.next($0, format: format) } : []
        self.init(
            index: cell.index, line: cell.line, id: cell.options.id, label: cell.label,
            status: exercise ? "exercise" : run.status.rawValue,
            isOK: run.status == .ok, isError: run.status == .error, isNotRun: run.status == .notRun,
            isSkipped: run.status == .skipped && !exercise, isExpectedError: run.status == .expectedError,
            isExercise: exercise, reason: run.reason,
            rerunDiffers: run.rerunDiffers, echo: cell.options.echo, source: Self.withNewline(cell.source),
            fence: Fence.backticks(for: cell.source),
            sourceLines: format == .html && cell.options.echo
                ? (run.highlighted ?? SwiftHighlighter.lines(of: cell.source)).enumerated().map { offset, html in
                    // A handout numbers a cell's code from 1; nbrun's own report, with the
                    // notebook's lines, which its messages name.
                    let line = cell.firstCodeLine + offset
                    return SourceLineContext(
                        number: page.handout ? offset + 1 : line, html: html, isError: line == run.error?.line)
                }
                : nil,
            stdout: shows && !run.stdout.isEmpty ? Self.withNewline(run.stdout) : nil,
            stdoutFence: shows && !run.stdout.isEmpty ? Fence.backticks(for: run.stdout) : nil,
            stderr: shows && !run.stderr.isEmpty ? Self.withNewline(run.stderr) : nil,
            stderrFence: shows && !run.stderr.isEmpty ? Fence.backticks(for: run.stderr) : nil,
            expectedOutput: expected, expectedOutputFence: expected.map { Fence.backticks(for: $0) },
            check: verdict.flatMap { verdict in
                guard let expected = verdict.expected, verdict.kind == .passed || verdict.kind == .failed else {
                    return nil
                }
                return CheckContext(
                    matched: verdict.kind == .passed, line: expected.line,
                    location: SourceLocation(file: notebook.file, line: expected.line).description,
                    reason: verdict.mismatch?.reason)
            },
            error: run.error.map { ErrorContext($0, expected: run.status == .expectedError, file: notebook.file) },
            hasTensors: !tensors.isEmpty, tensors: tensors, hasFigures: !figures.isEmpty, figures: figures,
            hasExpectedFigures: !expectedFigures.isEmpty, expectedFigures: expectedFigures,
            isLong: Self.printedLines(
                source: cell.options.echo ? cell.source : "", outputs: shows ? [run.stdout, run.stderr] : [],
                tensors: tensors, figures: figures.count) > Self.longestWhole,
            reuse: run.reuse?.rawValue, reuseNote: run.reuse.map(Self.note))
    }

    /// The most lines a cell may take on paper and still be kept whole on one page.
    static let longestWhole = 20

    /// About how many lines of text a cell takes on paper: its code, what it printed, its
    /// tensors (a caption and a line per row) and figures (25 lines each, a third of a page).
    static func printedLines(source: String, outputs: [String], tensors: [TensorContext], figures: Int) -> Int {
        let text = ([source] + outputs).filter { !$0.isEmpty }.reduce(0) { $0 + $1.utf8.newlineCount + 1 }
        return text + tensors.reduce(0) { $0 + 2 + $1.text.utf8.newlineCount } + 25 * figures
    }

    /// What a reader is told about outputs that no run of the notebook as it is made.
    static func note(_ reuse: CellResult.Reuse) -> String {
        switch reuse {
        case .earlierRun: "reused from the last run"
        case .checkpoint: "ran on a checkpoint's state"
        case .cache: "cached"
        }
    }

    /// Whether `stdout` holds `value` (a tensor's text), ending a line, as `print(x)` or
    /// `print("x:", x)` leave it.
    static func printed(_ value: String, in stdout: String) -> Bool {
        guard !value.isEmpty else { return false }
        let bytes = stdout.utf8
        return stdout.utf8Ranges(of: value).contains { found in
            found.upperBound == bytes.count
                || bytes[bytes.index(bytes.startIndex, offsetBy: found.upperBound)] == UInt8(ascii: "\n")
        }
    }

    /// A `figures=check` cell's documented output without the figures' data that follows
    /// what the cell printed (`figure 1: line plot …`, see `Figure.checkText(number:)`): a
    /// student reads the expected figure instead.
    static func withoutFigureText(_ output: String) -> String {
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("figure 1: ") }),
            lines[start...].allSatisfy({
                $0.isEmpty || $0.hasPrefix("figure ") || $0.hasPrefix(" ") || $0.hasPrefix("panel ")
            })
        else { return output }
        lines.removeSubrange(start...)
        return lines.joined(separator: "\n")
    }

    /// `text`, ending with a newline unless it is empty.
    static func withNewline(_ text: String) -> String {
        text.isEmpty || text.endsWithNewline ? text : text + "\n"
    }
}

extension ErrorContext {
    init(_ error: CellError, expected: Bool, file: String) {
        let callers = error.callers.map { caller in
            CallerContext(
                location: caller.location?.description ?? "", line: caller.location?.line ?? 0,
                sourceLine: caller.sourceLine ?? "")
        }
        self.init(
            message: error.message,
            location: error.line.map { SourceLocation(file: file, line: $0, column: error.column).description },
            line: error.line, sourceLine: error.sourceLine, isExpected: expected,
            details: error.diagnostics.map(\.formatted).joined(separator: "\n"),
            callers: callers, hasCallers: !callers.isEmpty)
    }
}

/// The tensors a notebook has bound so far, each as last reported, in order of first report:
/// what a cell with `tensors=all` shows.
struct BoundTensors {
    private(set) var tensors: [TensorSnapshot] = []

    mutating func add(_ reported: [TensorSnapshot]) {
        for tensor in reported {
            if let index = tensors.firstIndex(where: { $0.name == tensor.name }) {
                tensors[index] = tensor
            } else {
                tensors.append(tensor)
            }
        }
    }
}

/// Numbers a report's figures in order, and says where each one's image is.
struct FigureNumbering {
    var folder: String?
    private(set) var count = 0

    init(folder: String?) {
        self.folder = folder
    }

    /// The file name of figure `number` in the report's figure folder.
    static func fileName(_ number: Int) -> String { "figure-\(number).svg" }

    mutating func next(_ figure: Figure, format: ReportFormat) -> FigureContext {
        count += 1
        switch format {
        case .html, .pdf:
            return FigureContext(svg: FigureSVG.render(figure), caption: figure.altText, file: nil)
        case .md, .json:
            let file =
                folder.map { "\($0)/\(Self.fileName(count))" }
                ?? "data:image/svg+xml;base64," + Data(FigureSVG.render(figure).utf8).base64EncodedString()
            return FigureContext(svg: nil, caption: figure.altText, file: file)
        }
    }
}

import Foundation
import NBRuntime

/// `nbrun render`: runs notebooks and writes a report for each.
public struct RenderJob: Sendable {
    public var workbench: Workbench
    public var format: ReportFormat = .html
    /// Where reports go: nil beside each notebook, `-` stdout, a file, or a folder (a path
    /// that ends with `/` or names an existing folder) for several notebooks.
    public var output: String?
    /// The path of a Mustache template replacing the default one.
    public var templatePath: String?
    public var unsafeHTML = false
    /// The paper a PDF report is printed on.
    public var paper: Paper = .a4
    /// Leave nbrun's own chrome out of the report (`--clean`).
    public var clean = false
    /// A formula that can't be typeset, or unchecked math, fails the render (`--strict`).
    public var strict = false
    /// The version of each notebook to render (`--variant`).
    public var variant: Variant = .solution
    /// What serves a PDF's page to Chromium over loopback; nil prints from a file.
    public var pageServer: (any PageServing)?

    public init(
        workbench: Workbench, format: ReportFormat = .html, output: String? = nil,
        templatePath: String? = nil, unsafeHTML: Bool = false, paper: Paper = .a4, clean: Bool = false,
        strict: Bool = false, variant: Variant = .solution
    ) {
        self.workbench = workbench
        self.format = format
        self.output = output
        self.templatePath = templatePath
        self.unsafeHTML = unsafeHTML
        self.paper = paper
        self.clean = clean
        self.strict = strict
        self.variant = variant
    }

    /// Where one notebook's report goes.
    enum Destination: Equatable {
        case stdout
        case file(String)
    }

    public func run(_ given: [String], progress: ProgressHandler? = nil) -> JobOutcome {
        var notes: [Transcript] = []
        let files = workbench.select(given, transcript: &notes)
        var outcome = render(files, progress: progress)
        outcome.transcripts = notes + outcome.transcripts
        return outcome
    }

    private func render(_ files: [String], progress: ProgressHandler?) -> JobOutcome {
        var template: String?
        if let templatePath {
            guard let text = try? String(contentsOfFile: templatePath, encoding: .utf8) else {
                var transcript = Transcript()
                transcript.error("\(templatePath): can't read the template")
                return JobOutcome(transcripts: [transcript], status: .badInput)
            }
            template = text
        }
        // A PDF needs Chromium: say so before anything runs.
        var printer: PDFPrinter?
        if format == .pdf {
            do {
                var chromium = try Chromium.locate()
                chromium.pageServer = pageServer
                printer = PDFPrinter(browser: chromium, paper: paper)
            } catch {
                var transcript = Transcript()
                transcript.error("\(error.localizedDescription)")
                return JobOutcome(transcripts: [transcript], status: .badInput)
            }
        }
        let destinations: [Destination]
        switch Self.destinations(for: files, output: output, format: format, variant: variant) {
        case .success(let found): destinations = found
        case .failure(let message):
            var transcript = Transcript()
            transcript.error("\(message.text)")
            return JobOutcome(transcripts: [transcript], status: .badInput)
        }
        // Reports on stdout must not interleave, and one progress line can't show several notebooks.
        let jobs = destinations.contains(.stdout) ? 1 : workbench.jobs
        let outcomes = parallelMap(Array(zip(files, destinations)), jobs: jobs) {
            [template, printer] file, destination in
            render(
                file, to: destination, template: template, printer: printer,
                progress: jobs == 1 || files.count == 1 ? progress : nil)
        }
        var outcome = JobOutcome(
            transcripts: outcomes.map(\.transcript),
            status: outcomes.map(\.status).max() ?? .success)
        if let output, Self.isFolder(output) {
            var transcript = Transcript()
            let status = writeIndex(
                into: output, files: files, runs: outcomes.map(\.checked), summaries: outcomes.map(\.firstParagraph),
                transcript: &transcript)
            outcome.transcripts.append(transcript)
            outcome.status = max(outcome.status, status)
        }
        return outcome
    }

    /// A course folder's `index.html` (`index.md` for Markdown reports): each notebook's
    /// title, first paragraph (in HTML, as its report typeset it), a link to its report,
    /// and whether it ran and matched.
    private func writeIndex(
        into folder: String, files: [String], runs: [CheckedRun?], summaries: [String?],
        transcript: inout Transcript
    ) -> ExitStatus {
        let entries = zip(zip(files, runs), summaries).map { item, summaryHTML -> CourseIndex.Entry in
            let (file, checked) = item
            let report = (Self.path(in: "", for: file, format: format) as NSString).lastPathComponent
            guard let checked else {
                return CourseIndex.Entry(title: file, summary: "", report: report, ran: false, outputsMatched: nil)
            }
            let run = checked.run
            let compared = checked.summary.passed + checked.summary.differ
            let prose = run.notebook.blocks.compactMap { if case .prose(let p) = $0 { p.rawText } else { nil } }
                .joined()
            let math = MathProtector(markdown: prose)
            let summary = CommonMarkConverter.firstParagraph(of: math.protected).map { math.restore(plain: $0) } ?? ""
            var entry = CourseIndex.Entry(
                title: ReportContext.title(of: run.notebook), summary: summary, report: report,
                ran: checked.summary.allRan, outputsMatched: compared == 0 ? nil : checked.summary.differ == 0)
            entry.summaryHTML = summaryHTML
            return entry
        }
        let index = CourseIndex(
            title: (folder as NSString).lastPathComponent.isEmpty
                ? "Notebooks" : (folder as NSString).lastPathComponent,
            entries: entries)
        let name = format == .md ? "index.md" : "index.html"
        let path = (folder.hasSuffix("/") ? folder : folder + "/") + name
        do {
            // The summaries' formulas, typeset, need KaTeX's style and fonts, as the reports do.
            let katex =
                index.hasMath
                ? try KaTeXAssets.cached(
                    root: Report.defaultKaTeXDirectory, browserMacros: nil,
                    cache: workbench.cache) : nil
            let text = format == .md ? index.markdown : try index.html(katexStyle: katex?.style ?? "")
            try AtomicFile().write(text, to: URL(fileURLWithPath: path))
        } catch {
            transcript.error("\(path): can't write the index: \(error.localizedDescription)")
            return .badInput
        }
        transcript.message("index of \(entries.count.counted("notebook")) → \(path)")
        return .success
    }

    /// An output that names a folder: it ends with `/`, or is an existing folder.
    static func isFolder(_ output: String) -> Bool {
        var isDirectory: ObjCBool = false
        return output.hasSuffix("/")
            || (FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    /// Each notebook's report path, worked out and made writable before anything runs, so a
    /// bad `-o` costs nothing.
    static func destinations(
        for files: [String], output: String?, format: ReportFormat,
        variant: Variant = .solution
    ) -> Result<[Destination], Message> {
        guard let output else {
            return .success(files.map { .file(Self.defaultOutput(for: $0, format: format, variant: variant)) })
        }
        if output == "-" {
            // Markdown and JSON reports follow one another readably (jq reads a stream of JSON
            // documents); HTML pages or PDFs run together would be one broken document.
            if files.count > 1, format == .html || format == .pdf {
                return .failure(
                    Message(
                        "-o - would write \(files.count) \(format == .pdf ? "PDFs" : "HTML pages") one after the other; "
                            + "give a folder instead (-o DIR/)"))
            }
            return .success(files.map { _ in .stdout })
        }
        let folder = isFolder(output)
        if !folder, files.count > 1 {
            return .failure(
                Message(
                    "-o \(output) names one file, but \(files.count) notebooks were given; "
                        + "end it with / to write them all into a folder"))
        }
        let paths = folder ? files.map { Self.path(in: output, for: $0, format: format) } : [output]
        var seen: [String: String] = [:]
        for (file, path) in zip(files, paths) {
            if URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
                == URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath()
            {
                return .failure(Message("\(path): that is the notebook itself; choose another report path with -o"))
            }
            if let other = seen.updateValue(file, forKey: path) {
                return .failure(Message("\(other) and \(file) would both write \(path)"))
            }
        }
        // As the user spelled them: messages name the folder the user named.
        let parents = Set(
            paths.map { path in
                let parent = (path as NSString).deletingLastPathComponent
                return parent.isEmpty ? "." : parent
            })
        for parent in parents.sorted() {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                return .failure(
                    Message(
                        "\(parent): can't create the folder for the report: "
                            + error.localizedDescription))
            }
            if !FileManager.default.isWritableFile(atPath: parent) {
                return .failure(Message("\(parent): can't write reports there (permission denied)"))
            }
        }
        return .success(paths.map { .file($0) })
    }

    /// One notebook, run and rendered: what to tell about it, the checked run, and the
    /// report (PDF: the HTML to print); nil where it got no further.
    public struct RenderedNotebook: Sendable {
        public var transcript = Transcript()
        public var checked: CheckedRun?
        public var text: String?
        var report: Report?
        /// The math has problems, and --strict makes them a failure.
        var mathFailed = false
        /// HTML reports whose math nbrun typeset: the first paragraph as the report shows
        /// it, for a course index.
        var firstParagraphHTML: String?
    }

    /// Runs one notebook and renders its report. A Markdown report with a `figureFolder`
    /// refers to its figures there; see ``Report/figureFiles()``.
    public func report(
        _ file: String, template: String? = nil, figureFolder: String? = nil,
        progress: ProgressHandler? = nil
    ) -> RenderedNotebook {
        var rendered = RenderedNotebook()
        // An HTML report's parts that no run decides are made while the notebook compiles,
        // and the steps after the program are rehearsed (``Rehearsal``).
        let node = Report.installedNode()
        let preparing: @Sendable () -> ReportPreparation? = { [format, cache = workbench.cache] in
            let preparation =
                format == .html || format == .pdf
                ? ReportPreparation(
                    format: format, template: template, katexDirectory: Report.defaultKaTeXDirectory, node: node,
                    cache: cache) : nil
            Rehearsal.run(format: format, preparation: preparation)
            return preparation
        }
        let (executed, preparation) = alongside(preparing) {
            workbench.execute(file, variant: variant, transcript: &rendered.transcript, progress: progress)
        }
        switch executed {
        case .success(let checked): rendered.checked = checked
        case .failure: return rendered
        }
        guard var checked = rendered.checked else { return rendered }
        if variant == .student { addExpectedFigures(to: &checked, file: file, transcript: &rendered.transcript) }
        renderReport(
            of: checked, into: &rendered, template: template, figureFolder: figureFolder, preparation: preparation)
        return rendered
    }

    /// Renders `checked`'s report in this job's format into `rendered`, telling its
    /// transcript the math problems (errors with --strict), outputs that differ and cells
    /// that did not run.
    func renderReport(
        of checked: CheckedRun, into rendered: inout RenderedNotebook, template: String?, figureFolder: String?,
        preparation: ReportPreparation? = nil
    ) {
        rendered.checked = checked
        var report = Report(
            checked: checked, template: template, unsafeHTML: unsafeHTML,
            node: preparation?.node ?? Report.installedNode(),
            clean: clean)
        report.figureFolder = figureFolder
        report.cache = workbench.cache
        report.preparation = preparation
        let output: RenderedReport
        do {
            output = try report.rendering(to: format)
        } catch {
            rendered.transcript.error("\(error.localizedDescription)")
            return
        }
        // Math the reader would see broken: a warning, or with --strict an error that fails the render.
        for var diagnostic in output.diagnostics {
            if strict { diagnostic.severity = .error }
            rendered.transcript.diagnostic(checked.run.notebook.originalDiagnostic(diagnostic))
        }
        // Render doesn't fail on a differing output (check does), but it must not hide one,
        // nor a cell that did not run.
        for diagnostic in checked.driftWarnings + checked.notRunNotes { rendered.transcript.diagnostic(diagnostic) }
        rendered.text = output.text
        rendered.report = report
        rendered.mathFailed = strict && !output.diagnostics.isEmpty
        rendered.firstParagraphHTML = output.summaryHTML
    }

    /// A student version's exercise cells don't run, so their report shows what the
    /// solution version's run drew in them as the expected figures. The solution's program
    /// is the key's, usually in the cache already; if it fails, the report goes without.
    private func addExpectedFigures(to checked: inout CheckedRun, file: String, transcript: inout Transcript) {
        guard let exercises = checked.run.notebook.versionInfo?.exercises, !exercises.isEmpty else { return }
        var solutionTranscript = Transcript()
        guard case .success(let solution) = workbench.execute(file, variant: .solution, transcript: &solutionTranscript)
        else {
            transcript.diagnostic(
                Diagnostic(
                    .warning, "\(file): the solution version failed to run, so the exercises show no expected figures"))
            return
        }
        var drawn: [Int: [Figure]] = [:]
        for cell in solution.run.cells where exercises.contains(cell.cell.index) {
            drawn[cell.cell.index] = cell.figures
        }
        // Figures don't change what ran or what matched: the check and its summary stand.
        checked.check.run.cells = checked.run.cells.map { cell in
            var cell = cell
            cell.expectedFigures = drawn[cell.cell.index] ?? []
            return cell
        }
    }

    private func render(
        _ file: String, to destination: Destination, template: String?, printer: PDFPrinter?,
        progress: ProgressHandler?
    ) -> (transcript: Transcript, status: ExitStatus, checked: CheckedRun?, firstParagraph: String?) {
        let started = Date()
        // A Markdown report in a file keeps its figures beside it, in `name.files/`.
        var figureFolder: String?
        if format == .md, case .file(let path) = destination {
            figureFolder = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".files"
        }
        let rendered = report(file, template: template, figureFolder: figureFolder, progress: progress)
        var transcript = rendered.transcript
        guard let checked = rendered.checked, let text = rendered.text, let report = rendered.report else {
            return (transcript, .badInput, rendered.checked, nil)
        }
        var arrow = ""
        switch destination {
        case .stdout:
            if let printer {
                do {
                    let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
                    transcript.bytes(try printer.pdf(from: text, resolvingLinksIn: folder))
                } catch {
                    transcript.error("\(error.localizedDescription)")
                    return (transcript, .badInput, checked, rendered.firstParagraphHTML)
                }
            } else {
                transcript.result(text)
            }
        case .file(let path):
            let target = URL(fileURLWithPath: path)
            if target.standardizedFileURL.resolvingSymlinksInPath()
                == URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath()
            {
                transcript.error("\(path): that is the notebook itself; choose another report path with -o")
                return (transcript, .badInput, checked, rendered.firstParagraphHTML)
            }
            do {
                // Figures first: a report must never point at figure files that weren't written.
                if let figureFolder { try Self.writeFigures(report.figureFiles(), into: figureFolder, beside: target) }
                if let printer { try printer.print(text, to: target) } else { try AtomicFile().write(text, to: target) }
            } catch {
                transcript.error("\(path): can't write the report: \(error.localizedDescription)")
                return (transcript, .badInput, checked, rendered.firstParagraphHTML)
            }
            arrow = " → \(path)"
        }
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        transcript.message("\(file): \(checked.summary.line) in \(seconds)s" + arrow)
        if rendered.mathFailed {
            transcript.error("\(file): the math has problems, and --strict makes them errors")
            return (transcript, .badInput, checked, rendered.firstParagraphHTML)
        }
        return (
            transcript, workbench.passes(checked) ? .success : .cellFailed, checked, rendered.firstParagraphHTML
        )
    }

    /// Writes a Markdown report's figures into `folder` beside it (made if needed).
    private static func writeFigures(_ files: [(name: String, svg: String)], into folder: String, beside report: URL)
        throws
    {
        guard !files.isEmpty else { return }
        let directory = report.deletingLastPathComponent().appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in files { try AtomicFile().write(file.svg, to: directory.appendingPathComponent(file.name)) }
    }

    /// The report's path beside the notebook: `x.html`, `x.json`, or `x.out.md` (never the
    /// notebook itself); `x.student.html` … for the student version, so it doesn't replace the key.
    public static func defaultOutput(for file: String, format: ReportFormat, variant: Variant = .solution) -> String {
        var base = URL(fileURLWithPath: file).deletingPathExtension()
        if variant == .student { base = base.appendingPathExtension("student") }
        let name =
            format == .md ? base.appendingPathExtension("out.md") : base.appendingPathExtension(format.fileExtension)
        return file.hasPrefix("/") ? name.path : name.relativePath
    }

    /// `DIR/x.html` for notebook `x.md` in an output folder.
    static func path(in folder: String, for file: String, format: ReportFormat) -> String {
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let directory = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        return (directory.isEmpty ? "" : directory + "/") + name + "." + format.fileExtension
    }
}

/// A message for the user, as a value a `Result` can carry.
struct Message: Error, Equatable {
    var text: String
    init(_ text: String) { self.text = text }
}

import Foundation

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
    public var jobs = 1
    /// Leave nbrun's own chrome out of the report (`--clean`).
    public var clean = false
    /// A formula that can't be typeset, or unchecked math, fails the render (`--strict`).
    public var strict = false
    /// The version of each notebook to render (`--variant`).
    public var variant: Variant = .solution

    public init(workbench: Workbench) {
        self.workbench = workbench
    }

    /// Where one notebook's report goes.
    enum Destination: Equatable {
        case stdout
        case file(String)
    }

    public func run(_ files: [String], progress: ProgressHandler? = nil) -> JobOutcome {
        var template: String?
        if let templatePath {
            guard let text = try? String(contentsOfFile: templatePath, encoding: .utf8) else {
                var transcript = Transcript()
                transcript.message("nbrun: error: \(templatePath): can't read the template")
                return JobOutcome(transcripts: [transcript], status: .badInput)
            }
            template = text
        }
        let destinations: [Destination]
        switch Self.destinations(for: files, output: output, format: format, variant: variant) {
        case .success(let found): destinations = found
        case .failure(let message):
            var transcript = Transcript()
            transcript.message("nbrun: error: \(message.text)")
            return JobOutcome(transcripts: [transcript], status: .badInput)
        }
        // Reports on stdout must not interleave, and one progress line can't show several notebooks.
        let jobs = destinations.contains(.stdout) ? 1 : self.jobs
        let outcomes = parallelMap(Array(zip(files, destinations)), jobs: jobs) { [template] file, destination in
            render(file, to: destination, template: template,
                   progress: jobs == 1 || files.count == 1 ? progress : nil)
        }
        return JobOutcome(transcripts: outcomes.map(\.transcript), status: outcomes.map(\.status).max() ?? .success)
    }

    /// Each notebook's report path, worked out and made writable before anything runs, so a
    /// bad `-o` costs nothing.
    static func destinations(for files: [String], output: String?, format: ReportFormat,
                             variant: Variant = .solution) -> Result<[Destination], Message> {
        guard let output else {
            return .success(files.map { .file(Self.defaultOutput(for: $0, format: format, variant: variant)) })
        }
        if output == "-" { return .success(files.map { _ in .stdout }) }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
        let folder = output.hasSuffix("/") || (exists && isDirectory.boolValue)
        if !folder, files.count > 1 {
            return .failure(Message("-o \(output) names one file, but \(files.count) notebooks were given; "
                                    + "end it with / to write them all into a folder"))
        }
        let paths = folder ? files.map { Self.path(in: output, for: $0, format: format) } : [output]
        var seen: [String: String] = [:]
        for (file, path) in zip(files, paths) {
            if let other = seen.updateValue(file, forKey: path) {
                return .failure(Message("\(other) and \(file) would both write \(path)"))
            }
        }
        // As the user spelled them: messages name the folder the user named.
        let parents = Set(paths.map { path in
            let parent = (path as NSString).deletingLastPathComponent
            return parent.isEmpty ? "." : parent
        })
        for parent in parents.sorted() {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                return .failure(Message("\(parent): can't create the folder for the report: "
                                        + error.localizedDescription))
            }
            if !FileManager.default.isWritableFile(atPath: parent) {
                return .failure(Message("\(parent): can't write reports there (permission denied)"))
            }
        }
        return .success(paths.map { .file($0) })
    }

    private func render(_ file: String, to destination: Destination, template: String?,
                        progress: ProgressHandler?) -> (transcript: Transcript, status: ExitStatus) {
        let started = Date()
        var transcript = Transcript()
        let result: RunResult
        switch workbench.execute(file, variant: variant, transcript: &transcript, progress: progress) {
        case .success(let run): result = run
        case .failure(let status): return (transcript, status)
        }
        var report = Report(result: result, template: template, unsafeHTML: unsafeHTML, clean: clean)
        // Beside the compiled programs, and not at all with --no-cache.
        report.mathCache = workbench.runner.compiler.cache?.directory.deletingLastPathComponent().appendingPathComponent("math")
        let rendered: RenderedReport
        do {
            rendered = try report.rendering(to: format)
        } catch {
            transcript.message("nbrun: error: \(error.localizedDescription)")
            return (transcript, .badInput)
        }
        let text = rendered.text
        // Math the reader would see broken: a warning, or with --strict an error that fails the render.
        for var diagnostic in rendered.diagnostics {
            if strict { diagnostic.severity = .error }
            transcript.diagnostic(result.notebook.originalDiagnostic(diagnostic))
        }
        let mathFailed = strict && !rendered.diagnostics.isEmpty
        // Render doesn't fail on a differing output (check does), but it must not hide one.
        for verdict in CheckResult(run: result).verdicts where verdict.kind == .failed {
            transcript.diagnostic(result.notebook.originalDiagnostic(Diagnostic(
                .warning, "documented output differs (run nbrun check for the diff)",
                at: verdict.location(file: file))))
        }
        var arrow = ""
        switch destination {
        case .stdout:
            transcript.result(text)
        case .file(let path):
            let target = URL(fileURLWithPath: path)
            if target.standardizedFileURL.resolvingSymlinksInPath()
                == URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath() {
                transcript.message("nbrun: error: \(path): that is the notebook itself; choose another report path with -o")
                return (transcript, .badInput)
            }
            do {
                try AtomicFile().write(text, to: target)
            } catch {
                transcript.message("nbrun: error: \(path): can't write the report: \(error.localizedDescription)")
                return (transcript, .badInput)
            }
            arrow = " → \(path)"
        }
        let failed = result.cells.filter { $0.status == .error }.count
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        let exercises = result.notebook.versionInfo?.exercises.count ?? 0
        var summary = failed == 0
            ? "\(file): \((result.cells.count - exercises).counted("cell")) ok"
            : "\(file): \(failed.counted("cell")) failed"
        if exercises > 0 { summary += ", \(exercises.counted("exercise cell")) not run" }
        summary += " in \(seconds)s"
        transcript.message(summary + arrow)
        if mathFailed {
            transcript.message("nbrun: error: \(file): the math has problems, and --strict makes them errors")
            return (transcript, .badInput)
        }
        return (transcript, workbench.passes(result) ? .success : .cellFailed)
    }

    /// The report's path beside the notebook: `x.html`, `x.json`, or `x.out.md` (never the
    /// notebook itself); `x.student.html` … for the student version, so it doesn't replace the key.
    public static func defaultOutput(for file: String, format: ReportFormat, variant: Variant = .solution) -> String {
        var base = URL(fileURLWithPath: file).deletingPathExtension()
        if variant == .student { base = base.appendingPathExtension("student") }
        let name = format == .md ? base.appendingPathExtension("out.md") : base.appendingPathExtension(format.fileExtension)
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

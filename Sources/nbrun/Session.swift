import Foundation
import NBRunKit

/// What one `nbrun` invocation needs to run notebooks, and how it talks to the terminal.
struct Session: Sendable {
    var runner: NotebookRunner
    var template: String?
    var unsafeHTML = false
    var warningsAsErrors = false
    var console = Console()

    init(options: RunOptions) throws {
        Interrupts.install()
        do {
            let toolchain = try Toolchain.locate(swiftc: options.swiftc)
            let cache = CacheDirectory.resolve()
            let runtime = try RuntimeLibrary.prepare(for: toolchain, cache: cache)
            let programs = options.noCache ? nil : ProgramCache(directory: cache.appendingPathComponent("programs"))
            runner = NotebookRunner(compiler: Compiler(toolchain: toolchain, runtime: runtime, cache: programs))
            runner.executor.timeout = options.timeout
            runner.executor.maxOutput = options.maxOutput
        } catch {
            Console().error(error.localizedDescription)
            throw ExitStatus.badInput.exitCode
        }
        unsafeHTML = options.unsafeHTML
        warningsAsErrors = options.warningsAsErrors
        if let path = options.template {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                Console().error("\(path): can't read the template")
                throw ExitStatus.badInput.exitCode
            }
            template = text
        }
    }

    /// Loads and runs one notebook, passing every diagnostic to `show` as text.
    ///
    /// Returns the run, or the exit status when the notebook could not be used.
    func execute(_ file: String, progress: Bool, show: (String) -> Void) -> Result<RunResult, ExitStatus> {
        let started = Date()
        let notebook: Notebook
        do {
            notebook = try NotebookLoader.load(file)
        } catch {
            // A parse error is already `file:line: error: …`; other input errors get nbrun's prefix.
            if case .parse(let parseError) = error {
                show(console.render(parseError.diagnostic))
            } else {
                show("nbrun: error: \(error.localizedDescription)")
            }
            return .failure(.badInput)
        }
        notebook.diagnostics.forEach { show(console.render($0)) }
        var runner = self.runner
        if progress && console.isTerminal {
            let cells = notebook.cells, console = console
            runner.executor.progress = { index in
                guard let cell = cells.first(where: { $0.index == index }) else { return }
                let elapsed = String(format: "%.1fs", Date().timeIntervalSince(started))
                console.progress("[\(index)/\(cells.count)] \(cell.label)  \(elapsed)")
            }
            console.progress("compiling \(file)")
        }
        defer { if progress { console.progress(nil) } }
        let result: RunResult
        do {
            result = try runner.run(notebook)
        } catch {
            show("nbrun: error: \(file): \(error.localizedDescription)")
            return .failure(.badInput)
        }
        for diagnostic in result.diagnostics where !notebook.diagnostics.contains(diagnostic) {
            show(console.render(diagnostic))
        }
        for cell in result.cells where cell.status == .error && cell.error?.diagnostics.isEmpty != false {
            guard let error = cell.error else { continue }
            show(console.render(Diagnostic(.error, error.message, at: error.line.map { SourceLocation(file: file, line: $0, column: error.column) },
                                           sourceLine: error.sourceLine)))
        }
        if warningsAsErrors, result.diagnostics.contains(where: { $0.severity == .warning }) {
            show("nbrun: error: \(file): the compiler warned, and --warnings-as-errors makes that a failure")
        }
        return .success(result)
    }

    /// Runs one notebook and writes its report; returns the notebook's exit status.
    func render(_ file: String, format: ReportFormat, output: String?, paper: Paper = .a4,
                progress: Bool = true) -> ExitStatus {
        let started = Date()
        var printer: PDFPrinter?
        if format == .pdf {
            do { printer = PDFPrinter(browser: try Chromium.locate(), paper: paper) } catch {
                console.error(error.localizedDescription)
                return .badInput
            }
        }
        let result: RunResult
        switch execute(file, progress: progress, show: console.status) {
        case .success(let run): result = run
        case .failure(let status): return status
        }
        let text: String
        do {
            text = try Report(result: result, template: template, unsafeHTML: unsafeHTML).render(to: format)
        } catch {
            console.error(error.localizedDescription)
            return .badInput
        }
        let destination = output ?? Self.defaultOutput(for: file, format: format)
        if destination == "-", let printer {
            do {
                let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
                FileHandle.standardOutput.write(try printer.pdf(from: text, resolvingLinksIn: folder))
            } catch {
                console.error(error.localizedDescription)
                return .badInput
            }
        } else if destination == "-" {
            console.write(text)
        } else {
            let target = URL(fileURLWithPath: destination)
            if target.standardizedFileURL.resolvingSymlinksInPath()
                == URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath() {
                console.error("\(destination): that is the notebook itself; choose another report path with -o")
                return .badInput
            }
            do {
                if let printer { try printer.print(text, to: target) } else { try AtomicFile().write(text, to: target) }
            } catch {
                console.error("\(destination): can't write the report: \(error.localizedDescription)")
                return .badInput
            }
        }
        let failed = result.cells.filter { $0.status == .error }.count
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        let summary = failed == 0
            ? "\(file): \(result.cells.count) cell\(result.cells.count == 1 ? "" : "s") ok in \(seconds)s"
            : "\(file): \(failed) cell\(failed == 1 ? "" : "s") failed in \(seconds)s"
        console.status(summary + (destination == "-" ? "" : " → \(destination)"))
        return passes(result) ? .success : .cellFailed
    }

    /// Whether a run counts as a success: every cell ran, and no warning when warnings are errors.
    func passes(_ result: RunResult) -> Bool {
        result.ok && !(warningsAsErrors && result.diagnostics.contains { $0.severity == .warning })
    }

    /// The report's path beside the notebook: `x.html`, `x.json`, or `x.out.md` (never the notebook itself).
    static func defaultOutput(for file: String, format: ReportFormat) -> String {
        let base = URL(fileURLWithPath: file).deletingPathExtension()
        let name = format == .md ? base.appendingPathExtension("out.md") : base.appendingPathExtension(format.fileExtension)
        return file.hasPrefix("/") ? name.path : name.relativePath
    }
}

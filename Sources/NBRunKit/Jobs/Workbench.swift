import Foundation

/// How notebooks run, as the command line sets it; shared by every command that runs them.
public struct RunSettings: Sendable {
    /// The swiftc to use; nil for `$NBRUN_SWIFTC`, then the one on PATH.
    public var swiftc: String?
    public var noCache = false
    /// How long a notebook's program may run, in seconds.
    public var timeout: Double
    /// How many bytes of stdout (and of stderr) each cell keeps.
    public var maxOutput: Int
    /// Run the cells that don't depend on a trapped cell; false leaves it to the front matter.
    public var keepGoing = false
    public var warningsAsErrors = false
    /// How many notebooks run at once.
    public var jobs = 1
    /// Handle only this share of the notebooks (a CI matrix's job).
    public var shard: Shard?
    /// The runtime library `swift build` compiled beside nbrun, if any (nbrun's own build
    /// passes it), tried after an installed copy beside the executable; both are ignored when
    /// `NBRUN_PREBUILT_RUNTIME=ignore`.
    public var prebuiltRuntime: String?
    /// Where nbrun's cache is; nil for `$XDG_CACHE_HOME/nbrun` (or `~/.cache/nbrun`).
    public var cacheDirectory: URL?
    /// Cells marked `cache=true` reuse what the execution cache kept (`render`, and `check
    /// --use-cache`); off, and with `noCache`, they run as any other.
    public var executionCache = false

    /// The defaults, here only: the command line's `--timeout` and `--max-output` show them.
    public static let defaultTimeout: Double = 600
    public static let defaultMaxOutput = 1 << 20

    public init(
        swiftc: String? = nil, noCache: Bool = false, timeout: Double = defaultTimeout,
        maxOutput: Int = defaultMaxOutput,
        keepGoing: Bool = false, warningsAsErrors: Bool = false, jobs: Int = 1, shard: Shard? = nil,
        prebuiltRuntime: String? = nil, cacheDirectory: URL? = nil, executionCache: Bool = false
    ) {
        self.swiftc = swiftc
        self.noCache = noCache
        self.timeout = timeout
        self.maxOutput = maxOutput
        self.keepGoing = keepGoing
        self.warningsAsErrors = warningsAsErrors
        self.jobs = jobs
        self.shard = shard
        self.prebuiltRuntime = prebuiltRuntime
        self.cacheDirectory = cacheDirectory
        self.executionCache = executionCache
    }
}

/// Everything needed to run notebooks: the toolchain, the runtime library, the cache.
///
/// Making one finds `swiftc`; the runtime library is built the first time a notebook's
/// program needs compiling (and `notice` is told at once, since that takes a while).
public struct Workbench: Sendable {
    public private(set) var runner: NotebookRunner
    /// nbrun's cache folder (``CacheDirectory``); nil with `--no-cache`, though the runtime
    /// library is still kept there.
    public let cache: URL?
    public var warningsAsErrors: Bool
    /// How many notebooks run at once, and which share of them this invocation handles.
    public var jobs: Int
    public var shard: Shard?

    public init(settings: RunSettings, notice: (@Sendable (String) -> Void)? = nil) throws(BuildError) {
        let toolchain = try Toolchain.locate(swiftc: settings.swiftc)
        let cache = settings.cacheDirectory ?? CacheDirectory.resolve()
        var runtime = RuntimeLibrary.locate(for: toolchain, cache: cache)
        if ProcessInfo.processInfo.environment["NBRUN_PREBUILT_RUNTIME"] != "ignore" {
            runtime.prebuilt = [
                Bundle.main.executableURL.map(RuntimeLibrary.installedCopy(besideExecutable:)),
                settings.prebuiltRuntime.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ].compactMap { $0 }
        }
        self.cache = settings.noCache ? nil : cache
        let programs = settings.noCache ? nil : ProgramCache(directory: CacheDirectory.programs(in: cache))
        var compiler = Compiler(toolchain: toolchain, runtime: runtime, cache: programs)
        if !settings.noCache, ProcessInfo.processInfo.environment["NBRUN_COMPILE"] != "driver" {
            compiler.jobsCache = CompileJobsCache(directory: CacheDirectory.compileJobs(in: cache))
        }
        if let threads = ProcessInfo.processInfo.environment["NBRUN_CODEGEN_THREADS"].flatMap(Int.init),
            (1...16).contains(threads)
        {
            compiler.codeGenerationThreads = threads
        }
        runner = NotebookRunner(
            compiler: compiler, executor: Executor(timeout: settings.timeout, maxOutput: settings.maxOutput))
        if let notice {
            runner.compiler.runtimeBuildStarts = {
                notice("nbrun: building its runtime library for this swiftc (once, a minute or two)…")
            }
        }
        runner.syntax = SyntaxCache(directory: self.cache.map(CacheDirectory.syntax(in:)))
        if settings.keepGoing { runner.keepGoing = true }
        if settings.executionCache, let kept = self.cache {
            runner.executionCache = ExecutionCacheStore(folder: CacheDirectory.executions(in: kept))
        }
        warningsAsErrors = settings.warningsAsErrors
        jobs = settings.jobs
        shard = settings.shard
    }

    /// The notebooks of this invocation's shard (possibly none, which `transcript` is told).
    func select(_ files: [String], transcript: inout [Transcript]) -> [String] {
        guard let shard else { return files }
        let selected = shard.select(files)
        if selected.isEmpty {
            var note = Transcript()
            note.message("nbrun: shard \(shard.description) has no notebooks")
            transcript.append(note)
        }
        return selected
    }

    /// Loads, runs and checks one notebook, or its student or solution version, telling
    /// `transcript` every diagnostic (at the notebook's own lines); outputs compare as
    /// `comparison` says.
    ///
    /// Returns the checked run, or why the notebook could not be used.
    public func execute(
        _ file: String, variant: Variant? = nil, comparison: OutputOptions = OutputOptions(),
        transcript: inout Transcript, progress: ProgressHandler? = nil
    ) -> Result<CheckedRun, NotebookProblem> {
        let notebook: Notebook
        switch load(file, variant: variant, transcript: &transcript) {
        case .success(let loaded): notebook = loaded
        case .failure(let problem): return .failure(problem)
        }
        var runner = self.runner
        if let progress {
            let started = Date()
            let cells = notebook.cells
            runner.executor.progress = { index in
                guard let cell = cells.first(where: { $0.index == index }) else { return }
                progress(
                    .cell(
                        file: file, index: index, count: cells.count, label: cell.label,
                        seconds: Date().timeIntervalSince(started)))
            }
            progress(.compiling(file: file))
        }
        defer { progress?(.finished(file: file)) }
        let result: RunResult
        do {
            result = try runner.run(notebook)
        } catch {
            let problem = NotebookProblem(status: .badInput, message: "\(file): \(error.localizedDescription)")
            transcript.error("\(problem.message)")
            return .failure(problem)
        }
        tell(result, of: notebook, file: file, transcript: &transcript)
        return .success(CheckedRun(result, comparison: comparison))
    }

    /// Tells `transcript` what a run of `notebook` (loaded from `file`) found: compiler
    /// diagnostics and cells' errors, at the notebook's own lines.
    func tell(_ result: RunResult, of notebook: Notebook, file: String, transcript: inout Transcript) {
        for diagnostic in result.diagnostics {
            transcript.diagnostic(notebook.originalDiagnostic(diagnostic))
        }
        for cell in result.cells where cell.status == .error && cell.error?.diagnostics.isEmpty != false {
            guard let error = cell.error else { continue }
            transcript.diagnostic(
                notebook.originalDiagnostic(
                    Diagnostic(
                        .error, error.message,
                        at: error.line.map { SourceLocation(file: file, line: $0, column: error.column) },
                        sourceLine: error.sourceLine, notes: error.callers)))
        }
        let warnings = Self.warnings(result)
        if warningsAsErrors, warnings > 0 {
            transcript.error(
                "\(file): \(warnings.counted("warning")), and --warnings-as-errors makes "
                    + (warnings == 1 ? "that" : "them") + " a failure")
        }
    }

    /// Loads one notebook, or its student or solution version (with `disablingExercises`,
    /// see ``Notebook/version(_:disablingExercises:)``), telling `transcript` its warnings.
    func load(
        _ file: String, variant: Variant? = nil, disablingExercises: Bool = true,
        transcript: inout Transcript
    ) -> Result<Notebook, NotebookProblem> {
        var notebook: Notebook
        do {
            notebook = try NotebookLoader.load(file)
        } catch {
            // A parse error is already `file:line: error: …`; other input errors get nbrun's prefix.
            if case .parse(let parseError) = error {
                transcript.diagnostic(parseError.diagnostic)
                return .failure(NotebookProblem(status: .badInput, message: parseError.diagnostic.headline))
            }
            transcript.error("\(error.localizedDescription)")
            return .failure(NotebookProblem(status: .badInput, message: error.localizedDescription))
        }
        for diagnostic in notebook.diagnostics { transcript.diagnostic(diagnostic) }
        if let variant {
            do {
                notebook = try notebook.version(variant, disablingExercises: disablingExercises, syntax: runner.syntax)
            } catch {
                transcript.diagnostic(error.diagnostic)
                return .failure(NotebookProblem(status: .badInput, message: error.diagnostic.headline))
            }
        }
        return .success(notebook)
    }

    /// Whether a run lets its command succeed: every cell ran as it should, and the
    /// compiler didn't warn when warnings are errors. (`check` also wants ``CheckedRun/ok``.)
    public func passes(_ checked: CheckedRun) -> Bool {
        checked.summary.allRan
            && !(warningsAsErrors && Self.warnings(checked.run) > 0)
    }

    /// How many warnings the notebook (as parsed) and its run (the planner, the execution
    /// cache, the compiler) gave: what `--warnings-as-errors` fails.
    private static func warnings(_ run: RunResult) -> Int {
        (run.notebook.diagnostics + run.diagnostics).filter { $0.severity == .warning }.count
    }
}

/// Why a notebook could not be run at all, and the exit status that says so.
public struct NotebookProblem: Error, Sendable, Equatable {
    public var status: ExitStatus
    /// One line: `x.md: no such file`, `x.md:7: error: unknown cell option 'colour'`.
    public var message: String
}

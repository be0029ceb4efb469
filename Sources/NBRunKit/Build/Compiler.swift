import Foundation
import Synchronization

/// The outcome of compiling a notebook's program.
public struct Build: Sendable {
    /// The executable, when compiling succeeded.
    public var executable: URL?
    /// Every diagnostic swiftc gave, errors and warnings alike, in its order.
    public var diagnostics: [Diagnostic]
    /// What swiftc printed, unparsed, for when the diagnostics don't explain a failure.
    public var log: String
}

/// Compiles a ``Program`` with the real `swiftc` into one executable.
public struct Compiler: Sendable {
    public var toolchain: Toolchain
    public var runtime: RuntimeLibrary
    public var runner: any ProcessRunning
    /// Optimization for the cells; the runtime library is always optimized.
    public var optimization = "-Onone"
    /// Where built programs are kept between runs; nil to always compile.
    public var cache: ProgramCache?
    /// Told when the runtime library has to be built first (the first compile with this swiftc).
    public var runtimeBuildStarts: (@Sendable () -> Void)?
    /// Where the driver's jobs are kept, so whole-program compiles run them without it
    /// (``CompileJobs``); nil to always go through the driver.
    var jobsCache: CompileJobsCache?

    public init(
        toolchain: Toolchain, runtime: RuntimeLibrary, cache: ProgramCache? = nil,
        runner: any ProcessRunning = SystemProcessRunner()
    ) {
        self.toolchain = toolchain
        self.runtime = runtime
        self.cache = cache
        self.runner = runner
    }

    /// The flags every compile of a notebook's cells shares: the whole program, or a patch.
    ///
    /// `-enable-testing` gives the module's internal symbols external linkage, so a patch
    /// (see ``PatchBuild``) loaded into a checkpoint finds the earlier cells' globals.
    var moduleFlags: [String] {
        [
            "-swift-version", "5", optimization, "-gline-tables-only", "-enable-testing",
            "-diagnostic-style=llvm", "-module-name", "NotebookProgram",
            "-I", runtime.moduleFile.deletingLastPathComponent().path
        ] + runtime.cModuleDirectories.flatMap { ["-I", $0.path] }
    }

    /// Flags for the frontend itself (`-Xfrontend` through the driver). LLVM's IR verifier
    /// checks the compiler, not the notebook: it was 5% of a 500-cell compile.
    static let frontendFlags = ["-disable-llvm-verify"]

    /// How many threads swiftc's code generation may use for a whole program: one a core,
    /// at most four. It was a third of a 500-cell compile's instructions (callgrind), and
    /// runs a thread per file, so a compile joins the cells' files into as many units
    /// (``Program/compileUnits(threads:)``).
    public var codeGenerationThreads = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 4)
    /// From how many cells in files of their own on a program compiles as units.
    public var fewestCellsForUnits = Program.fewestCellsForUnits

    /// The swiftc arguments for compiling `files` (names in the build folder) into
    /// `output`, or only type-checking them; with `threads` above one, code generation
    /// runs on that many threads, and writes an object per file.
    func arguments(files: [String], output: String, typecheckOnly: Bool = false, threads: Int = 1) -> [String] {
        (typecheckOnly ? ["-typecheck"] : []) + ["-wmo"] + (threads > 1 ? ["-num-threads", String(threads)] : [])
            + moduleFlags
            + Self.frontendFlags.flatMap { ["-Xfrontend", $0] } + [
                "-L", runtime.directory.path, "-lNBRuntime",
                "-Xlinker", "-rpath", "-Xlinker", runtime.directory.path,
                // The executable's symbols are visible to a patch it loads.
                "-Xlinker", "--export-dynamic"
            ] + files + ["-o", output]
    }

    /// The files swiftc compiles for `program` (its own, or units of its cells), and on how
    /// many threads. A type check generates no code, so it takes the program's own files.
    func layout(of program: Program, typecheckOnly: Bool) -> (files: [ProgramFile], threads: Int) {
        guard !typecheckOnly else { return (program.files, 1) }
        let units = program.compileUnits(threads: codeGenerationThreads, fewestCells: fewestCellsForUnits)
        // Joining files only ever makes fewer.
        return (units, units.count == program.files.count ? 1 : codeGenerationThreads)
    }

    /// The cache key: everything that decides the executable (or the diagnostics).
    func cacheKey(
        for program: Program, typecheckOnly: Bool = false, layout: (files: [ProgramFile], threads: Int)? = nil
    ) -> String {
        let layout = layout ?? self.layout(of: program, typecheckOnly: typecheckOnly)
        var hasher = StableHasher()
        hasher.combine(toolchain.fingerprint)
        hasher.combine(runtime.directory.lastPathComponent)  // names the runtime's own hash
        hasher.combine(
            arguments(
                files: layout.files.map(\.name), output: "notebook", typecheckOnly: typecheckOnly,
                threads: layout.threads
            ).joined(separator: " "))
        for file in layout.files {
            hasher.combine(file.name)
            hasher.combine(file.text)
        }
        return hasher.hexDigest
    }

    /// Compiles the program in `directory`, or takes it from the cache when an
    /// identical one was built before. A cached program prints the same diagnostics, and a
    /// program that doesn't compile is remembered too, so a rerun doesn't compile it again.
    /// With `typecheckOnly`, only the diagnostics are wanted.
    ///
    /// Only a verdict on the program is cached: success, or errors swiftc located in it. A
    /// failure with no such error (the compiler killed by a signal, a module cache it can't
    /// write, a link that fails) says something about this machine, not the notebook: it
    /// is tried once more, with the runtime library checked byte for byte first, and then
    /// thrown as ``BuildError/environment(_:log:)``, with nothing cached.
    public func compile(
        _ program: Program, in directory: URL, notebook: Notebook,
        typecheckOnly: Bool = false
    ) throws -> Build {
        let layout = layout(of: program, typecheckOnly: typecheckOnly)
        let key = cacheKey(for: program, typecheckOnly: typecheckOnly, layout: layout)
        if let entry = cache?.lookup(key) {
            // A cached program links the runtime library at run time, so it must still be whole.
            if entry.executable != nil {
                try runtime.build(toolchain: toolchain, runner: runner, starting: runtimeBuildStarts)
            }
            let diagnostics = Self.diagnostics(inCachedLog: entry.log, notebook: notebook)
            return Build(executable: entry.executable, diagnostics: diagnostics, log: entry.log)
        }
        var attempt = 1
        var overlapDigests = true
        while true {
            // A library whose files have their sizes has its digests read while swiftc runs
            // (about 3 MB); if they don't match, the compile is thrown away, and the library
            // is built again before the next one. Anything else is built first.
            var digests: RuntimeDigestCheck?
            if overlapDigests, runtime.isBuilt {
                digests = RuntimeDigestCheck(runtime)
            } else {
                try runtime.build(toolchain: toolchain, runner: runner, thorough: true, starting: runtimeBuildStarts)
            }
            // A second try goes through the driver, whose messages say the most.
            let jobs =
                typecheckOnly || attempt > 1
                ? nil : jobsCache?.jobs(for: self, .program, inputs: layout.files.count, threads: layout.threads)
            let outcome = try invoke(
                layout.files, in: directory, notebook: notebook, typecheckOnly: typecheckOnly, threads: layout.threads,
                jobs: jobs)
            if let digests, !digests.matched() {
                overlapDigests = false
                continue
            }
            switch outcome {
            case .verdict(let build, let cachedLog):
                guard let output = build.executable else {
                    cache?.store(key, .diagnostics(log: cachedLog))
                    return build
                }
                let executable = cache?.store(key, .executable(output, log: cachedLog))?.executable ?? output
                return Build(executable: executable, diagnostics: build.diagnostics, log: build.log)
            case .environment(let problem, let log):
                if attempt == 2 { throw BuildError.environment(problem, log: log) }
                attempt += 1
                overlapDigests = false  // the second try checks the library before it compiles
            }
        }
    }

    private enum Outcome {
        /// What swiftc says about the program: it compiled, or these located errors.
        case verdict(Build, cachedLog: String)
        /// swiftc failed without locating an error in the program.
        case environment(BuildError.EnvironmentProblem, log: String)
    }

    /// Runs swiftc once on the program's `units` (its files, or ``Program/compileUnits(threads:)``):
    /// `jobs` if given, else the driver.
    private func invoke(
        _ units: [ProgramFile], in directory: URL, notebook: Notebook, typecheckOnly: Bool, threads: Int,
        jobs: CompileJobs?
    ) throws -> Outcome {
        let output = directory.appendingPathComponent("notebook")
        let serialized = directory.appendingPathComponent("diagnostics.dia")
        try? FileManager.default.removeItem(at: serialized)
        for file in units {
            try ScratchFolders.write(file.text, to: directory.appendingPathComponent(file.name))
        }
        let files = units.map(\.name)
        let result: ProcessOutput
        do {
            if let jobs {
                if let map = jobs.outputMap(directory: directory, files: files) {
                    try ScratchFolders.write(map.text, to: map.file)
                }
                result = try runJobs(jobs.instantiated(directory: directory, files: files), in: directory)
            } else {
                let flags = try SerializedDiagnostics.flags(writingTo: serialized)
                result = try runner.run(
                    toolchain.swiftc,
                    arguments(
                        files: files, output: output.lastPathComponent, typecheckOnly: typecheckOnly, threads: threads)
                        + flags,
                    environment: nil, directory: directory)
            }
        } catch {
            throw BuildError.compilerFailedToStart(error.localizedDescription)
        }
        let log = String(decoding: result.stderr + result.stdout, as: UTF8.self)
        // The serialized file when libclang can read it; swiftc's text otherwise. swiftc prints
        // every diagnostic as well as serializing it, so a compile that succeeded in silence
        // has none, and needs no libclang (120 MB: 6-15 ms to load, in a process of its own).
        let silent = result.status == 0 && !result.signaled && log.isEmpty
        let records = silent ? nil : SerializedDiagnostics.records(in: serialized, swiftc: toolchain.swiftc)
        let diagnostics =
            records.map { SerializedDiagnostics.parse($0, notebook: notebook) }
            ?? CompilerDiagnostics.parse(log, notebook: notebook)
        let cachedLog = records.map { SerializedDiagnostics.marker + $0 } ?? log
        if result.status == 0, !result.signaled {
            let executable = typecheckOnly ? nil : output
            return .verdict(Build(executable: executable, diagnostics: diagnostics, log: log), cachedLog: cachedLog)
        }
        // Errors at lines of the program are what the program gets wrong; anything else (no
        // place, `<unknown>:0`, the runtime's own files) is the machine.
        let located = diagnostics.contains { diagnostic in
            guard diagnostic.severity == .error, let location = diagnostic.location, location.line > 0 else {
                return false
            }
            return location.file != "<unknown>" && !location.file.hasPrefix(runtime.directory.path)
        }
        guard located, !result.signaled else {
            return .environment(
                BuildError.EnvironmentProblem(log: log, signal: result.signaled ? result.status : nil), log: log)
        }
        return .verdict(Build(executable: nil, diagnostics: diagnostics, log: log), cachedLog: cachedLog)
    }

    /// Runs the jobs in order until one fails, as the driver does: what they printed, in
    /// order, and how the last one ended. The autolink job's answer comes from the cache
    /// when it has one for the object's entries (``AutolinkEntries``), and is kept when not.
    func runJobs(_ jobs: [[String]], in directory: URL) throws -> ProcessOutput {
        var combined = ProcessOutput(status: 0, signaled: false, stdout: Data(), stderr: Data())
        for job in jobs {
            var autolink: (entries: Data, list: URL)?
            if let jobsCache, let files = AutolinkEntries.files(ofJob: job, in: directory),
                let entries = AutolinkEntries.bytes(inObjects: files.objects)
            {
                if let list = jobsCache.linkList(for: entries, toolchain: toolchain),
                    (try? ScratchFolders.write(list, to: files.list)) != nil
                {
                    continue
                }
                autolink = (entries, files.list)
            }
            let output = try runner.run(
                URL(fileURLWithPath: job[0]), Array(job.dropFirst()), environment: nil, directory: directory)
            combined.stdout += output.stdout
            combined.stderr += output.stderr
            combined.status = output.status
            combined.signaled = output.signaled
            if output.status != 0 || output.signaled { break }
            if let autolink, let list = try? String(contentsOf: autolink.list, encoding: .utf8) {
                jobsCache?.keep(linkList: list, for: autolink.entries, toolchain: toolchain)
            }
        }
        return combined
    }

    /// The diagnostics a cached compile recorded: serialized records, or swiftc's text.
    static func diagnostics(inCachedLog log: String, notebook: Notebook) -> [Diagnostic] {
        log.hasPrefix(SerializedDiagnostics.marker)
            ? SerializedDiagnostics.parse(String(log.dropFirst(SerializedDiagnostics.marker.count)), notebook: notebook)
            : CompilerDiagnostics.parse(log, notebook: notebook)
    }
}

/// The runtime library's digests (``RuntimeLibrary/isWhole(thorough:)``), read on a thread of
/// their own while swiftc compiles against it.
private final class RuntimeDigestCheck: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let whole = Mutex(false)

    init(_ runtime: RuntimeLibrary) {
        Thread.detachNewThread { [self] in
            let result = runtime.isWhole(thorough: true)
            whole.withLock { $0 = result }
            done.signal()
        }
    }

    /// Waits for the check: whether every file has the size and digest its stamp lists.
    func matched() -> Bool {
        done.wait()
        return whole.withLock { $0 }
    }
}

import Foundation

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

    /// The swiftc arguments for compiling `files` (names in the build folder) into
    /// `output`, or only type-checking them.
    func arguments(files: [String], output: String, typecheckOnly: Bool = false) -> [String] {
        (typecheckOnly ? ["-typecheck"] : []) + ["-wmo"] + moduleFlags + [
            "-L", runtime.directory.path, "-lNBRuntime",
            "-Xlinker", "-rpath", "-Xlinker", runtime.directory.path,
            // The executable's symbols are visible to a patch it loads.
            "-Xlinker", "--export-dynamic"
        ] + files + ["-o", output]
    }

    /// The cache key: everything that decides the executable (or the diagnostics).
    func cacheKey(for program: Program, typecheckOnly: Bool = false) -> String {
        var hasher = StableHasher()
        hasher.combine(toolchain.fingerprint)
        hasher.combine(runtime.directory.lastPathComponent)  // names the runtime's own hash
        hasher.combine(
            arguments(files: program.files.map(\.name), output: "notebook", typecheckOnly: typecheckOnly)
                .joined(separator: " "))
        for file in program.files {
            hasher.combine(file.name)
            hasher.combine(file.text)
        }
        return hasher.hexDigest
    }

    /// Compiles the program in `directory`, or takes it from the cache when an
    /// identical one was built before. A cached program prints the same diagnostics, and a
    /// program that doesn't compile is remembered too, so a rerun doesn't compile it again.
    /// With `typecheckOnly`, only the diagnostics are wanted.
    public func compile(
        _ program: Program, in directory: URL, notebook: Notebook,
        typecheckOnly: Bool = false
    ) throws -> Build {
        let key = cacheKey(for: program, typecheckOnly: typecheckOnly)
        // A cached program links the runtime library at run time, so it must still be there.
        if let entry = cache?.lookup(key), entry.executable == nil || runtime.isBuilt {
            let diagnostics = Self.diagnostics(inCachedLog: entry.log, notebook: notebook)
            return Build(executable: entry.executable, diagnostics: diagnostics, log: entry.log)
        }
        try runtime.build(toolchain: toolchain, runner: runner, starting: runtimeBuildStarts)
        let output = directory.appendingPathComponent("notebook")
        let serialized = directory.appendingPathComponent("diagnostics.dia")
        for file in program.files {
            try Data(file.text.utf8).write(to: directory.appendingPathComponent(file.name))
        }
        let result: ProcessOutput
        do {
            result = try runner.run(
                toolchain.swiftc,
                arguments(
                    files: program.files.map(\.name), output: output.lastPathComponent, typecheckOnly: typecheckOnly)
                    + (try SerializedDiagnostics.flags(writingTo: serialized)),
                environment: nil, directory: directory)
        } catch {
            throw BuildError.compilerFailedToStart(error.localizedDescription)
        }
        let log = String(decoding: result.stderr + result.stdout, as: UTF8.self)
        // The serialized file when libclang can read it; swiftc's text otherwise.
        let records = SerializedDiagnostics.records(in: serialized, swiftc: toolchain.swiftc)
        let diagnostics =
            records.map { SerializedDiagnostics.parse($0, notebook: notebook) }
            ?? CompilerDiagnostics.parse(log, notebook: notebook)
        let cachedLog = records.map { SerializedDiagnostics.marker + $0 } ?? log
        guard result.status == 0, !result.signaled, !typecheckOnly else {
            // A signal (the compiler crashed, or was killed) says nothing lasting about the program.
            if !result.signaled { cache?.store(key, executable: nil, log: cachedLog) }
            return Build(executable: nil, diagnostics: diagnostics, log: log)
        }
        let executable = cache?.store(key, executable: output, log: cachedLog)?.executable ?? output
        return Build(executable: executable, diagnostics: diagnostics, log: log)
    }

    /// The diagnostics a cached compile recorded: serialized records, or swiftc's text.
    static func diagnostics(inCachedLog log: String, notebook: Notebook) -> [Diagnostic] {
        log.hasPrefix(SerializedDiagnostics.marker)
            ? SerializedDiagnostics.parse(String(log.dropFirst(SerializedDiagnostics.marker.count)), notebook: notebook)
            : CompilerDiagnostics.parse(log, notebook: notebook)
    }
}

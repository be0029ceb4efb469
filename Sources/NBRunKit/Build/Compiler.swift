import Foundation

/// The outcome of compiling a notebook's program.
public struct Build: Sendable {
    /// The executable, when compiling succeeded.
    public var executable: URL?
    /// Every diagnostic swiftc gave, errors and warnings alike, in its order.
    public var diagnostics: [Diagnostic]
    /// What swiftc printed, unparsed, for when the diagnostics don't explain a failure.
    public var log: String

    public var succeeded: Bool { executable != nil }
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

    public init(toolchain: Toolchain, runtime: RuntimeLibrary, cache: ProgramCache? = nil,
                runner: any ProcessRunning = SystemProcessRunner()) {
        self.toolchain = toolchain
        self.runtime = runtime
        self.cache = cache
        self.runner = runner
    }

    /// The swiftc arguments for compiling `main` into `output`.
    func arguments(main: URL, output: URL) -> [String] {
        [
            "-swift-version", "5", optimization, "-gline-tables-only",
            "-diagnostic-style=llvm", "-module-name", "NotebookProgram",
            "-I", runtime.moduleFile.deletingLastPathComponent().path,
        ] + runtime.cModuleDirectories.flatMap { ["-I", $0.path] } + [
            "-L", runtime.directory.path, "-lNBRuntime",
            "-Xlinker", "-rpath", "-Xlinker", runtime.directory.path,
            main.path, "-o", output.path,
        ]
    }

    /// The cache key: everything that decides the executable.
    func cacheKey(for program: Program) -> String {
        var hasher = StableHasher()
        hasher.combine(toolchain.fingerprint)
        hasher.combine(runtime.directory.lastPathComponent)  // names the runtime's own hash
        hasher.combine(arguments(main: URL(fileURLWithPath: "main.swift"), output: URL(fileURLWithPath: "notebook"))
            .joined(separator: " "))
        hasher.combine(program.source)
        return hasher.hexDigest
    }

    /// Compiles the program in `directory`, or takes it from the cache when an
    /// identical one was built before. A cached program prints the same diagnostics.
    public func compile(_ program: Program, in directory: URL, notebook: Notebook) throws -> Build {
        let key = cacheKey(for: program)
        if let entry = cache?.lookup(key) {
            let diagnostics = entry.log.hasPrefix(SerializedDiagnostics.marker)
                ? SerializedDiagnostics.parse(String(entry.log.dropFirst(SerializedDiagnostics.marker.count)), notebook: notebook)
                : CompilerDiagnostics.parse(entry.log, notebook: notebook)
            return Build(executable: entry.executable, diagnostics: diagnostics, log: entry.log)
        }
        let main = directory.appendingPathComponent("main.swift")
        let output = directory.appendingPathComponent("notebook")
        let serialized = directory.appendingPathComponent("diagnostics.dia")
        try Data(program.source.utf8).write(to: main)
        let result: ProcessOutput
        do {
            result = try runner.run(toolchain.swiftc, arguments(main: main, output: output)
                                        + SerializedDiagnostics.flags(writingTo: serialized),
                                    environment: nil, directory: directory)
        } catch {
            throw BuildError.compilerFailedToStart(error.localizedDescription)
        }
        let log = String(decoding: result.stderr + result.stdout, as: UTF8.self)
        // The serialized file when libclang can read it; swiftc's text otherwise.
        let records = SerializedDiagnostics.records(in: serialized, swiftc: toolchain.swiftc)
        let diagnostics = records.map { SerializedDiagnostics.parse($0, notebook: notebook) }
            ?? CompilerDiagnostics.parse(log, notebook: notebook)
        guard result.status == 0, !result.signaled else {
            return Build(executable: nil, diagnostics: diagnostics, log: log)
        }
        let cachedLog = records.map { SerializedDiagnostics.marker + $0 } ?? log
        let executable = cache?.store(key, executable: output, log: cachedLog)?.executable ?? output
        return Build(executable: executable, diagnostics: diagnostics, log: log)
    }
}

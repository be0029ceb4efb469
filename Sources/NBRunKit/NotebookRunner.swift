import Foundation

/// Runs a parsed notebook end to end: Plan → Build → Execute.
///
/// Every cell that holds a compile error is reported with its own diagnostics, and the
/// cells that don't depend on a broken cell still run: the runner compiles once to find
/// the broken cells, then a *variant* of the program without them and the cells that use
/// their declarations. With keep-going, a cell that traps is handled the same way: the
/// variant without it and its dependents runs again, from the start, so the later cells
/// see the state from before the failed cell.
public struct NotebookRunner: Sendable {
    public var compiler: Compiler
    public var executor: Executor
    /// Run the cells that don't depend on a trapped cell; nil follows the notebook's front matter.
    public var keepGoing: Bool?
    /// Where each cell's syntax analysis is kept between runs.
    public var syntax = SyntaxCache(directory: nil)
    /// Where cells marked `cache=true` keep their outputs and values; nil runs them as any other cell.
    public var executionCache: ExecutionCacheStore?

    public init(compiler: Compiler, executor: Executor, keepGoing: Bool? = nil) {
        self.compiler = compiler
        self.executor = executor
        self.keepGoing = keepGoing
    }

    public func run(_ notebook: Notebook) throws -> RunResult {
        try run(notebook, plan: NotebookPlan(notebook, syntax: syntax))
    }

    /// Runs `notebook`, planned as `plan`; with a pool, the program keeps checkpoints in it.
    func run(_ notebook: Notebook, plan: NotebookPlan, keeping pool: CheckpointPool? = nil) throws -> RunResult {
        let scratch = try ScratchFolders.make()
        defer { ScratchFolders.remove(scratch) }
        var state = RunState(plan: plan, notebook: notebook, scratch: scratch.path)
        let keepGoing = self.keepGoing ?? notebook.keepGoing
        let compile = { (program: Program) in try compiler.compile(program, in: scratch, notebook: notebook) }
        let check = { (plain: Program) in
            try compiler.compile(plain, in: scratch, notebook: notebook, typecheckOnly: true)
        }
        while let (program, executable) = try build(&state, compile: compile, check: check) {
            let locations = state.locations(for: program)
            let checkpoints = try pool?.prepare(compiler.prefixKeys(for: program))
            let cacheEnvironment = try executionCache?.environment(
                for: program, plan: plan, keys: compiler.prefixKeys(for: program), scratch: scratch)
            var run = try executor.run(
                executable, locations: locations, scratch: scratch,
                environment: (checkpoints?.environment ?? [:]).merging(cacheEnvironment ?? [:]) { $1 })
            if let pool, let checkpoints { pool.collect(checkpoints) }
            if let executionCache {
                state.cacheWarnings += executionCache.settle(&run, scratch: scratch, notebook: notebook)
            }
            state.record(run, program: program)
            guard keepGoing, let trapped = run.stoppedAt, !run.stoppedByLimit,
                program.cellIndices.last != trapped
            else { break }
            state.failures[trapped] = .trapped
        }
        return state.result()
    }

    /// Compiles the program for the cells that can still run, leaving out each cell that
    /// doesn't compile (and its dependents) until the rest does. Nil when nothing is left
    /// to run, or when the compiler fails in a way no cell explains.
    ///
    /// `compile` builds a program; `check` type-checks the same program without the calls
    /// that report values early, for the diagnostics as the author's code alone gives them.
    func build(
        _ state: inout RunState, compile: (Program) throws -> Build, check typecheck: (Program) throws -> Build
    ) throws -> (Program, URL)? {
        while true {
            let program = Program(state.plan, notebook: state.notebook, excluding: state.excluded)
            if program.cellIndices.isEmpty { return nil }
            let build = try compile(program)
            let locations = state.locations(for: program)
            if let executable = build.executable {
                state.warnings = build.diagnostics.filter { $0.severity != .error }.map(locations.userDiagnostic)
                return (program, executable)
            }
            // The diagnostics as the author's code alone gives them, without the calls that
            // report values early (they change how some type errors read).
            let plain = Program(state.plan, notebook: state.notebook, excluding: state.excluded, reporting: false)
            let check = try typecheck(plain)
            let usePlain = check.diagnostics.contains { $0.severity == .error }
            let errors = (usePlain ? check.diagnostics : build.diagnostics).filter { $0.severity == .error }
            let errorLocations = usePlain ? state.locations(for: plain) : locations
            var broken: [Int: [Diagnostic]] = [:]
            var unexplained: [Diagnostic] = []
            for error in errors {
                let cell = error.location.flatMap { errorLocations.cell(file: $0.file, line: $0.line) }
                if let cell {
                    broken[cell.index, default: []].append(errorLocations.userDiagnostic(error))
                } else {
                    unexplained.append(errorLocations.userDiagnostic(error))
                }
            }
            guard !broken.isEmpty else {
                state.programFailure =
                    unexplained.isEmpty
                    ? [
                        Diagnostic(
                            .error, "the notebook's program failed to compile:\n" + locations.userText(build.log))
                    ]
                    : unexplained
                return nil
            }
            for (index, diagnostics) in broken {
                let expected = state.plan[index]?.cell.options.expectError == true
                state.failures[index] = expected ? .expectedCompileError(diagnostics) : .compileError(diagnostics)
            }
        }
    }
}

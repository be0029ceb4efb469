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

    public init(compiler: Compiler, executor: Executor, keepGoing: Bool? = nil) {
        self.compiler = compiler
        self.executor = executor
        self.keepGoing = keepGoing
    }

    public func run(_ notebook: Notebook) throws -> RunResult {
        let scratch = try ScratchFolders.make()
        defer { ScratchFolders.remove(scratch) }
        var state = RunState(plan: NotebookPlan(notebook, syntax: syntax), notebook: notebook, scratch: scratch.path)
        let keepGoing = self.keepGoing ?? notebook.keepGoing

        while let (program, executable) = try build(&state, in: scratch) {
            let locations = state.locations(for: program)
            let run = try executor.run(executable, locations: locations, scratch: scratch)
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
    private func build(_ state: inout RunState, in scratch: URL) throws -> (Program, URL)? {
        while true {
            let program = Program(state.plan, notebook: state.notebook, excluding: state.excluded)
            if program.cellIndices.isEmpty { return nil }
            let build = try compiler.compile(program, in: scratch, notebook: state.notebook)
            let locations = state.locations(for: program)
            if let executable = build.executable {
                state.warnings = build.diagnostics.filter { $0.severity != .error }.map(locations.userDiagnostic)
                return (program, executable)
            }
            // The diagnostics as the author's code alone gives them, without the calls that
            // report values early (they change how some type errors read).
            let plain = Program(state.plan, notebook: state.notebook, excluding: state.excluded, reporting: false)
            let check = try compiler.compile(plain, in: scratch, notebook: state.notebook, typecheckOnly: true)
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

/// What the runner knows about a notebook's cells so far, over its compiles and runs.
private struct RunState {
    enum Failure {
        case compileError([Diagnostic])
        case expectedCompileError([Diagnostic])
        case trapped
    }

    var plan: NotebookPlan
    var notebook: Notebook
    var scratch: String
    /// Cells left out of the program, and why.
    var failures: [Int: Failure] = [:]
    /// The first run that reached a cell decides its result; later runs are compared with it.
    var results: [Int: CellResult] = [:]
    /// The cell whose trap stopped the program, when nothing ran after it.
    var stoppedAt: Int?
    var warnings: [Diagnostic] = []
    /// The planner's warnings: porting traps found in the cells' syntax.
    var planWarnings: [Diagnostic] = []
    /// Errors that no cell explains; set when the program can't be built at all.
    var programFailure: [Diagnostic]?

    init(plan: NotebookPlan, notebook: Notebook, scratch: String) {
        self.plan = plan
        self.notebook = notebook
        self.scratch = scratch
        for planned in plan.cells where !planned.diagnostics.isEmpty {
            failures[planned.cell.index] = .compileError(planned.diagnostics)
        }
        planWarnings = plan.cells.flatMap(\.warnings)
    }

    /// The cells the program leaves out: the failed ones and all that depend on them.
    var excluded: Set<Int> {
        let failed = Set(failures.keys)
        return failed.union(plan.dependents(of: failed).keys)
    }

    func locations(for program: Program) -> ProgramLocations {
        ProgramLocations(program: program, plan: plan, notebook: notebook, scratch: scratch)
    }

    mutating func record(_ run: Executor.ProgramRun, program: Program) {
        stoppedAt = run.stoppedAt
        for index in program.cellIndices {
            guard let cellRun = run.cells[index], let cell = plan[index]?.cell else { continue }
            if var earlier = results[index] {
                if earlier.stdout != cellRun.stdout {
                    earlier.rerunDiffers = true
                    results[index] = earlier
                }
                continue
            }
            var result = CellResult(
                cell: cell, status: .ok, stdout: cellRun.stdout, stderr: cellRun.stderr,
                tensors: cellRun.tensors)
            result.outputCut = cellRun.stdoutCut
            result.figures = cellRun.figures
            result.inspections = cellRun.inspections
            switch cellRun.outcome {
            case .ran:
                break
            case .failed(let error):
                result.status = .error
                result.error = error
            case .failedAsExpected(let error):
                result.status = .expectedError
                result.error = error
            case .ranUnexpectedly:
                result.status = .error
                result.error = CellError(
                    message: "expected an error, but the cell ran", line: cell.line,
                    sourceLine: notebook.line(cell.line))
            }
            results[index] = result
        }
    }

    /// Every cell of the notebook, with what happened to it, and its highlighted code.
    func result() -> RunResult {
        var result = outcome()
        for index in result.cells.indices {
            result.cells[index].highlighted = plan[result.cells[index].cell.index]?.highlighted
        }
        return result
    }

    private func outcome() -> RunResult {
        let failed = Set(failures.keys)
        let blocked = plan.dependents(of: failed)
        var compileDiagnostics: [Diagnostic] = []
        let cells = notebook.cells.map { cell -> CellResult in
            let index = cell.index
            guard cell.options.eval else { return CellResult(cell: cell, status: .skipped) }
            if let programFailure {
                return CellResult(cell: cell, status: .notRun, reason: programFailure.first?.message)
            }
            switch failures[index] {
            case .compileError(let diagnostics):
                compileDiagnostics += diagnostics
                let first = diagnostics.first
                return CellResult(
                    cell: cell, status: .error,
                    error: CellError(
                        message: first?.message ?? "the cell does not compile", line: first?.location?.line,
                        column: first?.location?.column, sourceLine: first?.sourceLine, diagnostics: diagnostics))
            case .expectedCompileError(let diagnostics):
                let first = diagnostics.first
                return CellResult(
                    cell: cell, status: .expectedError,
                    error: CellError(
                        message: first?.message ?? "", line: first?.location?.line, column: first?.location?.column,
                        sourceLine: first?.sourceLine, diagnostics: diagnostics))
            case .trapped, nil:
                break
            }
            if let result = results[index] { return result }
            if let use = blocked[index] {
                return CellResult(cell: cell, status: .notRun, reason: reason(for: use, blocked: blocked))
            }
            let reason = stoppedAt.map {
                "cell \($0) stopped the program before this cell ran (--keep-going runs the cells that don't use it)"
            }
            return CellResult(cell: cell, status: .notRun, reason: reason)
        }
        return RunResult(
            notebook: notebook, cells: cells,
            diagnostics: notebook.diagnostics + planWarnings + warnings + compileDiagnostics + (programFailure ?? []))
    }

    /// `uses 'a', declared in cell 2, which does not compile`.
    private func reason(for use: PlannedCell.Use, blocked: [Int: PlannedCell.Use]) -> String {
        let culprit = use.cells.filter { failures[$0] != nil || blocked[$0] != nil }.min() ?? use.cells.min() ?? 0
        let why =
            switch failures[culprit] {
            case .compileError: "which does not compile"
            case .expectedCompileError: "which is expected to fail"
            case .trapped: "which trapped"
            case nil: "which did not run"
            }
        return "uses '\(use.name)', declared in cell \(culprit), \(why)"
    }
}

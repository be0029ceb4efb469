import Foundation

/// What the runner knows about a notebook's cells so far, over its compiles and runs.
struct RunState {
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
    /// Cells marked `cache=true` that the execution cache found it can't keep, as it ran them.
    var cacheWarnings: [Diagnostic] = []
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
            result.reuse = cellRun.reuse
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
            diagnostics: planWarnings + cacheWarnings + warnings + compileDiagnostics + (programFailure ?? []))
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

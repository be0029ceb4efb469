import Foundation

/// Runs a parsed notebook end to end: Plan → Build → Execute.
///
/// A compile error stops the program from being built at all. The runner then
/// finds the cell the first error points into, marks it failed with the compiler's
/// message, and still runs the cells before it, so the report shows as much as it can.
public struct NotebookRunner: Sendable {
    public var compiler: Compiler
    public var executor: Executor

    public init(compiler: Compiler, executor: Executor = Executor()) {
        self.compiler = compiler
        self.executor = executor
    }

    public func run(_ notebook: Notebook) throws -> RunResult {
        let scratch = try ScratchFolders.make()
        defer { ScratchFolders.remove(scratch) }

        let program = Program(planning: notebook)
        let build = try compiler.compile(program, in: scratch, notebook: notebook)
        let diagnostics = notebook.diagnostics + build.diagnostics
        if let executable = build.executable {
            let cells = try executor.run(executable, program: program, notebook: notebook, scratch: scratch)
            return RunResult(notebook: notebook, cells: cells, diagnostics: diagnostics)
        }
        return try recover(from: build, notebook: notebook, scratch: scratch, diagnostics: diagnostics)
    }

    /// Runs the cells before the first cell with a compile error, and reports that cell as failed.
    private func recover(from build: Build, notebook: Notebook, scratch: URL,
                         diagnostics: [Diagnostic]) throws -> RunResult {
        let errors = build.diagnostics.filter { $0.severity == .error }
        let failing = errors.lazy.compactMap { error -> (Cell, Diagnostic)? in
            guard let location = error.location, location.file == notebook.file,
                  let cell = notebook.cells.last(where: { $0.line < location.line }) else { return nil }
            return (cell, error)
        }.min { $0.0.index < $1.0.index }

        var cells: [CellResult] = []
        if let (cell, _) = failing, cell.index > 1 {
            let earlier = Program(planning: notebook, through: cell.index - 1)
            let retry = try compiler.compile(earlier, in: scratch, notebook: notebook)
            if let executable = retry.executable {
                cells = try executor.run(executable, program: earlier, notebook: notebook, scratch: scratch)
            }
        }
        if cells.isEmpty {
            cells = notebook.cells.map { CellResult(cell: $0, status: $0.options.eval ? .notRun : .skipped) }
        }
        let failingIndex = failing?.0.index ?? cells.first { $0.status != .skipped }?.cell.index
        if let failingIndex, let position = cells.firstIndex(where: { $0.cell.index == failingIndex }) {
            let cellErrors = failing.map { cell, _ in
                errors.filter { error in
                    notebook.cells.last { $0.line < (error.location?.line ?? 0) }?.index == cell.index
                }
            } ?? errors
            let first = cellErrors.first
            cells[position].status = .error
            cells[position].error = CellError(
                message: first?.message ?? "the notebook's program failed to compile:\n\(build.log)",
                line: first?.location?.line, sourceLine: first?.sourceLine, diagnostics: cellErrors)
            for later in cells.indices where later > position && cells[later].status != .skipped {
                cells[later] = CellResult(cell: cells[later].cell, status: .notRun)
            }
        }
        return RunResult(notebook: notebook, cells: cells, diagnostics: diagnostics)
    }
}

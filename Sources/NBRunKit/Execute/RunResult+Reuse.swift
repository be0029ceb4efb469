/// Carrying results from one version of a notebook to the next, and comparing them.
extension RunResult {
    /// The results for `notebook`, a later version in which the cells that ran have the
    /// same code: each cell's result goes to the cell of the same number, its lines move
    /// with the cell, and results without a mark get `reuse`.
    func moved(to notebook: Notebook, marking reuse: CellResult.Reuse) -> RunResult {
        let earlier = self.notebook
        func line(_ line: Int) -> Int {
            guard let old = earlier.cells.last(where: { $0.line <= line }),
                let new = notebook.cells.first(where: { $0.index == old.index })
            else { return line }
            return new.line + line - old.line
        }
        func location(_ location: SourceLocation?) -> SourceLocation? {
            guard var location, location.file == earlier.file else { return location }
            location.file = notebook.file
            location.line = line(location.line)
            return location
        }
        func movedDiagnostic(_ diagnostic: Diagnostic) -> Diagnostic {
            var moved = diagnostic
            moved.location = location(diagnostic.location)
            if let line = moved.location?.line, moved.location?.file == notebook.file {
                moved.sourceLine = notebook.line(line)
            }
            moved.notes = diagnostic.notes.map(movedDiagnostic)
            return moved
        }
        let cells = notebook.cells.map { cell -> CellResult in
            guard cell.options.eval else { return CellResult(cell: cell, status: .skipped) }
            guard var result = self.cells.first(where: { $0.cell.index == cell.index }) else {
                return CellResult(cell: cell, status: .notRun)
            }
            result.cell = cell
            if var error = result.error {
                error.line = error.line.map(line)
                error.sourceLine = error.line.map(notebook.line) ?? error.sourceLine
                error.diagnostics = error.diagnostics.map(movedDiagnostic)
                error.callers = error.callers.map(movedDiagnostic)
                result.error = error
            }
            if result.status != .skipped, result.reuse == nil { result.reuse = reuse }
            return result
        }
        return RunResult(notebook: notebook, cells: cells, diagnostics: diagnostics.map(movedDiagnostic))
    }

    /// The cells whose results a reader would see differ from `other`'s: what they
    /// printed, their status and error, their tensors and figures.
    public func cellsDiffering(from other: RunResult) -> [Int] {
        cells.compactMap { cell in
            guard let theirs = other.cells.first(where: { $0.cell.index == cell.cell.index }) else {
                return cell.cell.index
            }
            let same =
                cell.status == theirs.status && cell.stdout == theirs.stdout && cell.stderr == theirs.stderr
                && cell.error?.message == theirs.error?.message && cell.error?.line == theirs.error?.line
                && cell.tensors == theirs.tensors && cell.figures == theirs.figures && cell.reason == theirs.reason
            return same ? nil : cell.cell.index
        }
    }
}

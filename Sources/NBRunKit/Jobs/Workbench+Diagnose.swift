import Foundation

extension Workbench {
    /// What an editor shows for a notebook as it stands in the editor's buffer (`text`,
    /// which need not be saved): every error and warning of parsing, planning and
    /// type-checking its program (nothing runs), at notebook lines and character columns,
    /// and nbrun's own warnings: porting traps the planner finds (a range beside an index
    /// array) and the math KaTeX can't typeset.
    ///
    /// A compiler note (a redeclaration's first declaration) stays a note of its
    /// diagnostic. A cell that uses a name declared in a cell that doesn't compile gets a
    /// warning at that use, with a note at the first error of the cell that declares it.
    /// Nothing here throws: a notebook that can't be used is one error at its place.
    public func diagnose(
        _ text: String, file: String, syntax: SyntaxCache = .inMemory(), checkMath: Bool = true
    ) -> [Diagnostic] {
        let notebook: Notebook
        do { notebook = try Notebook(parsing: text, file: file) } catch { return [error.diagnostic] }
        let plan = NotebookPlan(notebook, syntax: syntax)
        // The plan's errors, and its warnings about porting traps (`probs[0..<n, y]`).
        var diagnostics = notebook.diagnostics + plan.cells.flatMap(\.diagnostics) + plan.cells.flatMap(\.warnings)
        diagnostics += typecheckDiagnostics(notebook, plan: plan)
        diagnostics += Self.blockedUses(notebook, plan: plan, diagnostics: diagnostics)
        if checkMath, let math = try? ReportMath(notebook: notebook, matrices: [], typesetter: mathTypesetter) {
            diagnostics += math.diagnostics
        }
        return diagnostics.filter { $0.location?.file == file }.sorted {
            ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0)
        }
    }

    /// swiftc's errors and warnings for the program of every cell that can be checked:
    /// not the `expect=error` cells (their errors are the point), nor the cells that use
    /// what those declare, nor a cell the planner already rejected.
    private func typecheckDiagnostics(_ notebook: Notebook, plan: NotebookPlan) -> [Diagnostic] {
        let expected = Set(plan.cells.filter(\.cell.options.expectError).map(\.cell.index))
        let excluded = expected.union(plan.dependents(of: expected).keys)
            .union(plan.cells.filter { !$0.diagnostics.isEmpty }.map(\.cell.index))
        let program = Program(plan, notebook: notebook, excluding: excluded, reporting: false)
        guard !program.cellIndices.isEmpty, let scratch = try? ScratchFolders.make() else { return [] }
        defer { ScratchFolders.remove(scratch) }
        // Every keystroke makes a new program: keep none of them in the cache.
        var compiler = runner.compiler
        compiler.cache = nil
        guard let build = try? compiler.compile(program, in: scratch, notebook: notebook, typecheckOnly: true) else {
            return []
        }
        let locations = ProgramLocations(program: program, plan: plan, notebook: notebook, scratch: scratch.path)
        return build.diagnostics.map(locations.userDiagnostic)
    }

    /// A warning at the first use, in each cell, of a name declared in a cell with errors.
    private static func blockedUses(_ notebook: Notebook, plan: NotebookPlan, diagnostics: [Diagnostic]) -> [Diagnostic]
    {
        var firstError: [Int: Diagnostic] = [:]
        for diagnostic in diagnostics where diagnostic.severity == .error {
            guard let line = diagnostic.location?.line,
                let cell = plan.cells.last(where: { $0.cell.line <= line })?.cell,
                firstError[cell.index] == nil
            else { continue }
            firstError[cell.index] = diagnostic
        }
        var warnings: [Diagnostic] = []
        for planned in plan.cells {
            guard let use = planned.uses.first(where: { !$0.cells.isDisjoint(with: firstError.keys) }),
                let culprit = use.cells.filter({ firstError[$0] != nil }).min(),
                let error = firstError[culprit]
            else { continue }
            let location = CellLocation(cell: planned.cell, notebook: notebook).location(ofUTF8Offset: use.offset)
            var note = error
            note.severity = .note
            note.message = "cell \(culprit) does not compile: " + error.message
            note.notes = []
            warnings.append(
                Diagnostic(
                    .warning,
                    "'\(use.name)' is declared in cell \(culprit), which does not compile, so this cell can't run",
                    at: location, sourceLine: notebook.line(location.line), notes: [note]))
        }
        return warnings
    }

    /// KaTeX under node, with its replies cached where reports keep them; nil without node.
    private var mathTypesetter: KaTeXTypesetter? {
        Report.installedNode().map {
            KaTeXTypesetter(
                node: $0, katexDirectory: URL(fileURLWithPath: "/usr/share/javascript/katex"),
                cache: cache.map(CacheDirectory.math(in:)))
        }
    }
}

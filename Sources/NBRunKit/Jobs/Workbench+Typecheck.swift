import Foundation

extension Workbench {
    /// Type-checks every cell of `notebook` as one program, without building or running
    /// it, and returns the errors, at the lines of the notebook it was made from.
    ///
    /// This is how `check --variant student` shows that the stubs of a student version
    /// compile. `expect=error` cells, and the cells that use what they declare, are left
    /// out: their errors are the point, and `check` of the notebook itself tests them.
    func typecheck(_ notebook: Notebook) throws -> [Diagnostic] {
        let plan = NotebookPlan(notebook, syntax: runner.syntax)
        let expected = Set(plan.cells.filter(\.cell.options.expectError).map(\.cell.index))
        let planErrors = plan.cells.filter { !expected.contains($0.cell.index) }.flatMap(\.diagnostics)
        let excluded = expected.union(plan.dependents(of: expected).keys)
            .union(plan.cells.filter { !$0.diagnostics.isEmpty }.map(\.cell.index))
        let program = Program(plan, notebook: notebook, excluding: excluded, reporting: false)
        guard !program.cellIndices.isEmpty else { return planErrors.map(notebook.originalDiagnostic) }
        let scratch = try ScratchFolders.make()
        defer { ScratchFolders.remove(scratch) }
        let build = try runner.compiler.compile(program, in: scratch, notebook: notebook, typecheckOnly: true)
        let locations = ProgramLocations(program: program, plan: plan, notebook: notebook, scratch: scratch.path)
        let errors = build.diagnostics.filter { $0.severity == .error }.map(locations.userDiagnostic)
        if errors.isEmpty, build.log.contains("error:") {
            // swiftc failed in a way no diagnostic explains.
            return [
                Diagnostic(.error, "the notebook's program failed to type-check:\n" + locations.userText(build.log))
            ]
        }
        return (planErrors + errors).map(notebook.originalDiagnostic)
    }
}

/// Cells marked `cache=true`: which can be cached, and what their code gives the execution cache.
extension PlannedCell {
    /// What a cell marked `cache=true` gives the execution cache, each value under the
    /// author's name and the program's.
    struct CacheCode: Sendable, Equatable {
        /// The earlier cells' stored variables the cell may read or change: those it names,
        /// and those that the functions and types it uses reach, through other cells too.
        var inputs: [Capture]
        /// The cell's own stored variables.
        var values: [Capture]

        struct Capture: Sendable, Equatable {
            var name: String
            var generated: String
        }

        /// Why a cell can't be cached, as a warning at the place that says so.
        struct Refusal: Error {
            var diagnostic: Diagnostic
        }

        /// The cache code of a cell marked `cache=true`, with each of its values wrapped in
        /// `restore` in `code`; or the warning that says why it can't be cached.
        ///
        /// `reach` holds the stored variables the cell's code may read or change (program's
        /// name → author's), its own included; `resolve` says which cell declares what a
        /// reference names, and the program's name for it.
        static func plan(
            _ cell: Cell, syntax: CellSyntax, stayReason: String?, reach: [String: String], values: [Capture],
            resolve: (CellSyntax.Reference) -> (cell: Int, generated: String)?, notebook: Notebook,
            code: inout EditedSource
        ) -> Result<CacheCode, Refusal> {
            if let (reason, offset) = obstacle(cell, syntax: syntax, stayReason: stayReason, resolve: resolve) {
                let location = CellLocation(cell: cell, notebook: notebook).location(ofUTF8Offset: offset)
                return .failure(
                    Refusal(
                        diagnostic: Diagnostic(
                            .warning, "cache=true can't apply: \(reason); the cell runs every time", at: location,
                            sourceLine: notebook.line(location.line))))
            }
            let own = Set(values.map(\.generated))
            // A restored cell's initialisers return the saved values; `restore` also reports
            // them, as `bind` does for other cells.
            for value in syntax.restorableValues {
                code.insert(
                    "\(NotebookPlan.session).restore(\(Escape.swiftLiteral(value.name))) { ",
                    at: value.range.lowerBound, reporting: true)
                code.insert(" }", at: value.range.upperBound, reporting: true)
            }
            return .success(
                CacheCode(
                    inputs: reach.filter { !own.contains($0.key) }.sorted { $0.key < $1.key }
                        .map { Capture(name: $0.value, generated: $0.key) },
                    values: values))
        }

        /// Why a cell marked `cache=true` can't be cached, and where (a UTF-8 offset into its
        /// source); nil when it can. A restored cell runs none of its statements, so it must
        /// leave nothing behind but its own variables (each restorable) and the state the
        /// runtime saves (`net`, the random stream, the print options).
        private static func obstacle(
            _ cell: Cell, syntax: CellSyntax, stayReason: String?,
            resolve: (CellSyntax.Reference) -> (cell: Int, generated: String)?
        ) -> (String, Int)? {
            if cell.options.expectError { return ("a cell marked expect=error runs in a child process", 0) }
            if let stayReason { return ("the cell stays top-level code (\(stayReason))", 0) }
            let restorable = Set(syntax.restorableValues.map(\.name))
            if let declaration = syntax.declarations.first(where: { $0.isStored && !restorable.contains($0.name) }) {
                return (
                    "'\(declaration.name)' is declared in a form nbrun can't restore (a tuple pattern, "
                        + "an attribute, or no value)", declaration.nameRange.lowerBound
                )
            }
            let references = Dictionary(syntax.references.map { ($0.range, $0) }) { first, _ in first }
            for range in syntax.assignedNames {
                guard let reference = references[range], let declared = resolve(reference),
                    declared.cell != cell.index, declared.generated != "net"
                else { continue }
                return ("it assigns to '\(reference.name)', which cell \(declared.cell) declares", range.lowerBound)
            }
            return nil
        }
    }
}

import Foundation

/// The cells of a notebook as its program runs them, and the dependency graph between them.
///
/// For each cell the plan records what the cell declares at top level and which earlier
/// declarations it uses, resolving every name lexically, as swift-jupyter did:
///
/// - A top-level name declared again in a later cell, where Swift would reject the
///   redeclaration, *shadows* the earlier one from that cell on. The planner renames the
///   later declaration, and the uses that resolve to it, to a generated name; `let x = x * 2`
///   reads the previous `x`. Overloads with different signatures stay overloads, and a
///   redeclaration inside one cell stays Swift's own error.
/// - A use binds to the declaration visible where it is written, so a function declared
///   before a shadow keeps using the earlier value.
///
/// Generated names never reach the user: ``userNames`` turns them back in messages, and
/// captured values carry the author's names.
public struct NotebookPlan: Sendable {
    /// The cells that run (`eval=false` ones are left out), in document order.
    public var cells: [PlannedCell]
    /// Each generated name, and the author's name it stands for.
    public var userNames: [String: String]

    /// The name of the session object in generated code, chosen not to clash with a notebook's.
    static let session = "__nbrun"

    /// `syntax` keeps each cell's analysis between runs; by default every cell is parsed.
    public init(_ notebook: Notebook, syntax: SyntaxCache = SyntaxCache(directory: nil)) {
        var planner = Planner()
        let evaluated = notebook.cells.filter(\.options.eval)
        // Each cell's analysis is its own (a file of the cache, or a parse), so many cells'
        // are made on every core: decoding 500 of them was a quarter of nbrun's own time.
        let analyses = parallelMap(
            evaluated.map(\.source), jobs: evaluated.count >= 16 ? ProcessInfo.processInfo.activeProcessorCount : 1
        ) { syntax.analysis(of: $0) }
        cells = zip(evaluated, analyses).map { cell, analysis in
            planner.plan(cell, analysis: analysis, notebook: notebook)
        }
        userNames = planner.userNames
    }

    /// The planned cell with this index, if it runs.
    ///
    /// A binary search: the cells are in document order, so their indices increase, and
    /// a place in a program of 2,000 cells is mapped back by looking cells up.
    public subscript(index: Int) -> PlannedCell? {
        var low = 0
        var high = cells.count
        while low < high {
            let middle = (low + high) / 2
            if cells[middle].cell.index < index { low = middle + 1 } else { high = middle }
        }
        return low < cells.count && cells[low].cell.index == index ? cells[low] : nil
    }

    /// The cells that can't run because they use, directly or through other cells, a
    /// name declared in one of `failed`; each with the first such use.
    public func dependents(of failed: Set<Int>) -> [Int: PlannedCell.Use] {
        var blocked: [Int: PlannedCell.Use] = [:]
        var unavailable = failed
        for planned in cells where !failed.contains(planned.cell.index) {
            if let use = planned.uses.first(where: { !unavailable.isDisjoint(with: $0.cells) }) {
                blocked[planned.cell.index] = use
                unavailable.insert(planned.cell.index)
            }
        }
        return blocked
    }
}

/// One cell of the plan.
public struct PlannedCell: Sendable {
    public var cell: Cell
    /// The code with shadowing names renamed and early value reports added.
    var code: EditedSource
    /// What the cell leaves for the report to show: its stored top-level bindings and the
    /// earlier ones it uses, each under the author's name and the program's.
    var captures: [(name: String, generated: String)]
    /// The program's names for the cell's own stored top-level bindings.
    var declaredValues: [String]
    /// The program's names for the cell's own `let`s whose values the generated code reports
    /// as they are bound (`bind`): they can't change before the cell ends, so the call that
    /// ends the cell doesn't carry them again (each is 10% of a one-line cell's compile).
    var reportedWhenBound: Set<String> = []
    /// The earlier declarations the cell uses, in order of first use.
    public var uses: [Use]
    /// Errors found while planning (a use of a name that only an `expect=error` cell declares).
    public var diagnostics: [Diagnostic]
    /// Warnings found while planning: porting traps the compiler can't see
    /// (`probs[0..<n, y]`, a slice beside an integer array).
    public var warnings: [Diagnostic] = []
    /// The code as highlighted HTML, one string per line (from the same parse).
    public var highlighted: [String] = []
    /// How the code splits into declarations and statements (see ``Program``).
    var shape = CellShape()
    /// The program's names for the names the cell declares, where they differ.
    var generatedNames: [String: String] = [:]
    /// The program's names the cell declares at top level (functions and types too).
    var declaredNames: Set<String> = []
    /// The program's names the cell's code uses from outside itself, or the author's
    /// where no earlier cell declares them (a later cell may).
    var usedNames: Set<String> = []
    /// For a cell marked `cache=true` that can be cached: what its code gives the execution cache.
    var cache: CacheCode?

    /// A use of a name that earlier cells declare.
    public struct Use: Sendable, Equatable {
        public var name: String
        /// The cells whose declarations the name stands for (several for overloads).
        public var cells: Set<Int>
        /// Where the cell first uses it: a UTF-8 offset into the cell's source.
        public var offset = 0
    }

    /// The cells this one depends on.
    public var dependencies: Set<Int> { uses.reduce(into: []) { $0.formUnion($1.cells) } }
}

/// The state of planning a notebook, cell after cell.
private struct Planner {
    /// What a name stands for at a point of the notebook.
    struct Binding {
        var generated: String
        var cells: Set<Int>
        var kind: CellSyntax.Declaration.Kind
        /// For a function name: the signatures of its overloads.
        var signatures: Set<String> = []
        var inExpectedError = false
        var cell: Int
        /// For a variable, what its declaration's syntax says it holds.
        var value: IndexValue?
    }

    /// The names visible after the cells planned so far; `net` is there from the start.
    var environment: [String: Binding] = [
        "net": Binding(generated: "net", cells: [], kind: .variable(stored: false), cell: 0)
    ]
    var userNames: [String: String] = [:]
    /// Per cell, the stored variables its code may read or change (program's name → author's),
    /// its own included: what its functions and types reach when another cell calls them.
    var reachable: [Int: [String: String]] = [:]

    mutating func plan(_ cell: Cell, analysis: CellAnalysis, notebook: Notebook) -> PlannedCell {
        var planned = plan(
            cell, analysis: analysis.syntax, nesting: analysis.nesting, stayReason: analysis.shape.stayReason,
            notebook: notebook)
        planned.highlighted = analysis.highlighted
        planned.shape = analysis.shape
        // The rare cell whose declarations leave no room for their touches stays top-level
        // code after all (see `CellCode`): say so rather than cache it silently never.
        if planned.cache != nil, CellCode(planned, reporting: true).fileText(header: "") == nil {
            planned.cache = nil
            let location = CellLocation(cell: cell, notebook: notebook).location(ofUTF8Offset: 0)
            planned.warnings.append(
                Diagnostic(
                    .warning,
                    "cache=true can't apply: the cell stays top-level code (its declarations leave no room "
                        + "for nbrun's calls: put each on a line of its own); the cell runs every time",
                    at: location, sourceLine: notebook.line(location.line)))
        }
        return planned
    }

    private mutating func plan(
        _ cell: Cell, analysis syntax: CellSyntax, nesting: CellAnalysis.Nesting?, stayReason: String?,
        notebook: Notebook
    ) -> PlannedCell {
        if let problem = nesting {
            let location = CellLocation(cell: cell, notebook: notebook).location(ofUTF8Offset: problem.offset)
            let error = Diagnostic(
                .error,
                "more than \(NestingGuard.limit) '[' nested directly inside each other: nbrun's Swift parser "
                    + "would take minutes over this cell; build the value in steps, with a 'let' for the inner part",
                at: location, sourceLine: notebook.line(location.line))
            return PlannedCell(
                cell: cell, code: EditedSource(cell.source), captures: [], declaredValues: [], uses: [],
                diagnostics: [error])
        }
        let expectsError = cell.options.expectError
        var code = EditedSource(cell.source)
        let before = environment
        var own: [String: Binding] = [:]

        for declaration in syntax.declarations {
            let binding = declare(declaration, in: cell, own: own[declaration.name], earlier: before[declaration.name])
            own[declaration.name] = binding
            environment[declaration.name] = binding
            if binding.generated != declaration.name { code.replace(declaration.nameRange, with: binding.generated) }
        }

        // By name, once: a cell of thousands of statements must not compare each use with
        // every declaration (planning was quadratic: 42 s at 8,000 statements).
        var ownDeclarations: [String: [CellSyntax.Declaration]] = [:]
        for declaration in syntax.declarations { ownDeclarations[declaration.name, default: []].append(declaration) }
        var uses: [PlannedCell.Use] = []
        var useIndex: [String: Int] = [:]
        var captures: [(name: String, generated: String)] = []
        var captured: Set<String> = []
        var diagnostics: [Diagnostic] = []
        var usedNames: Set<String> = []
        var reach: [String: String] = [:]
        for declaration in syntax.declarations where declaration.isStored {
            if let generated = own[declaration.name]?.generated { reach[generated] = declaration.name }
        }
        for reference in syntax.references {
            guard
                let binding = Self.binding(
                    for: reference.name, at: reference.range.lowerBound, deferred: reference.deferred,
                    declarations: ownDeclarations, own: own, before: before)
            else {
                usedNames.insert(reference.name)
                continue
            }
            if binding.cell != cell.index { usedNames.insert(binding.generated) }
            for other in binding.cells where other != cell.index {
                switch binding.kind {
                case .variable(stored: true): reach[binding.generated] = reference.name
                case .variable(stored: false): break
                case .function, .type, .typeAlias:
                    reach.merge(reachable[other] ?? [:]) { first, _ in first }
                }
            }
            if binding.inExpectedError, binding.cell != cell.index {
                diagnostics.append(Self.expectedErrorUse(reference, binding: binding, cell: cell, notebook: notebook))
                continue
            }
            if binding.cell != cell.index, !binding.cells.isEmpty {
                if let index = useIndex[reference.name] {
                    uses[index].cells.formUnion(binding.cells)
                } else {
                    useIndex[reference.name] = uses.count
                    uses.append(.init(name: reference.name, cells: binding.cells, offset: reference.range.lowerBound))
                }
                if binding.kind == .variable(stored: true), captured.insert(reference.name).inserted {
                    captures.append((reference.name, binding.generated))
                }
            }
            if binding.generated != reference.name {
                if reference.isShorthand {
                    code.insert(" = \(binding.generated)", at: reference.range.upperBound)
                } else {
                    code.replace(reference.range, with: binding.generated)
                }
            }
        }

        var warnings = syntax.rangeSubscripts.compactMap { found -> Diagnostic? in
            let array =
                found.hasArray
                || found.names.contains { name in
                    Self.binding(
                        for: name.name, at: name.offset, deferred: false, declarations: ownDeclarations, own: own,
                        before: before)?
                        .value == .array
                }
            guard array else { return nil }
            let location = CellLocation(cell: cell, notebook: notebook).location(ofUTF8Offset: found.offset)
            return Diagnostic(.warning, found.message, at: location, sourceLine: notebook.line(location.line))
        }

        // The cell's own stored bindings first, then the earlier ones it uses.
        var ownCaptures: [(name: String, generated: String)] = []
        var ownCaptured: Set<String> = []
        for declaration in syntax.declarations where declaration.isStored {
            guard let binding = own[declaration.name], ownCaptured.insert(declaration.name).inserted else { continue }
            ownCaptures.append((declaration.name, binding.generated))
        }
        reachable[cell.index] = reach
        var cache: PlannedCell.CacheCode?
        if cell.options.cache ?? notebook.cache, !expectsError || cell.options.cache == true {
            let environment = before
            switch PlannedCell.CacheCode.plan(
                cell, syntax: syntax, stayReason: stayReason, reach: reach,
                values: ownCaptures.map { .init(name: $0.name, generated: $0.generated) },
                resolve: { reference in
                    Self.binding(
                        for: reference.name, at: reference.range.lowerBound, deferred: reference.deferred,
                        declarations: ownDeclarations, own: own, before: environment
                    ).map { ($0.cell, $0.generated) }
                }, notebook: notebook, code: &code)
            {
            case .success(let planned): cache = planned
            case .failure(let warning): warnings.append(warning.diagnostic)
            }
        }
        // A cached cell's values are reported by `restore`, which wraps the same values.
        var reportedWhenBound: Set<String> = []
        for initializer in syntax.initializers where cache == nil {
            code.insert(
                "\(NotebookPlan.session).bind(\(Escape.swiftLiteral(initializer.name)), ",
                at: initializer.range.lowerBound, reporting: true)
            code.insert(")", at: initializer.range.upperBound, reporting: true)
            if initializer.isConstant, let generated = own[initializer.name]?.generated {
                reportedWhenBound.insert(generated)
            }
        }
        if expectsError {
            // Its declarations live in a closure: visible to no later cell.
            for name in own.keys { environment[name]?.inExpectedError = true }
        }
        // A name the cell declares again shows its new value, not the one it shadowed.
        let earlierCaptures = captures.filter { !ownCaptured.contains($0.name) }
        var planned = PlannedCell(
            cell: cell, code: code, captures: expectsError ? [] : ownCaptures + earlierCaptures,
            declaredValues: ownCaptures.map(\.generated), uses: uses, diagnostics: diagnostics, warnings: warnings)
        for (name, binding) in own where binding.generated != name { planned.generatedNames[name] = binding.generated }
        planned.declaredNames = Set(own.values.map(\.generated))
        planned.usedNames = usedNames
        planned.cache = cache
        planned.reportedWhenBound = expectsError ? [] : reportedWhenBound
        return planned
    }

    /// What a name used at `offset` in a cell stands for: the cell's own declaration when
    /// it is visible there (a function or type anywhere, a variable once declared), else
    /// the earlier cells'.
    private static func binding(
        for name: String, at offset: Int, deferred: Bool, declarations: [String: [CellSyntax.Declaration]],
        own: [String: Binding], before: [String: Binding]
    ) -> Binding? {
        let ownDeclarations = declarations[name] ?? []
        let seesOwn =
            !ownDeclarations.isEmpty
            && (deferred || ownDeclarations.contains { !$0.isVariable || offset >= $0.end })
        return seesOwn ? own[name] : before[name]
    }

    /// The binding a declaration makes, given what the name meant in this cell and before it.
    private mutating func declare(
        _ declaration: CellSyntax.Declaration, in cell: Cell,
        own: Binding?, earlier: Binding?
    ) -> Binding {
        var signatures: Set<String> = []
        if case .function(let signature) = declaration.kind { signatures = [signature] }
        // Within one cell Swift's own rules apply: overloads join, a real clash stays its error.
        if let own {
            var binding = own
            binding.signatures.formUnion(signatures)
            return binding
        }
        if let earlier, !earlier.inExpectedError, case .function(let signature) = declaration.kind,
            case .function = earlier.kind, !earlier.signatures.contains(signature)
        {
            // An overload with a new signature joins the earlier ones.
            var binding = earlier
            binding.signatures.insert(signature)
            binding.cells.insert(cell.index)
            binding.cell = cell.index
            return binding
        }
        let generated = earlier == nil ? Self.token(declaration.name) : fresh(declaration.name, cell: cell.index)
        return Binding(
            generated: generated, cells: [cell.index], kind: declaration.kind, signatures: signatures,
            cell: cell.index, value: declaration.value)
    }

    /// A name for a shadowing declaration that no notebook is likely to use, as code writes it.
    private mutating func fresh(_ name: String, cell: Int) -> String {
        var generated = "\(name)__nb\(cell)"
        while userNames[generated] != nil || environment[generated] != nil { generated += "_" }
        userNames[generated] = name
        return Self.token(generated)
    }

    /// `name` as generated code must write it: in backticks unless it is a plain identifier
    /// (a raw identifier such as `` `my value` ``, or a keyword; backticks around any name are
    /// harmless, but they would move the columns of a plain one).
    static func token(_ name: String) -> String {
        let plain =
            name.first.map { $0 == "_" || $0.isLetter } == true
            && name.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
        return plain && !swiftKeywords.contains(name) ? name : "`\(name)`"
    }

    /// The words Swift reserves in expressions and declarations.
    private static let swiftKeywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
        "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true",
        "try", "_"
    ]

    private static func expectedErrorUse(
        _ reference: CellSyntax.Reference, binding: Binding, cell: Cell,
        notebook: Notebook
    ) -> Diagnostic {
        let location = CellLocation(cell: cell, notebook: notebook).location(ofUTF8Offset: reference.range.lowerBound)
        return Diagnostic(
            .error,
            "'\(reference.name)' is declared in cell \(binding.cell), which is expected to fail (expect=error), "
                + "so no later cell can use it",
            at: location, sourceLine: notebook.line(location.line))
    }
}

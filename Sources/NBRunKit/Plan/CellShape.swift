import SwiftSyntax

/// How a cell's top-level code divides into declarations and statements, so that the cell
/// can become a file of its own (see ``Program``): declarations at file scope, statements
/// in order in the cell's entry function.
///
/// Some code means something else, or doesn't compile, once split that way: a top-level
/// `guard` or a `var` declared without a value (both rely on top-level code's definite
/// initialisation), `defer`, `return` and uncaught `try`/`throw`/`await` (a function
/// would change what they do), `#if` blocks, attributes on globals, and `private` (which
/// would hide a name from the other cells' files). Such a cell stays top-level code of
/// `main.swift`, as every cell used to be; ``stayReason`` says why.
struct CellShape: Sendable, Equatable, Codable {
    /// The top-level items, in order.
    var items: [Item] = []
    /// Why the cell can't be split; nil when it can.
    var stayReason: String?
    /// The cell declares something that changes other cells' code without naming it: an
    /// extension or an operator.
    var extendsModule = false

    struct Item: Sendable, Equatable, Codable {
        enum Kind: Sendable, Equatable, Codable {
            /// Stays at file scope. `touches` are the stored variables (the first name of each
            /// binding) whose initialisers must run here, in the cell's order.
            case declaration(touches: [String])
            /// Runs in the entry function.
            case statement
        }

        var kind: Kind
        /// The item and its semicolon, without surrounding trivia, as UTF-8 offsets.
        var range: Range<Int>
        /// For `import X`: the declaration's text, which every later cell's file repeats.
        var importText: String?
    }

    init() {}

    init(tree: SourceFileSyntax) {
        for statement in tree.statements {
            let range =
                statement.positionAfterSkippingLeadingTrivia
                .utf8Offset..<statement.endPositionBeforeTrailingTrivia
                .utf8Offset
            let (kind, reason) = Self.kind(of: Syntax(statement.item))
            if let reason, stayReason == nil { stayReason = reason }
            let importText = statement.item.as(ImportDeclSyntax.self)?.trimmedDescription
            if statement.item.is(ExtensionDeclSyntax.self) || statement.item.is(OperatorDeclSyntax.self)
                || statement.item.is(PrecedenceGroupDeclSyntax.self)
            {
                extendsModule = true
            }

            items.append(Item(kind: kind, range: range, importText: importText))
        }
        if stayReason == nil { stayReason = TopLevelEffects(tree).reason }
    }

    /// Where an item goes, or why it makes the cell stay top-level code.
    private static func kind(of item: Syntax) -> (Item.Kind, String?) {
        if let variable = item.as(VariableDeclSyntax.self) {
            if !variable.attributes.isEmpty { return (.statement, "a global with an attribute") }
            var touches: [String] = []
            for binding in variable.bindings {
                let names = Self.names(in: binding.pattern)
                if binding.accessorBlock != nil, binding.initializer == nil { continue }  // computed: nothing to run
                if binding.initializer == nil { return (.statement, "a variable declared without a value") }
                if let first = names.first { touches.append(first) }
            }
            // `let _ = f()` binds nothing: it is a statement that runs `f()`.
            let bindsNothing = variable.bindings.allSatisfy { Self.names(in: $0.pattern).isEmpty }
            return bindsNothing ? (.statement, nil) : (.declaration(touches: touches), nil)
        }
        if item.is(GuardStmtSyntax.self) { return (.statement, "a top-level guard") }
        if item.is(DeferStmtSyntax.self) { return (.statement, "a top-level defer") }
        if item.is(IfConfigDeclSyntax.self) || item.is(PoundSourceLocationSyntax.self)
            || item.is(MacroExpansionDeclSyntax.self) || item.is(MacroExpansionExprSyntax.self)
        {
            return (.statement, "a compiler directive at top level")
        }
        if item.is(FunctionDeclSyntax.self) || item.is(StructDeclSyntax.self) || item.is(ClassDeclSyntax.self)
            || item.is(EnumDeclSyntax.self) || item.is(ActorDeclSyntax.self) || item.is(ProtocolDeclSyntax.self)
            || item.is(ExtensionDeclSyntax.self) || item.is(TypeAliasDeclSyntax.self) || item.is(ImportDeclSyntax.self)
            || item.is(OperatorDeclSyntax.self) || item.is(PrecedenceGroupDeclSyntax.self)
        {
            return (.declaration(touches: []), nil)
        }
        if item.is(DeclSyntax.self) { return (.statement, "a declaration that only top-level code allows") }
        return (.statement, nil)
    }

    /// The names a pattern binds (tuples flattened; `_` binds nothing).
    private static func names(in pattern: PatternSyntax) -> [String] {
        if let identifier = pattern.as(IdentifierPatternSyntax.self) { return [identifier.identifier.identifierName] }
        if let tuple = pattern.as(TuplePatternSyntax.self) { return tuple.elements.flatMap { names(in: $0.pattern) } }
        if let binding = pattern.as(ValueBindingPatternSyntax.self) { return names(in: binding.pattern) }
        return []
    }
}

/// Finds what top-level code does that a function body would do differently: `return`,
/// a `try` or `throw` that no `do`/`catch` catches, `await`, and `private` anywhere.
private final class TopLevelEffects: SyntaxVisitor {
    var reason: String?

    init(_ tree: SourceFileSyntax) {
        super.init(viewMode: .sourceAccurate)
        walk(tree)
    }

    override func visit(_ node: TokenSyntax) -> SyntaxVisitorContinueKind {
        if node.tokenKind == .keyword(.private) || node.tokenKind == .keyword(.fileprivate) {
            note("private or fileprivate")
        }
        return .visitChildren
    }

    override func visit(_ node: ReturnStmtSyntax) -> SyntaxVisitorContinueKind {
        if Self.isTopLevelCode(Syntax(node)) { note("a top-level return") }
        return .visitChildren
    }

    override func visit(_ node: AwaitExprSyntax) -> SyntaxVisitorContinueKind {
        if Self.isTopLevelCode(Syntax(node)) { note("a top-level await") }
        return .visitChildren
    }

    override func visit(_ node: TryExprSyntax) -> SyntaxVisitorContinueKind {
        if node.questionOrExclamationMark == nil, Self.isTopLevelCode(Syntax(node)), !Self.isCaught(Syntax(node)) {
            note("a top-level try that nothing catches")
        }
        return .visitChildren
    }

    override func visit(_ node: ThrowStmtSyntax) -> SyntaxVisitorContinueKind {
        if Self.isTopLevelCode(Syntax(node)), !Self.isCaught(Syntax(node)) { note("a top-level throw") }
        return .visitChildren
    }

    private func note(_ text: String) {
        if reason == nil { reason = text }
    }

    /// Code that runs where it stands, not inside a function, closure, accessor or type.
    static func isTopLevelCode(_ node: Syntax) -> Bool {
        var current = node.parent
        while let node = current, !node.is(SourceFileSyntax.self) {
            if node.is(ClosureExprSyntax.self) || node.is(FunctionDeclSyntax.self)
                || node.is(InitializerDeclSyntax.self) || node.is(DeinitializerDeclSyntax.self)
                || node.is(SubscriptDeclSyntax.self) || node.is(AccessorBlockSyntax.self)
                || node.is(MemberBlockSyntax.self)
            {
                return false
            }
            current = node.parent
        }
        return true
    }

    /// Inside the body of a `do` whose catch clauses include one that catches everything.
    private static func isCaught(_ node: Syntax) -> Bool {
        var child = node
        var current = node.parent
        while let node = current, !node.is(SourceFileSyntax.self) {
            if let statement = node.as(DoStmtSyntax.self), statement.body.id == child.id,
                statement.catchClauses.contains(where: { $0.catchItems.isEmpty })
            {
                return true
            }
            child = node
            current = node.parent
        }
        return false
    }
}

import Foundation
@_spi(Experimental) import SwiftLexicalLookup
import SwiftParser
import SwiftSyntax

/// What one cell's code declares at its top level, and which names from outside the
/// cell it uses, found with the real Swift grammar and swift-syntax's lexical lookup.
///
/// A name counts as used from outside when lookup finds no local declaration for it
/// (a parameter, a closure parameter, a local `let`, a member of an enclosing type …).
/// Member accesses (`a.x`), argument labels, key path components and enum cases
/// (`.x`) are not uses of a name. All positions are UTF-8 offsets into the cell's source.
struct CellSyntax: Sendable, Equatable, Codable {
    var declarations: [Declaration] = []
    var references: [Reference] = []
    /// Top-level bindings whose initial value generated code may wrap, to report it early.
    var initializers: [Initializer] = []
    /// Subscripts that pair a Swift range with what may be an integer array (a porting trap).
    var rangeSubscripts: [RangeSubscript] = []
    /// Top-level `let x = …`/`var x = …` (one name, a value, no attribute), each with its
    /// whole value (`try` included): what a cell marked `cache=true` can restore.
    var restorableValues: [Initializer] = []
    /// The name tokens that code assigns to or passes `inout`, anywhere in the cell: the
    /// base name of `x = …`, `x[i] += …`, `x.y = …`, `&x`.
    var assignedNames: [Range<Int>] = []

    struct Declaration: Sendable, Equatable, Codable {
        enum Kind: Sendable, Equatable, Codable {
            /// `let`/`var` (and names bound by a top-level `guard`); `stored` is false for computed ones.
            case variable(stored: Bool)
            /// A function, with the parts of its signature that decide whether it overloads another.
            case function(signature: String)
            case type
            case typeAlias
        }

        var name: String
        var kind: Kind
        /// The name token, backticks included.
        var nameRange: Range<Int>
        /// The end of the declaring statement: top-level code after it sees the declaration.
        var end: Int
        /// For a variable, what its syntax says it holds (a range, an integer array, a number).
        var value: IndexValue?

        var isFunction: Bool { if case .function = kind { true } else { false } }
        var isVariable: Bool { if case .variable = kind { true } else { false } }
        var isStored: Bool { kind == .variable(stored: true) }
    }

    struct Reference: Sendable, Equatable, Codable {
        var name: String
        /// The token that names it.
        var range: Range<Int>
        /// Inside a function, initializer, accessor or type body: it runs later, so it sees
        /// every declaration of its cell, wherever that is.
        var deferred: Bool
        /// `if let x {` or a capture `[x]`: the name both uses the outer `x` and binds a new one,
        /// so renaming the outer one must add `= newName` instead of replacing the token.
        var isShorthand: Bool
    }

    struct Initializer: Sendable, Equatable, Codable {
        var name: String
        /// Where the value's expression starts (after any `try`/`await`) and ends.
        var range: Range<Int>
        /// Declared with `let`: the value reported early is the one the cell ends with.
        var isConstant = false
    }

    init(source: String) {
        self.init(tree: Parser.parse(source: source))
    }

    init() {}

    init(tree: SourceFileSyntax) {
        for statement in tree.statements {
            collectDeclarations(in: statement)
        }
        let collector = ReferenceCollector(viewMode: .sourceAccurate)
        collector.walk(tree)
        references = collector.references
        let subscripts = RangeSubscriptCollector(viewMode: .sourceAccurate)
        subscripts.walk(tree)
        rangeSubscripts = subscripts.found
        let assignments = AssignmentCollector(viewMode: .sourceAccurate)
        assignments.walk(tree)
        assignedNames = assignments.names
    }

    // MARK: - Top-level declarations

    private mutating func collectDeclarations(in statement: CodeBlockItemSyntax) {
        let end = statement.endPositionBeforeTrailingTrivia.utf8Offset
        let item = Syntax(statement.item)
        if let variable = item.as(VariableDeclSyntax.self) {
            let wrappable = variable.attributes.isEmpty
            for binding in variable.bindings {
                let stored = Self.isStored(binding)
                for token in Self.names(in: binding.pattern) {
                    declarations.append(
                        Declaration(
                            name: token.identifierName, kind: .variable(stored: stored),
                            nameRange: token.utf8Range, end: end, value: IndexValue.declared(by: binding)))
                }
                if wrappable, stored, binding.pattern.is(IdentifierPatternSyntax.self),
                    let value = binding.initializer?.value
                {
                    let name = binding.pattern.trimmedDescription.unquoted
                    if let range = Self.wrappableRange(of: value) {
                        initializers.append(
                            Initializer(
                                name: name, range: range,
                                isConstant: variable.bindingSpecifier.tokenKind == .keyword(.let)))
                    }
                    let whole =
                        value.positionAfterSkippingLeadingTrivia
                        .utf8Offset..<value.endPositionBeforeTrailingTrivia.utf8Offset
                    restorableValues.append(Initializer(name: name, range: whole))
                }
            }
        } else if let function = item.as(FunctionDeclSyntax.self), case .identifier = function.name.tokenKind {
            declarations.append(
                Declaration(
                    name: function.name.identifierName,
                    kind: .function(signature: Self.signature(of: function)),
                    nameRange: function.name.utf8Range, end: end))
        } else if let type = item.asProtocol(NamedDeclSyntax.self), Self.isTypeDeclaration(item) {
            declarations.append(
                Declaration(
                    name: type.name.identifierName, kind: .type,
                    nameRange: type.name.utf8Range, end: end))
        } else if let alias = item.as(TypeAliasDeclSyntax.self) {
            declarations.append(
                Declaration(
                    name: alias.name.identifierName, kind: .typeAlias,
                    nameRange: alias.name.utf8Range, end: end))
        } else if let guardStatement = item.as(GuardStmtSyntax.self) {
            // A top-level `guard let` binds a global for the code after it.
            for condition in guardStatement.conditions {
                guard let binding = condition.condition.as(OptionalBindingConditionSyntax.self) else { continue }
                for token in Self.names(in: binding.pattern) {
                    declarations.append(
                        Declaration(
                            name: token.identifierName, kind: .variable(stored: true),
                            nameRange: token.utf8Range, end: end))
                }
            }
        }
    }

    private static func isTypeDeclaration(_ item: Syntax) -> Bool {
        item.is(StructDeclSyntax.self) || item.is(ClassDeclSyntax.self) || item.is(EnumDeclSyntax.self)
            || item.is(ActorDeclSyntax.self) || item.is(ProtocolDeclSyntax.self)
    }

    /// A binding with a value and no `get`/`set` (observers still make a stored variable).
    private static func isStored(_ binding: PatternBindingSyntax) -> Bool {
        switch binding.accessorBlock?.accessors {
        case nil: return true
        case .getter: return false
        case .accessors(let list):
            return list.allSatisfy { [.keyword(.willSet), .keyword(.didSet)].contains($0.accessorSpecifier.tokenKind) }
        }
    }

    /// The name tokens a pattern binds (tuple patterns flattened; `_` binds nothing).
    private static func names(in pattern: PatternSyntax) -> [TokenSyntax] {
        if let identifier = pattern.as(IdentifierPatternSyntax.self) { return [identifier.identifier] }
        if let tuple = pattern.as(TuplePatternSyntax.self) { return tuple.elements.flatMap { names(in: $0.pattern) } }
        if let binding = pattern.as(ValueBindingPatternSyntax.self) { return names(in: binding.pattern) }
        return []
    }

    /// The part of a value that a call can wrap: after `try` and `await` (which must stay
    /// in front), and nothing for `if`/`switch` expressions, which can't be arguments.
    private static func wrappableRange(of value: ExprSyntax) -> Range<Int>? {
        var expression = value
        while true {
            if let tryExpression = expression.as(TryExprSyntax.self) {
                expression = tryExpression.expression
            } else if let awaitExpression = expression.as(AwaitExprSyntax.self) {
                expression = awaitExpression.expression
            } else {
                break
            }
        }
        if expression.is(IfExprSyntax.self) || expression.is(SwitchExprSyntax.self) { return nil }
        return expression.positionAfterSkippingLeadingTrivia
            .utf8Offset..<expression.endPositionBeforeTrailingTrivia.utf8Offset
    }

    /// What decides whether two functions of one name overload each other or clash:
    /// argument labels, parameter types, generic clause and result type (not parameter
    /// names, not `throws`/`async`, which Swift doesn't overload on).
    static func signature(of function: FunctionDeclSyntax) -> String {
        let parameters = function.signature.parameterClause.parameters.map { parameter in
            parameter.firstName.text + ":" + parameter.type.trimmedDescription
                + (parameter.ellipsis == nil ? "" : "...")
        }
        var result = function.signature.returnClause?.type.trimmedDescription ?? "()"
        if result == "Void" { result = "()" }
        return (function.genericParameterClause?.trimmedDescription ?? "") + "(" + parameters.joined(separator: ",")
            + ")->" + result + (function.genericWhereClause.map { " " + $0.trimmedDescription } ?? "")
    }
}

// MARK: - References

/// Collects the uses of names that no local declaration explains.
private final class ReferenceCollector: SyntaxVisitor {
    var references: [CellSyntax.Reference] = []

    override func visit(_ node: DeclReferenceExprSyntax) -> SyntaxVisitorContinueKind {
        guard case .identifier = node.baseName.tokenKind else { return .visitChildren }
        if let member = node.parent?.as(MemberAccessExprSyntax.self), member.declName.id == node.id {
            return .visitChildren
        }
        if node.parent?.is(KeyPathPropertyComponentSyntax.self) == true { return .visitChildren }
        record(node.baseName, shorthand: false)
        return .visitChildren
    }

    override func visit(_ node: IdentifierTypeSyntax) -> SyntaxVisitorContinueKind {
        if case .identifier = node.name.tokenKind { record(node.name, shorthand: false) }
        return .visitChildren
    }

    override func visit(_ node: OptionalBindingConditionSyntax) -> SyntaxVisitorContinueKind {
        if node.initializer == nil, let pattern = node.pattern.as(IdentifierPatternSyntax.self) {
            record(pattern.identifier, shorthand: true)
        }
        return .visitChildren
    }

    override func visit(_ node: ClosureCaptureSyntax) -> SyntaxVisitorContinueKind {
        if node.initializer == nil, case .identifier = node.name.tokenKind { record(node.name, shorthand: true) }
        return .visitChildren
    }

    private func record(_ token: TokenSyntax, shorthand: Bool) {
        guard let identifier = Identifier(token), !isLocal(token, identifier: identifier, shorthand: shorthand) else {
            return
        }
        references.append(
            CellSyntax.Reference(
                name: token.identifierName, range: token.utf8Range,
                deferred: Self.isDeferred(token), isShorthand: shorthand))
    }

    /// Whether lookup finds a declaration of the name between the token and the cell's top level.
    private func isLocal(_ token: TokenSyntax, identifier: Identifier, shorthand: Bool) -> Bool {
        // A token in no scope but the file's is a top-level use. Lookup would say so too, but
        // only after collecting every top-level name of the cell: once per use, that made
        // planning quadratic in the cell's statements (42 s at 8,000).
        guard Self.isInLocalScope(token) else { return false }
        for result in token.lookup(identifier) {
            guard case .fromScope(let scope, let names) = result else { continue }
            if scope.is(SourceFileSyntax.self) { return false }  // a top-level `guard let`: the cell's own global
            // A shorthand binding introduces the name itself; that one doesn't count.
            let others = shorthand ? names.filter { $0.position != token.positionAfterSkippingLeadingTrivia } : names
            if !others.isEmpty { return true }
        }
        return false
    }

    /// Whether some scope other than the file's (a closure, a function, a block, …) holds the token.
    /// A `let`/`var` counts only through its accessors, which are a scope of their own: for
    /// its initializer, lookup goes straight on to the file.
    private static func isInLocalScope(_ token: TokenSyntax) -> Bool {
        var node = token.parent
        while let current = node {
            if current.is(SourceFileSyntax.self) { return false }
            if !current.is(VariableDeclSyntax.self), current.asProtocol(SyntaxProtocol.self) is any ScopeSyntax {
                return true
            }
            node = current.parent
        }
        return false
    }

    /// Inside code that runs when called rather than where it stands.
    private static func isDeferred(_ token: TokenSyntax) -> Bool {
        var node = token.parent
        while let current = node, !current.is(SourceFileSyntax.self) {
            if current.is(FunctionDeclSyntax.self) || current.is(InitializerDeclSyntax.self)
                || current.is(DeinitializerDeclSyntax.self) || current.is(SubscriptDeclSyntax.self)
                || current.is(AccessorBlockSyntax.self) || current.is(MemberBlockSyntax.self)
            {
                return true
            }
            node = current.parent
        }
        return false
    }
}

// MARK: - Assignments

/// Collects the names that code assigns to or passes `inout`: what a cell marked
/// `cache=true` must not do to another cell's variables, since a restored cell does nothing.
private final class AssignmentCollector: SyntaxVisitor {
    var names: [Range<Int>] = []

    override func visit(_ node: SequenceExprSyntax) -> SyntaxVisitorContinueKind {
        // Unfolded, as the parser leaves it: the operand before an assignment operator is its target.
        let elements = Array(node.elements)
        for (position, element) in elements.enumerated() where position > 0 && Self.assigns(element) {
            base(of: elements[position - 1])
        }
        return .visitChildren
    }

    override func visit(_ node: InOutExprSyntax) -> SyntaxVisitorContinueKind {
        base(of: node.expression)
        return .visitChildren
    }

    /// `=`, and compound assignments such as `+=` and `<<=` (not `==`, `<=`, `>=`, `!=`).
    private static func assigns(_ element: ExprSyntax) -> Bool {
        if element.is(AssignmentExprSyntax.self) { return true }
        guard let text = element.as(BinaryOperatorExprSyntax.self)?.operator.text, text.hasSuffix("=") else {
            return false
        }
        return !["==", "!=", "<=", ">=", "===", "!=="].contains(text)
    }

    /// Records the variable an assignment target names: `x` in `x`, `x.y`, `x[i]`, `x!`, `(x, y)`.
    private func base(of expression: ExprSyntax) {
        if let reference = expression.as(DeclReferenceExprSyntax.self) {
            names.append(reference.baseName.utf8Range)
        } else if let member = expression.as(MemberAccessExprSyntax.self), let inner = member.base {
            base(of: inner)
        } else if let subscriptCall = expression.as(SubscriptCallExprSyntax.self) {
            base(of: subscriptCall.calledExpression)
        } else if let unwrap = expression.as(ForceUnwrapExprSyntax.self) {
            base(of: unwrap.expression)
        } else if let chain = expression.as(OptionalChainingExprSyntax.self) {
            base(of: chain.expression)
        } else if let tuple = expression.as(TupleExprSyntax.self) {
            for element in tuple.elements { base(of: element.expression) }
        }
    }
}

extension TokenSyntax {
    /// The token's text without backticks: the name it declares or uses.
    var identifierName: String { text.unquoted }

    /// The token's text as UTF-8 offsets, without trivia.
    var utf8Range: Range<Int> {
        positionAfterSkippingLeadingTrivia.utf8Offset..<endPositionBeforeTrailingTrivia.utf8Offset
    }
}

extension String {
    /// The name without the backticks that let a keyword be an identifier.
    var unquoted: String { trimmingCharacters(in: ["`"]) }
}

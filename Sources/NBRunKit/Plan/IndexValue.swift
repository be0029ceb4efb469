@_spi(Experimental) import SwiftLexicalLookup
import SwiftSyntax

/// What a value in a tensor subscript is, as far as the syntax that makes it tells:
/// nbrun has no types before swiftc runs, so an unknown value is never guessed.
enum IndexValue: String, Sendable, Equatable, Codable {
    /// A Swift range, `a..<b`, `a...b`, `..<b`, `a...`: a slice in a subscript.
    case range
    /// An integer (or bool) array: a tensor, `[0, 2]`, `range(n)`.
    case array
    /// One number.
    case scalar

    /// `np` functions that return one number, not a tensor, when called without these labels.
    private static let scalarUnlessLabelled: [String: String] = [
        "np.argmax": "axis", "np.argmin": "axis", "np.random.randint": "size", "np.random.uniform": "size",
        "np.random.normal": "size", "np.random.choice": "size", "np.random.random": "size",
        "np.random.random_sample": "size", "np.random.standard_normal": "size"
    ]

    /// What an expression evaluates to; nil when its syntax doesn't say.
    static func of(_ expression: ExprSyntax) -> IndexValue? {
        if let tuple = expression.as(TupleExprSyntax.self), tuple.elements.count == 1,
            let only = tuple.elements.first, only.label == nil
        {
            return of(only.expression)
        }
        if expression.is(IntegerLiteralExprSyntax.self) || expression.is(FloatLiteralExprSyntax.self) {
            return .scalar
        }
        if let prefix = expression.as(PrefixOperatorExprSyntax.self) {
            if ["..<", "..."].contains(prefix.operator.text) { return .range }
            return prefix.operator.text == "-" ? of(prefix.expression) : nil
        }
        if let postfix = expression.as(PostfixOperatorExprSyntax.self) {
            return postfix.operator.text == "..." ? .range : nil
        }
        if let array = expression.as(ArrayExprSyntax.self) {
            return array.elements.isEmpty ? nil : .array
        }
        if let sequence = expression.as(SequenceExprSyntax.self) { return of(sequence) }
        if let call = expression.as(FunctionCallExprSyntax.self) { return of(call) }
        if let subscriptCall = expression.as(SubscriptCallExprSyntax.self),
            let member = subscriptCall.calledExpression.as(MemberAccessExprSyntax.self),
            member.declName.baseName.text == "shape"
        {
            return .scalar  // a.shape[0]
        }
        if let member = expression.as(MemberAccessExprSyntax.self) {
            return ["count", "size", "ndim", "rank"].contains(member.declName.baseName.text) ? .scalar : nil
        }
        return nil
    }

    /// `a..<b` is a range; arithmetic is an array when any operand is, a number when all are.
    private static func of(_ sequence: SequenceExprSyntax) -> IndexValue? {
        var operands: [IndexValue?] = []
        for element in sequence.elements {
            if let op = element.as(BinaryOperatorExprSyntax.self) {
                if ["..<", "..."].contains(op.operator.text) { return .range }
                if !["+", "-", "*", "/", "%"].contains(op.operator.text) { return nil }
            } else {
                operands.append(of(element))
            }
        }
        if operands.contains(.array) { return .array }
        return operands.allSatisfy({ $0 == .scalar }) ? .scalar : nil
    }

    private static func of(_ call: FunctionCallExprSyntax) -> IndexValue? {
        let callee = call.calledExpression.trimmedDescription
        let labels = Set(call.arguments.compactMap { $0.label?.text })
        if ["Int", "Double", "Float"].contains(callee) { return .scalar }
        if callee == "range" || callee == "Tensor" || callee.hasPrefix("Tensor.") { return .array }
        if let label = scalarUnlessLabelled[callee] { return labels.contains(label) ? .array : .scalar }
        if ["np.random.rand", "np.random.randn"].contains(callee) { return call.arguments.isEmpty ? .scalar : .array }
        if callee.hasPrefix("np.") { return .array }
        if let member = call.calledExpression.as(MemberAccessExprSyntax.self), member.base != nil {
            let name = member.declName.baseName.text
            if ["argmax", "argmin"].contains(name) { return labels.contains("axis") ? .array : .scalar }
            if ["astype", "reshape", "reshaped", "ravel", "flatten", "copy"].contains(name) { return .array }
        }
        return nil
    }

    /// What a declaration found by lexical lookup binds: from its type annotation, its
    /// initial value, or, for a `for` loop's variable, the sequence (a range gives numbers).
    static func declared(by name: LookupName) -> IndexValue? {
        var node: Syntax? = Syntax(fromProtocol: name.syntax)
        while let current = node {
            if let binding = current.as(PatternBindingSyntax.self) { return declared(by: binding) }
            if let loop = current.as(ForStmtSyntax.self) {
                guard loop.pattern.is(IdentifierPatternSyntax.self) else { return nil }
                let sequence = of(loop.sequence)
                let callee = loop.sequence.as(FunctionCallExprSyntax.self)?.calledExpression.trimmedDescription
                return sequence == .range || callee == "range" || callee == "stride" ? .scalar : nil
            }
            if let parameter = current.as(FunctionParameterSyntax.self) { return declared(byType: parameter.type) }
            if current.is(CodeBlockItemSyntax.self) || current.is(ClosureSignatureSyntax.self) { return nil }
            node = current.parent
        }
        return nil
    }

    /// What a `let`/`var` binding holds.
    static func declared(by binding: PatternBindingSyntax) -> IndexValue? {
        guard binding.pattern.is(IdentifierPatternSyntax.self) else { return nil }
        if let type = binding.typeAnnotation?.type { return declared(byType: type) }
        return binding.initializer.flatMap { of($0.value) }
    }

    private static func declared(byType type: TypeSyntax) -> IndexValue? {
        switch type.trimmedDescription {
        case "Tensor", "[Int]", "[Bool]", "PythonRange": .array
        case "Int", "Double", "Float": .scalar
        case "Range<Int>", "ClosedRange<Int>": .range
        default: nil
        }
    }
}

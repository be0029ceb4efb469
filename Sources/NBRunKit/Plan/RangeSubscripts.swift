@_spi(Experimental) import SwiftLexicalLookup
import SwiftSyntax

/// A subscript that pairs a Swift range with what may be an integer-array index:
/// `probs[0..<n, y]`. numpy's `probs[range(n), y]` picks one element per row, but the
/// natural Swift port is a slice plus a fancy index, an `n × n` matrix, and nothing fails.
///
/// Found in each cell's syntax; whether a name in it is an integer array is decided when
/// the plan knows which declaration the name stands for (a name from an earlier cell).
struct RangeSubscript: Sendable, Equatable, Codable {
    /// Where the range argument starts (UTF-8, in the cell).
    var offset: Int
    /// The range as written (`0..<n`), numpy's slice for it (`0:n`) and Python's range (`range(n)`).
    var range: String
    var slice: String
    var pythonRange: String?
    /// The subscript as written, with the range as numpy's slice, and with it as Python's range.
    var written: String
    var asSlice: String
    var asRange: String?
    /// Another argument is an integer array whatever the names mean (`[0, 2]`, `np.arange(n)`).
    var hasArray: Bool
    /// Top-level names among the other arguments, with where each is used; the plan decides.
    var names: [Name]

    struct Name: Sendable, Equatable, Codable {
        var name: String
        var offset: Int
    }

    /// The warning, once the plan knows an integer array stands beside the range.
    var message: String {
        var text =
            "`\(range)` beside an integer-array index is a slice: this is numpy's `\(asSlice)`, every row of "
            + "the slice with every index (a matrix)"
        if let pythonRange, let asRange {
            text +=
                "; numpy's `\(pythonRange)` in a subscript is `np.arange`, one element per row: "
                + "write `\(asRange)`"
        }
        return text
    }
}

/// Collects a cell's ``RangeSubscript``s.
final class RangeSubscriptCollector: SyntaxVisitor {
    var found: [RangeSubscript] = []

    override func visit(_ node: SubscriptCallExprSyntax) -> SyntaxVisitorContinueKind {
        let arguments = Array(node.arguments)
        guard arguments.count >= 2, arguments.allSatisfy({ $0.label == nil }),
            let rangeArgument = arguments.first(where: { IndexValue.of($0.expression) == .range })
        else { return .visitChildren }
        var hasArray = false
        var names: [RangeSubscript.Name] = []
        for argument in arguments where argument.id != rangeArgument.id {
            let expression = argument.expression
            if let value = IndexValue.of(expression) {
                hasArray = hasArray || value == .array
            } else if let reference = expression.as(DeclReferenceExprSyntax.self),
                case .identifier = reference.baseName.tokenKind
            {
                switch Self.resolve(reference) {
                case .topLevel:
                    names.append(
                        .init(name: reference.baseName.identifierName, offset: reference.baseName.utf8Range.lowerBound))
                case .local(let value): hasArray = hasArray || value == .array
                }
            }
        }
        guard hasArray || !names.isEmpty else { return .visitChildren }
        let range = rangeArgument.expression
        let slice = Self.slice(range)
        let pythonRange = Self.pythonRange(range)
        found.append(
            RangeSubscript(
                offset: range.positionAfterSkippingLeadingTrivia.utf8Offset, range: range.trimmedDescription,
                slice: slice, pythonRange: pythonRange, written: node.trimmedDescription,
                asSlice: Self.replacing(range, in: node, with: slice),
                asRange: pythonRange.map { Self.replacing(range, in: node, with: $0) },
                hasArray: hasArray, names: names))
        return .visitChildren
    }

    private enum Resolution {
        case topLevel
        case local(IndexValue?)
    }

    /// Where lexical lookup finds the name: a declaration inside the cell's code (whose
    /// syntax says what it holds), or none but the top level (this cell's or an earlier one's).
    private static func resolve(_ reference: DeclReferenceExprSyntax) -> Resolution {
        guard let identifier = Identifier(reference.baseName) else { return .local(nil) }
        for result in reference.baseName.lookup(identifier) {
            guard case .fromScope(let scope, let names) = result, let name = names.first else { continue }
            if scope.is(SourceFileSyntax.self) { return .topLevel }
            return .local(IndexValue.declared(by: name))
        }
        return .topLevel
    }

    /// numpy's slice for a range: `a..<b` → `a:b`, `..<b` → `:b`, `a...` → `a:`, `a...b` → `a:b+1`.
    private static func slice(_ range: ExprSyntax) -> String {
        let (lower, upper, closed) = bounds(range)
        let stop = upper.map { closed ? "\($0)+1" : $0 } ?? ""
        return (lower ?? "") + ":" + stop
    }

    /// Python's `range` for a range with an end: `0..<n` → `range(n)`, `a..<b` → `range(a, b)`.
    private static func pythonRange(_ range: ExprSyntax) -> String? {
        let (lower, upper, closed) = bounds(range)
        guard let upper else { return nil }
        let stop = closed ? "\(upper) + 1" : upper
        return lower == nil || lower == "0" ? "range(\(stop))" : "range(\(lower!), \(stop))"
    }

    private static func bounds(_ range: ExprSyntax) -> (lower: String?, upper: String?, closed: Bool) {
        if let prefix = range.as(PrefixOperatorExprSyntax.self) {
            return (nil, prefix.expression.trimmedDescription, prefix.operator.text == "...")
        }
        if let postfix = range.as(PostfixOperatorExprSyntax.self) {
            return (postfix.expression.trimmedDescription, nil, false)
        }
        if let sequence = range.as(SequenceExprSyntax.self),
            let index = sequence.elements.firstIndex(where: {
                ["..<", "..."].contains($0.as(BinaryOperatorExprSyntax.self)?.operator.text ?? "")
            })
        {
            let elements = Array(sequence.elements)
            let position = sequence.elements.distance(from: sequence.elements.startIndex, to: index)
            let lower = elements[..<position].map(\.trimmedDescription).joined(separator: " ")
            let upper = elements[(position + 1)...].map(\.trimmedDescription).joined(separator: " ")
            let closed = elements[position].as(BinaryOperatorExprSyntax.self)?.operator.text == "..."
            return (lower, upper, closed)
        }
        return (nil, nil, false)
    }

    /// The subscript's text with one argument's text replaced.
    private static func replacing(_ argument: ExprSyntax, in node: SubscriptCallExprSyntax, with text: String) -> String
    {
        let start = node.positionAfterSkippingLeadingTrivia.utf8Offset
        let whole = Array(node.trimmedDescription.utf8)
        let from = argument.positionAfterSkippingLeadingTrivia.utf8Offset - start
        let to = argument.endPositionBeforeTrailingTrivia.utf8Offset - start
        guard from >= 0, to <= whole.count, from <= to else { return node.trimmedDescription }
        return String(decoding: whole[..<from], as: UTF8.self) + text + String(decoding: whole[to...], as: UTF8.self)
    }
}

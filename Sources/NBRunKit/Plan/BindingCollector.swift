import SwiftParser
import SwiftSyntax

/// Finds, with the real Swift grammar, the names a cell binds at top level and the
/// names it mentions.
///
/// Only top-level `let` and `var` declarations with stored values count: bindings
/// inside closures, functions and types are local, and computed variables are never
/// evaluated behind the author's back.
struct BindingCollector {
    /// Top-level stored bindings, in source order (tuple patterns flattened).
    private(set) var declared: [String] = []
    /// Every identifier token in the cell, for finding reassigned globals.
    private(set) var mentioned: Set<String> = []

    init(source: String) {
        let tree = Parser.parse(source: source)
        for statement in tree.statements {
            guard let variable = statement.item.as(VariableDeclSyntax.self) else { continue }
            for binding in variable.bindings where Self.isStored(binding) {
                declared.append(contentsOf: Self.names(in: binding.pattern))
            }
        }
        for token in tree.tokens(viewMode: .sourceAccurate) {
            if case .identifier(let name) = token.tokenKind { mentioned.insert(name) }
        }
    }

    private static func isStored(_ binding: PatternBindingSyntax) -> Bool {
        guard binding.initializer != nil else { return false }
        switch binding.accessorBlock?.accessors {
        case nil: return true
        case .getter: return false
        case .accessors(let list):
            // willSet/didSet observe a stored variable; get/set make a computed one.
            return list.allSatisfy { [.keyword(.willSet), .keyword(.didSet)].contains($0.accessorSpecifier.tokenKind) }
        }
    }

    private static func names(in pattern: PatternSyntax) -> [String] {
        if let identifier = pattern.as(IdentifierPatternSyntax.self) {
            return [identifier.identifier.text.trimmingCharacters(in: ["`"])]
        }
        if let tuple = pattern.as(TuplePatternSyntax.self) {
            return tuple.elements.flatMap { names(in: $0.pattern) }
        }
        return []  // `_` and other patterns bind nothing worth recording
    }
}

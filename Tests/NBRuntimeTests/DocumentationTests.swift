import Foundation
import Testing

/// The reference a user reads is the doc comments: every public declaration of
/// the runtime has one, and it names the numpy equivalent (`numpy: …`).
@Suite("Every public runtime symbol is documented with its numpy equivalent")
struct DocumentationTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/NBRuntime")

    /// Public declarations whose doc comment doesn't mention numpy, as `file:line: declaration`.
    static func undocumented(in text: String, file: String) -> [String] {
        var result: [String] = []
        var doc = ""
        var openParentheses = 0
        for (number, line) in text.components(separatedBy: "\n").enumerated() {
            let code = line.trimmingCharacters(in: .whitespaces)
            let balance = code.filter { $0 == "(" }.count - code.filter { $0 == ")" }.count
            if code.hasPrefix("///") {
                doc += code + "\n"
                continue
            }
            if openParentheses > 0 {
                // The rest of a multi-line attribute.
                openParentheses += balance
                continue
            }
            if code.hasPrefix("@") && (balance > 0 || !code.contains(" public ")) {
                openParentheses = balance
                continue
            }
            // `@_spi(Runner)` declarations are nbrun's, not an author's: they need no numpy name.
            if code.hasPrefix("public ")
                || code.contains(" public ") && code.hasPrefix("@") && !code.hasPrefix("@_spi("),
                !doc.contains("numpy:")
            {
                result.append("\(file):\(number + 1): \(code)")
            }
            doc = ""
        }
        return result
    }

    @Test func everyPublicDeclarationNamesItsNumpyEquivalent() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.sources.path)
            // The cell bridge and the runner's contract are for nbrun, not for notebook authors.
            .filter {
                $0.hasSuffix(".swift") && !$0.hasPrefix("Plot/")
                    && ![
                        "Session/NotebookSession.swift", "Session/NotebookSession+Cache.swift",
                        "Session/RunnerProtocol.swift"
                    ].contains($0)
            }
        #expect(files.count > 20)
        var missing: [String] = []
        var count = 0
        for file in files {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            count += text.components(separatedBy: "\n").filter { $0.contains("public ") }.count
            missing += Self.undocumented(in: text, file: file)
        }
        #expect(count > 300)
        #expect(
            missing.isEmpty,
            "\(missing.count) public declarations without a numpy equivalent:\n\(missing.joined(separator: "\n"))")
    }

    @Test func theCheckerFindsAnUndocumentedDeclaration() {
        let text = """
            /// Documented. numpy: `np.x`.
            public func x() {}
            /// Documented, but mentions numpy only in passing.
            @discardableResult
            public func y() -> Int { 0 }
            @available(*, unavailable,
                       message: "no")
            public func z() {}
            """
        #expect(
            Self.undocumented(in: text, file: "f") == ["f:5: public func y() -> Int { 0 }", "f:8: public func z() {}"])
    }

    /// The names the `np` namespace declares, as `np.name` or `np.random.name`.
    static func namespaceNames() throws -> Set<String> {
        var names: Set<String> = []
        let files = try FileManager.default.subpathsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            var prefix: String?
            for line in text.components(separatedBy: "\n") {
                if line.hasPrefix("extension np {") || line.hasPrefix("public enum np {") { prefix = "np." }
                if line == "}" { prefix = nil }
                if line.hasPrefix("    public enum random {") { prefix = "np.random." }
                if line.hasPrefix("    public enum linalg {") { prefix = "np.linalg." }
                guard let prefix else { continue }
                let code = line.trimmingCharacters(in: .whitespaces)
                for keyword in ["public static func ", "public static let "] where code.hasPrefix(keyword) {
                    let name = code.dropFirst(keyword.count).prefix {
                        $0.isLetter || $0.isNumber || $0 == "_" || $0 == "`"
                    }
                    names.insert(prefix + name.filter { $0 != "`" })
                }
            }
        }
        return names
    }

    /// docs/numpy.md's tables cover every function and constant of `np`.
    @Test func theNumpyPageCoversTheWholeNamespace() throws {
        let page = try String(
            contentsOf: Self.sources.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("docs/numpy.md"), encoding: .utf8)
        let names = try Self.namespaceNames()
        #expect(names.count > 80)
        #expect(names.contains("np.random.randn") && names.contains("np.where") && names.contains("np.newaxis"))
        let missing = names.filter { name in
            // The name as a whole word: `np.e` doesn't count as mentioned by `np.eye`.
            page.components(separatedBy: name).dropFirst().allSatisfy { rest in
                rest.first.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false
            }
        }.sorted()
        #expect(missing.isEmpty, "docs/numpy.md doesn't mention \(missing.joined(separator: ", "))")
    }
}

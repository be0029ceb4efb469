import Foundation
import Mustache
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    /// docs/templates.md lists exactly what a template sees.
    @Suite struct TemplateContractTests {
        /// The documented names, by type: each `## … `Type`` heading's table's first column.
        static func documented() throws -> [String: [String]] {
            let text = try String(
                contentsOf: Fixture.packageRoot.appendingPathComponent("docs/templates.md"), encoding: .utf8)
            var tables: [String: [String]] = [:]
            var current: String?
            for line in text.split(separator: "\n") {
                if line.hasPrefix("## ") {
                    current = line.split(separator: "`").dropFirst().first.map(String.init)
                } else if let type = current, line.hasPrefix("| `") {
                    tables[type, default: []].append(String(line.split(separator: "`")[1]))
                }
            }
            return tables
        }

        /// The fields of a value's type, as Mirror sees them.
        static func fields(_ value: Any) -> [String] {
            Mirror(reflecting: value).children.compactMap(\.label)
        }

        /// `value` without the optionals around it ("nil" for none).
        static func unwrapped(_ value: Any) -> Any {
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional else { return value }
            return mirror.children.first.map { unwrapped($0.value) } ?? "nil"
        }

        /// A context with every kind of value in it: prose, a failed cell with callers, a checked
        /// output, tensors, a table of contents.
        static func context() throws -> ReportContext {
            let notebook = try Notebook(
                parsing: """
                    # T

                    ## Section

                    ```swift-cell id=a
                    print(1)
                    ```

                    ```output
                    1
                    ```

                    """, file: "t.md")
            var result = CellResult(
                cell: notebook.cells[0], status: .error, stdout: "1\n", stderr: "e\n",
                tensors: [TensorSnapshot(name: "w", shape: [1], values: [1], text: "[1.]")])
            result.error = CellError(
                message: "m", line: 6, column: 1, sourceLine: "print(1)",
                callers: [Diagnostic(.note, "called from here", at: SourceLocation(file: "t.md", line: 6))])
            result.reason = "r"
            let run = RunResult(notebook: notebook, cells: [result], diagnostics: [])
            return ReportContext(checked: CheckedRun(run), format: .html, date: Date())
        }

        @Test func theDocumentedVariablesAreExactlyTheContextsFields() throws {
            let documented = try Self.documented()
            let context = try Self.context()
            let cell = try #require(context.cells.first)
            let error = try #require(cell.error)
            let values: [String: Any] = [
                "ReportContext": context, "BlockContext": context.blocks[0],
                "ProseContext": try #require(context.blocks[0].prose), "TOCEntry": try #require(context.toc.first),
                "CellContext": cell, "SourceLineContext": try #require(cell.sourceLines?.first),
                "CheckContext": CheckContext(matched: true, line: 1, location: "", reason: nil),
                "ErrorContext": error, "CallerContext": try #require(error.callers.first),
                "TensorContext": try #require(cell.tensors.first),
                "FigureContext": FigureContext(svg: nil, caption: "", file: nil)
            ]
            #expect(Set(documented.keys) == Set(values.keys))
            for (type, value) in values {
                #expect(documented[type] == Self.fields(value), "\(type)")
                // A template finds each field under its name (the types answer without a Mirror).
                let parent = try #require(value as? MustacheParent, "\(type)")
                for child in Mirror(reflecting: value).children {
                    let label = try #require(child.label)
                    #expect(
                        String(describing: Self.unwrapped(parent.child(named: label) as Any))
                            == String(describing: Self.unwrapped(child.value)), "\(type).\(label)")
                }
            }
        }

        @Test func theDefaultTemplatesUseOnlyDocumentedNames() throws {
            let names = Set(try Self.documented().values.flatMap { $0 })
            for file in ["report.html.mustache", "head.html.mustache", "body.html.mustache", "report.md.mustache"] {
                let template = try TemplateStore.resource(file)
                var used: Set<String> = []
                var rest = Substring(template)
                while let open = rest.range(of: "{{") {
                    rest = rest[open.upperBound...]
                    guard let close = rest.range(of: "}}") else { break }
                    let tag = rest[..<close.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: "{}#^/&! "))
                    if !tag.isEmpty { used.insert(tag) }
                    rest = rest[close.upperBound...]
                }
                #expect(used.subtracting(names).isEmpty, "\(file) uses \(used.subtracting(names).sorted())")
            }
        }
    }
}

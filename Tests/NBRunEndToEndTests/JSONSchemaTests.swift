import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// docs/report.schema.json describes the JSON reports nbrun really writes.
@Suite(.serialized) struct JSONSchemaTests {
    @Test(arguments: [
        "notebooks/backprop.md", "notebooks/shapes.md",
        "Tests/TestSupport/Fixtures/semantics/compile-errors.md",
        "Tests/TestSupport/Fixtures/semantics/keep-going.md",
        "Tests/TestSupport/Fixtures/semantics/expected-errors.md",
        "Tests/TestSupport/Fixtures/plots.md"
    ])
    func realReportsMatchTheSchema(notebook: String) throws {
        let report = try nbrun("render", notebook, "--to", "json", "-o", "-", in: Fixture.packageRoot)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nbrun-schema-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try report.stdout.write(to: file, atomically: true, encoding: .utf8)
        // The jsonschema package from PyPI validates it, as another tool would read it.
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                sys.exit("the PyPI package jsonschema is missing: run scripts/install-deps --test")
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            jsonschema.validate(json.load(open(sys.argv[2])), schema, cls=jsonschema.Draft202012Validator)
            """
        let result = try SystemProcessRunner().run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "python3", "-c", script, Fixture.packageRoot.appendingPathComponent("docs/report.schema.json").path,
                file.path
            ],
            environment: nil, directory: nil)
        #expect(result.status == 0, "\(String(decoding: result.stderr, as: UTF8.self))")
    }
}

import Testing

@testable import NBRunKit

/// Reading swiftc's diagnostics: the serialized records, and the LLVM-style text fallback.
@Suite struct CompilerDiagnosticsTests {
    private let notebook = try! Notebook(parsing: "# T\n\n```swift-cell\nlet a = 1\nprint(a + b)\n```\n", file: "nb.md")

    @Test func serializedRecordsBecomeDiagnosticsWithNotesAndFixIts() {
        let records = """
            D\terror\tnb.md\t5\t11\tcannot find 'b' in scope
            N\tnote\tnb.md\t4\t5\tdid you mean 'a'?
            F\tnb.md\t5\t11\t5\t12\ta
            D\twarning\t/tmp/x/main.swift\t3\t1\ta tab\\there
            """
        let diagnostics = SerializedDiagnostics.parse(records, notebook: notebook)
        #expect(diagnostics.count == 2)
        #expect(
            diagnostics[0].formatted == """
                nb.md:5:11: error: cannot find 'b' in scope
                print(a + b)
                          ^
                nb.md:4:5: note: did you mean 'a'?
                let a = 1
                    ^
                nb.md:5:11: note: fix-it: replace with 'a'
                print(a + b)
                          ^
                """)
        #expect(diagnostics[1].message == "a tab\there")
        #expect(diagnostics[1].sourceLine == nil)  // not the notebook: nothing to quote
    }

    @Test func theTextFallbackReadsLLVMStyleDiagnostics() {
        let log = """
            nb.md:5:11: error: cannot find 'b' in scope
            print(a + b)
                      ^
            nb.md:4:5: note: did you mean 'a'?
            error: emit-module command failed with exit code 1 (use -v to see invocation)
            """
        let diagnostics = CompilerDiagnostics.parse(log, notebook: notebook)
        #expect(diagnostics.map(\.message) == ["cannot find 'b' in scope"])
        #expect(diagnostics.first?.location == SourceLocation(file: "nb.md", line: 5, column: 11))
        #expect(diagnostics.first?.notes.map(\.message) == ["did you mean 'a'?"])
        #expect(diagnostics.first?.sourceLine == "print(a + b)")
    }
}

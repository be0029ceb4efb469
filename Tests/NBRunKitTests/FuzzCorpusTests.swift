import Foundation
import TestSupport
import Testing

extension Unit {
    /// The fuzzer's invariants (FuzzInvariants.swift) on every notebook in the repository
    /// and every input in Fuzz/corpus, so a change that breaks one fails here, without
    /// fuzzing, and the fuzz target's code is built with every test build.
    ///
    /// Except Fuzz/corpus/big-cell.md: planning its 8,000 statements takes 10-40 s in a
    /// debug build; `LinearTimeTests` plans such a cell, and Fuzz/run.sh runs it first.
    @Suite struct FuzzCorpusTests {
        static let left = ["Fuzz/corpus/big-cell.md"]
        static let inputs: [String] = {
            let root = Fixture.packageRoot
            var found: [String] = []
            for folder in ["notebooks", "Tests/TestSupport/Fixtures", "Fuzz/corpus"] {
                let url = root.appendingPathComponent(folder)
                let files =
                    FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)?
                    .compactMap { $0 as? URL } ?? []
                found += files.filter { $0.pathExtension == "md" }.map {
                    String($0.path.dropFirst(root.path.count + 1))
                }
            }
            return found.filter { !left.contains($0) }.sorted()
        }()

        @Test func theInputsAreThere() {
            #expect(Self.inputs.filter { $0.hasPrefix("Fuzz/corpus/") }.count >= 3)
            #expect(Self.inputs.filter { $0.hasPrefix("notebooks/") }.count >= 7)
            #expect(Self.inputs.count >= 50)
        }

        @Test(arguments: inputs) func everyInvariantHolds(for input: String) throws {
            // Decoded as the fuzz target decodes its bytes (some fixtures aren't UTF-8 on purpose).
            let data = try Data(contentsOf: Fixture.packageRoot.appendingPathComponent(input))
            let text = String(decoding: data, as: UTF8.self)
            #expect(throws: Never.self) { try checkFuzzInvariants(on: text) }
        }
    }
}

import Foundation
import RuntimeBuildSpec
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    /// The runtime's build spec, shared by the build tool that prebuilds the library and by
    /// nbrun: a digest or stamp line that drifted would make every prebuilt library useless.
    @Suite struct RuntimeBuildSpecTests {
        @Test func theDigestIsFNV1a64() {
            // The reference test vectors of FNV-1a, 64 bits (www.isthe.com/chongo/tech/comp/fnv).
            #expect(FNV1a.digest(of: Data()) == "cbf29ce484222325")
            #expect(FNV1a.digest(of: Data("a".utf8)) == "af63dc4c8601ec8c")
            #expect(FNV1a.digest(of: Data("foobar".utf8)) == "85944171f73967e8")
            #expect(RuntimeLibrary.digest(of: Data("foobar".utf8)) == "85944171f73967e8")
        }

        @Test func theStampListsEachFileOfTheLibraryAndNbrunReadsItBack() throws {
            let folder = try temporaryDirectory()
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent("Modules"), withIntermediateDirectories: true)
            try Data("a".utf8).write(to: folder.appendingPathComponent(RuntimeBuildSpec.libraryName))
            try Data("foobar".utf8).write(to: folder.appendingPathComponent(RuntimeBuildSpec.modulePath))
            try RuntimeLibrary.writeStamp(header: "header\n", for: folder)
            let stamp = try String(
                contentsOf: folder.appendingPathComponent(RuntimeBuildSpec.stampName), encoding: .utf8)
            #expect(
                stamp == """
                    header
                    file 6 85944171f73967e8 Modules/NBRuntime.swiftmodule
                    file 1 af63dc4c8601ec8c libNBRuntime.so

                    """)
            #expect(RuntimeLibrary.stampedFiles(in: stamp).map(\.path) == RuntimeBuildSpec.libraryFiles(in: folder))
            #expect(RuntimeLibrary.isWhole(folder, thorough: true))
            try Data("b".utf8).write(to: folder.appendingPathComponent(RuntimeBuildSpec.libraryName))
            #expect(!RuntimeLibrary.isWhole(folder, thorough: true))
        }
    }
}

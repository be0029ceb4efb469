import Foundation
import Synchronization
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    /// The runtime library `swift build` compiles is copied into the cache only when it was
    /// built as nbrun would build it; otherwise nbrun compiles its own.
    @Suite struct RuntimeAdoptionTests {
        /// Records the compiles it is asked for, and fails them.
        final class CountingRunner: ProcessRunning {
            let count = Mutex(0)
            func run(
                _ executable: URL, _ arguments: [String], environment: [String: String]?, directory: URL?,
                deadline: Date?
            ) throws -> ProcessOutput {
                count.withLock { $0 += 1 }
                return ProcessOutput(status: 1, signaled: false, stdout: Data(), stderr: Data("no".utf8))
            }
        }

        /// A prebuilt folder with the given stamp, and an empty cache.
        private func setUp(stamp: String) throws -> (prebuilt: URL, library: RuntimeLibrary, toolchain: Toolchain) {
            let dir = try temporaryDirectory()
            let prebuilt = dir.appendingPathComponent("prebuilt")
            try FileManager.default.createDirectory(
                at: prebuilt.appendingPathComponent("Modules"), withIntermediateDirectories: true)
            try Data("ELF".utf8).write(to: prebuilt.appendingPathComponent("libNBRuntime.so"))
            try Data("module".utf8).write(to: prebuilt.appendingPathComponent("Modules/NBRuntime.swiftmodule"))
            let files = RuntimeLibrary.files(in: prebuilt).map(\.line).joined()
            try Data((stamp + files).utf8).write(to: prebuilt.appendingPathComponent("nbrun-runtime.stamp"))
            let toolchain = try Toolchain.locate()
            var library = RuntimeLibrary.locate(for: toolchain, cache: dir.appendingPathComponent("cache"))
            try FileManager.default.createDirectory(
                at: library.directory.deletingLastPathComponent(), withIntermediateDirectories: true)
            library.prebuilt = [prebuilt]
            return (prebuilt, library, toolchain)
        }

        @Test func theFirstCandidateThatMatchesIsCopied() throws {
            let toolchain = try Toolchain.locate()
            // An installed copy from an older nbrun comes first and doesn't match; the build's does.
            let stale = try setUp(stamp: "flags -O\ndigest 0\nswiftc old\n")
            let matching = try setUp(stamp: RuntimeLibrary.stamp(for: toolchain)).prebuilt
            try Data("module from the build".utf8).write(
                to: matching.appendingPathComponent("Modules/NBRuntime.swiftmodule"))
            let files = RuntimeLibrary.files(in: matching).map(\.line).joined()
            try Data((RuntimeLibrary.stamp(for: toolchain) + files).utf8).write(
                to: matching.appendingPathComponent("nbrun-runtime.stamp"))
            var library = stale.library
            library.prebuilt = [stale.prebuilt, matching]
            let runner = CountingRunner()
            try library.build(toolchain: toolchain, runner: runner)
            #expect(runner.count.withLock { $0 } == 0)
            #expect(try Data(contentsOf: library.moduleFile) == Data("module from the build".utf8))
        }

        @Test func anInstalledNBRunLooksInItsPrefixsLibFolder() {
            #expect(
                RuntimeLibrary.installedCopy(besideExecutable: URL(fileURLWithPath: "/opt/course/bin/nbrun")).path
                    == "/opt/course/lib/nbrun/runtime")
        }

        @Test func aMatchingLibraryIsCopiedAndNothingIsCompiled() throws {
            let toolchain = try Toolchain.locate()
            let (_, library, _) = try setUp(stamp: RuntimeLibrary.stamp(for: toolchain))
            let runner = CountingRunner()
            let started = Mutex(false)
            try library.build(toolchain: toolchain, runner: runner) { started.withLock { $0 = true } }
            #expect(runner.count.withLock { $0 } == 0 && !started.withLock { $0 })
            #expect(library.isBuilt)
            #expect(try Data(contentsOf: library.moduleFile) == Data("module".utf8))
        }

        @Test func aLibraryThatNoLongerMatchesItsStampIsNotCopied() throws {
            let toolchain = try Toolchain.locate()
            let (prebuilt, library, _) = try setUp(stamp: RuntimeLibrary.stamp(for: toolchain))
            // Cut short after the stamp was written, as a full disk or a killed copy leaves it.
            try Data("EL".utf8).write(to: prebuilt.appendingPathComponent("libNBRuntime.so"))
            let runner = CountingRunner()
            #expect(throws: BuildError.self) { try library.build(toolchain: toolchain, runner: runner) }
            #expect(runner.count.withLock { $0 } == 1, "nbrun compiles its own runtime")
            #expect(!library.isBuilt)
        }

        @Test func aCopiedLibraryIsWholeOnlyWhileItsFilesMatchTheStamp() throws {
            let toolchain = try Toolchain.locate()
            let (_, library, _) = try setUp(stamp: RuntimeLibrary.stamp(for: toolchain))
            try library.build(toolchain: toolchain, runner: CountingRunner())
            #expect(library.isWhole(thorough: true))
            try Data("ELG".utf8).write(to: library.libraryFile)  // same size, other bytes
            #expect(library.isBuilt && !library.isWhole(thorough: true))
            try Data("ELF!".utf8).write(to: library.libraryFile)
            #expect(!library.isBuilt)
            try FileManager.default.removeItem(at: library.libraryFile)
            #expect(!library.isBuilt)
            // Building it again removes the damaged folder and copies the prebuilt library again.
            try library.build(toolchain: toolchain, runner: CountingRunner())
            #expect(try Data(contentsOf: library.libraryFile) == Data("ELF".utf8))
        }

        @Test(arguments: ["another swiftc", "other flags", "other sources", "none"])
        func aLibraryBuiltOtherwiseIsIgnored(difference: String) throws {
            let toolchain = try Toolchain.locate()
            var stamp = RuntimeLibrary.stamp(for: toolchain)
            switch difference {
            case "another swiftc": stamp = stamp.replacingOccurrences(of: "swiftc /", with: "swiftc /other/")
            case "other flags": stamp = stamp.replacingOccurrences(of: " -O ", with: " -Onone ")
            case "other sources": stamp = stamp.replacingOccurrences(of: "digest ", with: "digest 0")
            default: stamp = ""
            }
            #expect(stamp != RuntimeLibrary.stamp(for: toolchain))
            let (_, library, _) = try setUp(stamp: stamp)
            let runner = CountingRunner()
            #expect(throws: BuildError.self) { try library.build(toolchain: toolchain, runner: runner) }
            #expect(runner.count.withLock { $0 } == 1, "nbrun compiles its own runtime")
            #expect(!library.isBuilt)
        }
    }
}

import Foundation
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    /// The program cache keeps one of two things per key, and gives back exactly that: a
    /// built program or only what swiftc said; an executable that no longer matches its
    /// manifest is never given back.
    @Suite struct ProgramCacheTests {
        @Test func anEntryIsAProgramOrOnlyDiagnosticsAndComesBackAsStored() throws {
            let folder = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let cache = ProgramCache(directory: folder.appendingPathComponent("programs"))
            #expect(cache.lookup("k1") == nil)

            let said = "w.md:3:5: error: cannot find 'x' in scope\n"
            #expect(cache.store("k1", .diagnostics(log: said)) == .diagnostics(log: said))
            #expect(cache.lookup("k1") == .diagnostics(log: said))

            let built = folder.appendingPathComponent("notebook")
            try Data("a program".utf8).write(to: built)
            let kept = folder.appendingPathComponent("programs/k2/notebook")
            #expect(cache.store("k2", .executable(built, log: "")) == .executable(kept, log: ""))
            #expect(!FileManager.default.fileExists(atPath: built.path), "moved into the cache, not copied")
            #expect(cache.lookup("k2") == .executable(kept, log: ""))
            #expect(cache.usage().entries == 2)

            // A program changed after it was kept is removed, never run.
            try Data("another program".utf8).write(to: kept)
            #expect(cache.lookup("k2") == nil)
            #expect(!FileManager.default.fileExists(atPath: kept.deletingLastPathComponent().path))
            #expect(cache.usage().entries == 1)
        }
    }
}

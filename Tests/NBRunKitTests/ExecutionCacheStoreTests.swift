import Foundation
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    /// The execution cache holds at most its limit: committing an entry evicts the entries
    /// used least recently, and restoring one counts as a use.
    @Suite struct ExecutionCacheStoreTests {
        /// Commits an entry whose values take `bytes` bytes, then dates its last use `age`
        /// seconds ago if it stayed.
        private func commit(_ store: ExecutionCacheStore, _ key: String, bytes: Int, age: TimeInterval) throws {
            let values = store.folder.deletingLastPathComponent().appendingPathComponent("\(key).json")
            try Data(repeating: UInt8(ascii: "x"), count: bytes).write(to: values)
            store.commit(
                key, values: values,
                outputs: .init(stdout: "", stderr: "", stdoutCut: false, tensors: [], figures: []))
            let entry = store.folder.appendingPathComponent(key).path
            guard FileManager.default.fileExists(atPath: entry) else { return }
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: -age)], ofItemAtPath: entry)
        }

        private func keys(_ store: ExecutionCacheStore) -> Set<String> {
            Set(store.entries.list().map(\.url.lastPathComponent))
        }

        @Test func committingPastTheLimitEvictsTheEntriesUsedLeastRecently() throws {
            let root = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: root) }
            let store = ExecutionCacheStore(folder: root.appendingPathComponent("executions"), limit: 25_000)
            try FileManager.default.createDirectory(at: store.folder, withIntermediateDirectories: true)
            try commit(store, "old", bytes: 10_000, age: 300)
            try commit(store, "older", bytes: 10_000, age: 600)
            #expect(keys(store) == ["old", "older"])

            // "older" is used again (a render restored it): now "old" is the least recently used.
            CacheEntries.markUsed(store.folder.appendingPathComponent("older"))
            try commit(store, "new", bytes: 10_000, age: 0)
            #expect(keys(store) == ["older", "new"])

            // An entry bigger than the whole limit doesn't stay, and takes nothing else with it.
            try commit(store, "huge", bytes: 30_000, age: 0)
            #expect(!keys(store).contains("huge"))
            #expect(store.entries.list().reduce(0) { $0 + $1.bytes } <= store.limit)
        }
    }
}

import Foundation
import Testing

@testable import NBPreview

extension Unit {
    @Suite struct FileWatcherTests {
        static func folder() throws -> URL {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("nbwatch-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }

        /// Whether a save arrives within `seconds`.
        static func saved(_ watcher: FileWatcher, within seconds: Double) async -> Bool {
            await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    for await _ in watcher.saves { return true }
                    return false
                }
                group.addTask {
                    try? await Task.sleep(for: .seconds(seconds))
                    return false
                }
                let first = await group.next()!
                group.cancelAll()
                return first
            }
        }

        @Test func seesWritesRenamesAndNothingElse() async throws {
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let notebook = folder.appendingPathComponent("a.md")
            try "one".write(to: notebook, atomically: false, encoding: .utf8)
            let watcher = try FileWatcher(file: notebook)
            defer { watcher.stop() }

            try "two".write(to: notebook, atomically: false, encoding: .utf8)  // write in place
            #expect(await Self.saved(watcher, within: 2))
            try "three".write(to: notebook, atomically: true, encoding: .utf8)  // a temporary file renamed over it
            #expect(await Self.saved(watcher, within: 2))

            try "other".write(to: folder.appendingPathComponent("b.md"), atomically: false, encoding: .utf8)
            try "other".write(to: folder.appendingPathComponent("a.md.swp"), atomically: true, encoding: .utf8)
            _ = try String(contentsOf: notebook, encoding: .utf8)  // reading isn't saving
            #expect(await !Self.saved(watcher, within: 0.5))
        }

        @Test func followsASymbolicLinkToTheRealFile() async throws {
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let real = folder.appendingPathComponent("real.md")
            try "one".write(to: real, atomically: false, encoding: .utf8)
            let link = folder.appendingPathComponent("link.md")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
            let watcher = try FileWatcher(file: link)
            defer { watcher.stop() }
            #expect(watcher.file.lastPathComponent == "real.md")
            try "two".write(to: real, atomically: true, encoding: .utf8)
            #expect(await Self.saved(watcher, within: 2))
        }

        @Test func aMissingFolderIsAnError() {
            #expect(throws: WatchError.self) {
                try FileWatcher(file: URL(fileURLWithPath: "/nonexistent-\(UUID())/a.md"))
            }
        }

        @Test func stoppingEndsTheSaves() async throws {
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let watcher = try FileWatcher(file: folder.appendingPathComponent("a.md"))
            watcher.stop()
            var count = 0
            for await _ in watcher.saves { count += 1 }
            #expect(count == 0)
        }

        @Test func readsTheNamesOfPackedEvents() {
            // Two events as the kernel packs them: wd, mask, cookie, len, then the padded name.
            func event(_ name: String, padTo length: Int) -> [UInt8] {
                var bytes = [UInt8](repeating: 0, count: 12)
                withUnsafeBytes(of: UInt32(length).littleEndian) { bytes += $0 }
                return bytes + Array(name.utf8) + [UInt8](repeating: 0, count: length - name.utf8.count)
            }
            let bytes = event("a.md", padTo: 16) + event("notebook.md", padTo: 16)
            #expect(FileWatcher.events(in: bytes[...]) == [Array("a.md".utf8), Array("notebook.md".utf8)])
        }
    }
}

import Foundation
import Synchronization

/// Temporary folders for building and running programs, removed when done, or all
/// at once when nbrun is interrupted.
public enum ScratchFolders {
    private static let live = Mutex<Set<URL>>([])

    /// Creates a new, empty folder under the system's temporary directory.
    static func make() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("nbrun-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        _ = live.withLock { $0.insert(url) }
        return url
    }

    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
        _ = live.withLock { $0.remove(url) }
    }

    /// The folders made and not yet removed.
    static var inUse: Set<URL> { live.withLock { $0 } }

    /// Removes every folder still in use (for Ctrl-C).
    public static func removeAll() {
        let folders = live.withLock { folders in
            defer { folders = [] }
            return folders
        }
        for url in folders { try? FileManager.default.removeItem(at: url) }
    }
}

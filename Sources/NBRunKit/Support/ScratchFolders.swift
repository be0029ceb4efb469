import Foundation

/// Temporary folders for building and running programs, removed when done, or all
/// at once when nbrun is interrupted.
public enum ScratchFolders {
    private static let live = LockedBox<Set<URL>>([])

    /// Creates a new, empty folder under the system's temporary directory.
    static func make() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("nbrun-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        live.value.insert(url)
        return url
    }

    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
        live.value.remove(url)
    }

    /// Removes every folder still in use (for Ctrl-C).
    public static func removeAll() {
        for url in live.value { try? FileManager.default.removeItem(at: url) }
        live.value = []
    }
}

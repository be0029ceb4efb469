import Foundation

/// The entries of a cache kept as one folder per entry, used and evicted least recently
/// used first: the program cache and the execution cache.
///
/// An entry's folder's modification date is when it was last used (``markUsed(_:)``).
/// Folders that are being written (their names start with `staging`) aren't entries.
struct CacheEntries {
    var directory: URL
    /// The prefix of the folders entries are written in before they are renamed into place.
    var staging: String

    /// One entry: its folder, the bytes of its files, and when it was last used.
    struct Entry {
        var url: URL
        var bytes: Int
        var used: Date
    }

    /// Every complete entry.
    func list() -> [Entry] {
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey]
        let folders =
            (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: keys)) ?? []
        return folders.filter { !$0.lastPathComponent.hasPrefix(staging) }.map { folder in
            let files =
                (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: keys)) ?? []
            let bytes = files.reduce(0) { $0 + ((try? $1.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0) }
            let used =
                (try? folder.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate)
                ?? .distantPast
            return Entry(url: folder, bytes: bytes, used: used)
        }
    }

    /// Removes the entries used least recently until the rest hold at most `limit` bytes;
    /// first any entry bigger than `limit` on its own, which could never stay.
    func evict(toFit limit: Int) {
        var entries = list().sorted { ($0.bytes > limit ? 0 : 1, $0.used) < ($1.bytes > limit ? 0 : 1, $1.used) }
        var total = entries.reduce(0) { $0 + $1.bytes }
        while total > limit, !entries.isEmpty {
            let oldest = entries.removeFirst()
            try? FileManager.default.removeItem(at: oldest.url)
            total -= oldest.bytes
        }
    }

    /// Records that the entry in `folder` was used now.
    static func markUsed(_ folder: URL) {
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: folder.path)
    }
}

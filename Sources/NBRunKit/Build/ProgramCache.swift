import Foundation

/// Built notebook programs, kept by a hash of everything that decides them.
///
/// An entry is a folder named by its key, holding the executable, what swiftc printed
/// (so a cached run shows the same warnings) and a manifest with the executable's size
/// and hash. Entries are built elsewhere and renamed into place, so a reader never
/// sees half of one; an entry whose executable no longer matches its manifest is
/// removed and rebuilt, never run. Entries used least recently are evicted once the
/// cache grows past ``limit`` bytes.
public struct ProgramCache: Sendable {
    public var directory: URL
    /// The most bytes the cache may hold before old entries are evicted.
    public var limit: Int

    public init(directory: URL, limit: Int = 512 << 20) {
        self.directory = directory
        self.limit = limit
    }

    /// What the cache keeps for a key: a built program, or only what swiftc said.
    public enum Entry: Sendable, Equatable {
        /// A program that compiled: its executable (in the cache) and what swiftc printed.
        case executable(URL, log: String)
        /// What swiftc said of a program that doesn't compile, or of a type check.
        case diagnostics(log: String)

        public var log: String {
            switch self {
            case .executable(_, let log), .diagnostics(let log): log
            }
        }

        /// The built program, if there is one.
        public var executable: URL? {
            if case .executable(let url, _) = self { url } else { nil }
        }
    }

    /// The manifest of an entry that records only diagnostics (the name predates type checks).
    private static let diagnosticsManifest = "failed\n"

    /// The entry for `key`, if there is a sound one.
    func lookup(_ key: String) -> Entry? {
        let folder = directory.appendingPathComponent(key)
        let executable = folder.appendingPathComponent("notebook")
        let manifest = try? String(contentsOf: folder.appendingPathComponent("manifest"), encoding: .utf8)
        if manifest == Self.diagnosticsManifest,
            let log = try? String(contentsOf: folder.appendingPathComponent("log"), encoding: .utf8)
        {
            CacheEntries.markUsed(folder)
            return .diagnostics(log: log)
        }
        guard let manifest, let data = FileManager.default.contents(atPath: executable.path),
            manifest == Self.manifest(for: data)
        else {
            if FileManager.default.fileExists(atPath: folder.path) { try? FileManager.default.removeItem(at: folder) }
            return nil
        }
        // Mark it used, for least-recently-used eviction.
        CacheEntries.markUsed(folder)
        let log = (try? String(contentsOf: folder.appendingPathComponent("log"), encoding: .utf8)) ?? ""
        return .executable(executable, log: log)
    }

    /// Keeps `entry` under `key` and returns the cached entry; nil if the cache can't be
    /// written (the caller then runs its own copy). A freshly built executable is moved
    /// into the cache.
    @discardableResult
    func store(_ key: String, _ entry: Entry) -> Entry? {
        let fileManager = FileManager.default
        let staging = directory.appendingPathComponent("tmp-\(UUID().uuidString)")
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            var manifest = Self.diagnosticsManifest
            if case .executable(let executable, _) = entry {
                let data = try Data(contentsOf: executable)
                try fileManager.moveItem(at: executable, to: staging.appendingPathComponent("notebook"))
                manifest = Self.manifest(for: data)
            }
            try Data(entry.log.utf8).write(to: staging.appendingPathComponent("log"))
            try Data(manifest.utf8).write(to: staging.appendingPathComponent("manifest"))
            if (try? fileManager.moveItem(at: staging, to: directory.appendingPathComponent(key))) != nil {
                evict()
                // What was just hashed and renamed into place, unless eviction took it: reading
                // it back and hashing it again (as `lookup` does) would only repeat this function.
                let folder = directory.appendingPathComponent(key)
                return fileManager.fileExists(atPath: folder.path) ? Self.entry(entry, in: folder) : nil
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            return nil
        }
        try? fileManager.removeItem(at: staging)  // left only if another process stored the same key first
        evict()
        return lookup(key)
    }

    /// `entry` as it is kept in `folder`: a built program's executable is the folder's.
    private static func entry(_ entry: Entry, in folder: URL) -> Entry {
        guard case .executable(_, let log) = entry else { return entry }
        return .executable(folder.appendingPathComponent("notebook"), log: log)
    }

    /// The entries' total size in bytes and their count.
    public func usage() -> (bytes: Int, entries: Int) {
        let entries = self.entries.list()
        return (entries.reduce(0) { $0 + $1.bytes }, entries.count)
    }

    private func evict() { entries.evict(toFit: limit) }

    private var entries: CacheEntries { CacheEntries(directory: directory, staging: "tmp-") }

    private static func manifest(for executable: Data) -> String {
        var hasher = StableHasher()
        hasher.combine(executable)
        return "size \(executable.count)\nfnv1a64 \(hasher.hexDigest)\n"
    }
}

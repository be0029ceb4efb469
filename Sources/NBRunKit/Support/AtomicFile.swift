import Foundation

/// The file operations an atomic write needs; injected so tests can make one fail.
public protocol FileSystem: Sendable {
    func write(_ data: Data, to url: URL) throws
    func permissions(of url: URL) throws -> Int?
    func setPermissions(_ permissions: Int, of url: URL) throws
    func replace(_ url: URL, with temporary: URL) throws
    func remove(_ url: URL)
}

/// The real file system.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func write(_ data: Data, to url: URL) throws {
        try data.write(to: url)
    }

    public func permissions(of url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
    }

    public func setPermissions(_ permissions: Int, of url: URL) throws {
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: url.path)
    }

    public func replace(_ url: URL, with temporary: URL) throws {
        guard rename(temporary.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    public func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Replaces a file's contents all at once: a temporary file beside it, then a rename.
///
/// A reader sees the old file or the new one, never half of either, and a failure at
/// any step leaves the original untouched. The file's permissions are kept.
public struct AtomicFile: Sendable {
    public var fileSystem: any FileSystem

    public init(fileSystem: any FileSystem = LocalFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// Thrown by ``write(_:to:replacing:)`` when the file no longer holds what it was read as.
    public struct ChangedMeanwhile: Error {}

    /// Whether `url` is a file nobody may write (no `w` in its mode): root could rename over
    /// it anyway, so the mode is read rather than asking the kernel.
    public static func isReadOnly(_ url: URL) -> Bool {
        let mode =
            (try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path))?[
                .posixPermissions] as? Int
        return mode.map { $0 & 0o222 == 0 } ?? false
    }

    /// Writes `text` over `target`. With `original`, the file must still hold exactly those
    /// bytes just before the rename that replaces it, or nothing is written and
    /// ``ChangedMeanwhile`` is thrown: an edit saved while nbrun worked is never lost.
    public func write(_ text: String, to target: URL, replacing original: Data? = nil) throws {
        // Write through symbolic links, and straight into anything that isn't a
        // regular file (`-o /dev/stdout`, a FIFO): renaming over those would replace them.
        let url = target.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let type = try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType,
            type != .typeRegular
        {
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.write(contentsOf: Data(text.utf8))
            return
        }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).nbrun-\(UUID().uuidString)")
        do {
            let mode = try? fileSystem.permissions(of: url)
            try fileSystem.write(Data(text.utf8), to: temporary)
            if let mode { try fileSystem.setPermissions(mode, of: temporary) }
            if let original, FileManager.default.contents(atPath: url.path) != original { throw ChangedMeanwhile() }
            try fileSystem.replace(url, with: temporary)
        } catch {
            fileSystem.remove(temporary)
            throw error
        }
    }
}

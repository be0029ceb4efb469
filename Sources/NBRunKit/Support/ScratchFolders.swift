import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

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

    /// Writes `text` into a file of a scratch folder, without `fsync`.
    ///
    /// A scratch file lives as long as one run, so it needn't reach the disk: Foundation's
    /// `Data.write(to:)` syncs every file it writes, and the ten files of a cold backprop
    /// run's program held it for 2–5 ms before swiftc could start (ext4, perf).
    static func write(_ text: String, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw writeError(errno, url) }
        defer { close(descriptor) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw writeError(errno, url) }
            bytes = bytes.dropFirst(written)
        }
    }

    /// The error Foundation's own write would throw for `code`, naming the file.
    private static func writeError(_ code: Int32, _ url: URL) -> CocoaError {
        let kind: CocoaError.Code =
            switch code {
            case EACCES, EPERM: .fileWriteNoPermission
            case ENOSPC, EDQUOT: .fileWriteOutOfSpace
            case ENOENT, ENOTDIR: .fileNoSuchFile
            case EROFS: .fileWriteVolumeReadOnly
            default: .fileWriteUnknown
            }
        var info: [String: Any] = [NSFilePathErrorKey: url.path]
        if let posix = POSIXErrorCode(rawValue: code) { info[NSUnderlyingErrorKey] = POSIXError(posix) }
        return CocoaError(kind, userInfo: info)
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

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive advisory lock on a file (`flock`), held until ``unlock()``.
///
/// The kernel releases it if the process dies, so a crash never leaves it stuck.
struct FileLock {
    private let descriptor: Int32

    /// Blocks until the lock on `url` is held; creates the file and its folder if needed.
    init(_ url: URL) throws(BuildError) {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .cacheUnusable(error.localizedDescription)
        }
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cacheUnusable("can't open \(url.path): \(String(cString: strerror(errno)))")
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                throw .cacheUnusable("can't lock \(url.path): \(String(cString: strerror(errno)))")
            }
        }
    }

    func unlock() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

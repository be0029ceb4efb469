import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Tells when a file was saved, through inotify on the folder that holds it.
///
/// The folder is watched, not the file: editors often save by writing a temporary file
/// and renaming it over the original, which replaces the inode a file watch would follow.
/// A save is a `close` after writing (`IN_CLOSE_WRITE`) or a rename onto the name
/// (`IN_MOVED_TO`). Saves that come while the consumer is busy are merged into one.
/// Linux only: the kernel does the watching, and nothing polls.
public final class FileWatcher: @unchecked Sendable {
    // @unchecked: `source` is only ever cancelled, which Dispatch allows from any thread.
    /// The watched file, with symbolic links resolved.
    public let file: URL
    /// One element per save (merged while nobody is reading); ends when the watcher stops.
    public let saves: AsyncStream<Void>

    private let source: any DispatchSourceRead
    private let continuation: AsyncStream<Void>.Continuation

    public init(file: URL) throws(WatchError) {
        #if canImport(Glibc)
            let file = file.standardizedFileURL.resolvingSymlinksInPath()
            let folder = file.deletingLastPathComponent().path
            let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard descriptor >= 0 else { throw .cannotWatch(folder, String(cString: strerror(errno))) }
            guard inotify_add_watch(descriptor, folder, UInt32(IN_CLOSE_WRITE | IN_MOVED_TO)) >= 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw .cannotWatch(folder, reason)
            }
            let (saves, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            let name = Array(file.lastPathComponent.utf8)
            let queue = DispatchQueue(label: "nbrun.watch")
            let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
            let settling = Settling()
            source.setEventHandler {
                // One save can be several events, read apart; they are one save if they come
                // within `settle` of the first.
                guard Self.drain(descriptor).contains(name), !settling.waiting else { return }
                settling.waiting = true
                queue.asyncAfter(deadline: .now() + Self.settle) {
                    _ = Self.drain(descriptor)
                    settling.waiting = false
                    continuation.yield()
                }
            }
            source.setCancelHandler {
                close(descriptor)
                continuation.finish()
            }
            source.resume()
            self.file = file
            self.saves = saves
            self.source = source
            self.continuation = continuation
        #else
            throw .cannotWatch(file.path, "watching files needs Linux's inotify")
        #endif
    }

    /// Stops watching and ends ``saves``.
    public func stop() {
        source.cancel()
    }

    deinit { source.cancel() }

    /// How long after a save's first event the save counts as done.
    static let settle = DispatchTimeInterval.milliseconds(20)

    /// Whether a save was seen and is settling; used only on the watcher's queue.
    private final class Settling: @unchecked Sendable {
        var waiting = false
    }

    #if canImport(Glibc)
        /// Reads every pending event and returns the names they are about.
        private static func drain(_ descriptor: Int32) -> [[UInt8]] {
            var names: [[UInt8]] = []
            // Room for many events at once; each is a header and a name padded to alignment.
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { return names }
                names += events(in: buffer[..<count])
            }
        }

        /// The names in a run of `struct inotify_event`s: a 16-byte header whose last field
        /// is the length of the NUL-padded name that follows it.
        static func events(in bytes: ArraySlice<UInt8>) -> [[UInt8]] {
            let header = MemoryLayout<inotify_event>.size
            var names: [[UInt8]] = []
            var offset = bytes.startIndex
            while offset + header <= bytes.endIndex {
                let length = bytes[(offset + 12)..<(offset + 16)].withUnsafeBytes {
                    Int($0.loadUnaligned(as: UInt32.self))
                }
                let start = offset + header
                let end = min(start + length, bytes.endIndex)
                names.append(Array(bytes[start..<end].prefix { $0 != 0 }))
                offset = end
            }
            return names
        }
    #endif
}

/// Why a file can't be watched.
public enum WatchError: Error, Equatable, Sendable, LocalizedError {
    case cannotWatch(String, String)

    public var errorDescription: String? {
        switch self {
        case .cannotWatch(let folder, let reason): "\(folder): can't watch the folder for saves: \(reason)"
        }
    }
}

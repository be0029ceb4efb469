import Foundation

/// Why a notebook's program could not be built.
public enum BuildError: Error, Equatable, Sendable {
    /// No usable `swiftc`: the one named (if any) is missing or not executable.
    case compilerNotFound(String?)
    /// `swiftc` could not be started at all.
    case compilerFailedToStart(String)
    /// The runtime library failed to compile; the log says why.
    case runtimeFailed(String)
    /// The cache folder could not be used.
    case cacheUnusable(String)
}

extension BuildError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .compilerNotFound(nil):
            "no swiftc found on PATH; install a Swift toolchain or pass --swiftc PATH (or set NBRUN_SWIFTC)"
        case .compilerNotFound(let path?):
            "\(path): no such executable; pass --swiftc with the path of a Swift compiler"
        case .compilerFailedToStart(let reason):
            "could not start swiftc: \(reason)"
        case .runtimeFailed(let log):
            "the NBRuntime library failed to compile with this swiftc:\n\(log)"
        case .cacheUnusable(let reason):
            "the cache folder can't be used: \(reason); set XDG_CACHE_HOME to a writable folder"
        }
    }
}

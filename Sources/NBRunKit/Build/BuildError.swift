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
    /// swiftc failed twice without an error in the program: a problem of this machine, not
    /// of the notebook. Nothing was cached; `log` is what swiftc printed the second time.
    case environment(EnvironmentProblem, log: String)

    /// Why swiftc failed when the program isn't to blame, and what to do about it.
    public enum EnvironmentProblem: Equatable, Sendable {
        /// The compiler (the driver, or the frontend under it) was killed by this signal.
        case killed(signal: Int32?)
        /// swiftc couldn't write its module cache.
        case moduleCache
        /// Linking against the runtime library failed.
        case link
        /// Something else, which the log may explain.
        case unexplained

        /// Reads what went wrong from swiftc's output; `signal` when the driver itself was killed.
        init(log: String, signal: Int32?) {
            if let signal {
                self = .killed(signal: signal)
            } else if let range = log.range(of: "due to signal ") {
                self = .killed(signal: Int32(log[range.upperBound...].prefix { $0.isNumber }))
            } else if log.contains("ModuleCache") || log.contains("module cache") || log.contains("C module") {
                self = .moduleCache
            } else if log.contains("link command failed") || log.contains("linker command failed") {
                self = .link
            } else {
                self = .unexplained
            }
        }
    }
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
        case .environment(let problem, let log):
            "swiftc failed twice without finding an error in the notebook, so this machine is the problem: "
                + "\(problem.what) (nothing was cached). \(problem.fix)\nswiftc said:\n"
                + log.split(separator: "\n", omittingEmptySubsequences: false).prefix(20).joined(separator: "\n")
        }
    }
}

extension BuildError.EnvironmentProblem {
    var what: String {
        switch self {
        case .killed(let signal?): "the compiler was killed by signal \(signal)"
        case .killed(nil): "the compiler was killed"
        case .moduleCache: "the compiler can't write its module cache"
        case .link: "linking with nbrun's runtime library failed"
        case .unexplained: "the compiler failed without saying where"
        }
    }

    /// What the user can do, as a command where there is one.
    var fix: String {
        let cache =
            ProcessInfo.processInfo.environment["XDG_CACHE_HOME"].map { $0 + "/clang/ModuleCache" }
            ?? "~/.cache/clang/ModuleCache"
        return switch self {
        case .killed: "If the machine is short of memory (the kernel's OOM killer), free some and run nbrun again."
        case .moduleCache: "Make sure \(cache) can be written (`rm -rf \(cache)` clears it), then run nbrun again."
        case .link, .unexplained: "Run `nbrun cache clean` and then nbrun again; if it fails the same way, report it."
        }
    }
}

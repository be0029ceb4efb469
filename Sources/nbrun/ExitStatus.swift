import ArgumentParser

/// nbrun's exit codes, decided here and nowhere else.
enum ExitStatus: Int32, Comparable, Error {
    /// Every cell ran (and every documented output matched).
    case success = 0
    /// A cell failed.
    case cellFailed = 1
    /// Bad input: a missing or unreadable notebook, a bad cell option.
    case badInput = 2
    /// A usage error (argument-parser reports those itself with the same code).
    case usage = 64

    var exitCode: ExitCode { ExitCode(rawValue) }

    static func < (a: ExitStatus, b: ExitStatus) -> Bool { a.rawValue < b.rawValue }
}

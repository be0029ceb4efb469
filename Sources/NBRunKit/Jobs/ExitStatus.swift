/// nbrun's exit codes, decided here and nowhere else.
public enum ExitStatus: Int32, Comparable, Sendable, Error {
    /// Every cell ran (and, for check, every documented output matched).
    case success = 0
    /// A cell failed, or a documented output differed.
    case cellFailed = 1
    /// Bad input: a missing or unreadable notebook, a bad cell option, a report that can't be written.
    case badInput = 2
    /// `update` found the notebook changed while it ran, and wrote nothing.
    case notebookChanged = 3
    /// A usage error (argument-parser reports those itself with the same code).
    case usage = 64

    public static func < (a: ExitStatus, b: ExitStatus) -> Bool { a.rawValue < b.rawValue }
}

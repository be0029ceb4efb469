// MARK: - Print options

/// How tensors print, with numpy's defaults: the subset of
/// `np.set_printoptions` that course notebooks use.
///
/// numpy: the dictionary `np.get_printoptions()` returns.
///
/// Options apply to arrays of rank 1 and up; rank-0 tensors print like numpy's
/// scalars, with all their digits, whatever the options (as numpy's do).
public struct PrintOptions: Sendable, Equatable, Codable {
    /// Digits after the decimal point (at most; trailing zeros are dropped), or
    /// significant digits after the first in scientific notation. numpy: `precision=8`.
    public var precision = 8
    /// Never switch to scientific notation for small values; print them as
    /// `0.` at the given precision instead. numpy: `suppress=False`.
    public var suppress = false
    /// Characters per line before a row wraps. numpy: `linewidth=75`.
    public var linewidth = 75
    /// Tensors with more elements than this print summarized, with `...`. numpy: `threshold=1000`.
    public var threshold = 1000
    /// Items shown at each end of every axis when summarized. numpy: `edgeitems=3`.
    public var edgeitems = 3

    /// numpy's defaults. numpy: `np.set_printoptions()` after a fresh import.
    public init() {}

    /// The options tensors print with now, in this task. numpy: `np.get_printoptions()`.
    public static var current: PrintOptions {
        get { active.withLock { $0 } }
        set { active.withLock { $0 = newValue } }
    }

    /// Changes the given options and keeps the rest, in one step. numpy: `np.set_printoptions(...)`.
    static func update(_ change: (inout PrintOptions) -> Void) {
        active.withLock { change(&$0) }
    }

    /// Runs `body` with its own copy of the options, which `set_printoptions`
    /// inside it changes; other tasks and threads keep theirs. numpy keeps its
    /// print options in a context variable for the same reason.
    static func withScope<Result>(_ options: PrintOptions, _ body: () throws -> Result) rethrows -> Result {
        try $scope.withValue(Locked(options), operation: body)
    }

    /// The process-wide options, which a notebook's `np.set_printoptions` changes.
    private static let global = Locked(PrintOptions())
    @TaskLocal private static var scope: Locked<PrintOptions>?
    private static var active: Locked<PrintOptions> { scope ?? global }
}

/// The settled rules for comparing one documented output with the actual one.
public struct ComparisonRules: Sendable, Equatable {
    public var match: MatchMode
    /// Relative tolerance for numbers.
    public var rtol: Double
    /// Absolute tolerance for numbers.
    public var atol: Double

    public static let defaults = ComparisonRules(match: .numbers, rtol: 1e-9, atol: 0)

    public init(match: MatchMode, rtol: Double, atol: Double) {
        self.match = match
        self.rtol = rtol
        self.atol = atol
    }

    /// Resolves options: the block's own, then the notebook's front matter, then the
    /// command line's, then ``defaults``.
    public init(block: OutputOptions, notebook: OutputOptions, commandLine: OutputOptions) {
        let options = block.filled(from: notebook).filled(from: commandLine)
        self.init(
            match: options.match ?? Self.defaults.match,
            rtol: options.rtol ?? Self.defaults.rtol,
            atol: options.atol ?? Self.defaults.atol)
    }
}

/// The options of a `swift-cell` fence, such as `swift-cell id=forward echo=false`.
public struct CellOptions: Sendable, Equatable {
    public var id: String?
    /// Show the source in the report.
    public var echo = true
    /// Show the printed output in the report.
    public var output = true
    /// Run the cell; `eval=false` shows it without running it.
    public var eval = true
    /// Which tensors the report shows (`tensors=all|changed|none`); nil for the notebook's
    /// choice (the front matter's `tensors:`, else `changed`).
    public var tensors: TensorDisplay?
    /// Stop the cell (and the program) after this many seconds.
    public var timeout: Double?
    /// The cell must fail, at compile time or at run time (`expect=error`); the notebook goes on after it.
    public var expectError = false
    /// Show the figures the cell draws (`figures=false` hides them).
    public var figures = true
    /// Check the figures' data like output (`figures=check`): their series join the cell's
    /// documented output, so a drifting curve fails `nbrun check`.
    public var checkFigures = false
    /// The whole cell is an exercise's solution (`solution`): the student version shows a
    /// placeholder instead of its code.
    public var solution = false
    /// `cache=true`: `render` may reuse the cell's outputs and values from its execution
    /// cache; nil for the notebook's choice (the front matter's `cache:`, else false).
    public var cache: Bool?

    public init() {}

    /// The option names nbrun knows, for messages.
    static let known = ["id", "echo", "output", "eval", "tensors", "timeout", "expect", "figures", "solution", "cache"]

    /// Reads the words after `swift-cell`.
    ///
    /// A word is `key=value` or a bare flag (`echo` means `echo=true`). Throws a
    /// message (without location) for an unknown key or a malformed value.
    init(words: [Substring]) throws(OptionError) {
        for word in words {
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count == 2 ? String(parts[1]) : nil
            switch key {
            case "id":
                guard let value, !value.isEmpty else {
                    throw OptionError("option 'id' needs a value, as in id=forward")
                }
                id = value
            case "echo": echo = try Self.flag(key, value)
            case "output": output = try Self.flag(key, value)
            case "eval": eval = try Self.flag(key, value)
            case "tensors": tensors = try TensorDisplay(option: key, value)
            case "solution": solution = try Self.flag(key, value)
            case "cache": cache = try Self.flag(key, value)
            case "timeout":
                guard let value, let seconds = Double(value), seconds > 0, seconds.isFinite else {
                    throw OptionError("option 'timeout' takes a number of seconds, as in timeout=30")
                }
                timeout = seconds
            case "figures":
                if value == "check" {
                    checkFigures = true
                } else {
                    figures = try Self.flag(key, value)
                }
            case "expect":
                guard value == "error" else {
                    throw OptionError("option 'expect' takes the value error, as in expect=error")
                }
                expectError = true
            default:
                throw OptionError("unknown cell option '\(key)'; known options: \(Self.known.joined(separator: ", "))")
            }
        }
    }

    private static func flag(_ key: String, _ value: String?) throws(OptionError) -> Bool {
        switch value {
        case nil, "true": return true
        case "false": return false
        case let other?: throw OptionError("option '\(key)' takes true or false, not '\(other)'")
        }
    }

    struct OptionError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}

/// Which tensors a cell's report shows: the cell option `tensors=` or, for every cell, the
/// front matter's `tensors:`.
public enum TensorDisplay: String, Sendable, Equatable, CaseIterable {
    /// Every tensor the notebook has bound so far, as it stands after the cell.
    case all
    /// The tensors the cell bound or changed: the default.
    case changed
    /// None.
    case none

    /// `all`, `changed` or `none`; `true` and `false` (and a bare `tensors`) as before these
    /// three: `changed` and `none`.
    init(option key: String, _ value: String?) throws(CellOptions.OptionError) {
        switch value {
        case nil, "true": self = .changed
        case "false": self = .none
        case let word?:
            guard let display = TensorDisplay(rawValue: word) else {
                throw CellOptions.OptionError("option '\(key)' takes all, changed or none, not '\(word)'")
            }
            self = display
        }
    }
}

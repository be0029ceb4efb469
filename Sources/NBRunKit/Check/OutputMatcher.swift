import Foundation

/// Why a documented output does not match the actual one.
public struct OutputMismatch: Sendable, Equatable {
    /// One line saying what differs first, with both values and the failed tolerance.
    public var reason: String
    /// The 1-based line within the documented output where the difference starts, if known.
    public var line: Int?
}

/// Compares documented output with actual output under ``ComparisonRules``.
///
/// In every mode, trailing spaces on each line and trailing newlines are ignored.
/// `numbers` also treats any run of white space as one space and ignores the space
/// numpy pads inside brackets, since numpy pads and wraps by the numbers' width.
public enum OutputMatcher {
    /// Returns nil when `actual` matches `expected`.
    public static func compare(expected: String, actual: String, rules: ComparisonRules) -> OutputMismatch? {
        switch rules.match {
        case .ignore:
            return nil
        case .exact:
            let (e, a) = (trimmed(expected), trimmed(actual))
            guard e != a else { return nil }
            let line =
                (zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)) + 1
            return OutputMismatch(reason: "the text differs from line \(line) on", line: line)
        case .numbers:
            return compareNumbers(
                trimmed(expected).joined(separator: "\n"), trimmed(actual).joined(separator: "\n"),
                rules: rules)
        }
    }

    /// The lines of `text` without trailing spaces, and without trailing empty lines.
    static func trimmed(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    private static func compareNumbers(_ expected: String, _ actual: String, rules: ComparisonRules) -> OutputMismatch?
    {
        let e = OutputToken.tokenize(expected)
        let a = OutputToken.tokenize(actual)
        let eNumbers = e.filter { if case .number = $0 { true } else { false } }.count
        let aNumbers = a.filter { if case .number = $0 { true } else { false } }.count
        var numberIndex = 0
        var lineOfExpected = 1
        if eNumbers != aNumbers {
            return OutputMismatch(reason: "expected \(eNumbers) numbers, got \(aNumbers)", line: nil)
        }
        for (expectedToken, actualToken) in zip(e, a) {
            switch (expectedToken, actualToken) {
            case let (.text(x), .text(y)):
                guard loose(x) == loose(y) else {
                    return OutputMismatch(
                        reason: "the text differs: expected \(quote(x)), got \(quote(y))",
                        line: lineOfExpected)
                }
                lineOfExpected += x.filter { $0 == "\n" }.count
            case let (.number(written, value), .number(actualWritten, actualValue)):
                numberIndex += 1
                if let failure = NumberMatch.failure(
                    written: written, value: value, actualWritten: actualWritten,
                    actual: actualValue, rules: rules)
                {
                    return OutputMismatch(
                        reason: "number \(numberIndex) differs: expected \(written), got \(actualWritten) (\(failure))",
                        line: lineOfExpected)
                }
            default:
                break  // a number where text is expected, or the reverse: caught below
            }
            if case .text = expectedToken, case .text = actualToken { continue }
            if case .number = expectedToken, case .number = actualToken { continue }
            return OutputMismatch(reason: "the text differs around number \(numberIndex + 1)", line: lineOfExpected)
        }
        if e.count != a.count {
            let rest = (e.count > a.count ? e[a.count...] : a[e.count...]).map(\.written).joined()
            if !loose(rest).isEmpty {
                return OutputMismatch(
                    reason: e.count > a.count
                        ? "the output ends early; expected \(quote(rest))"
                        : "the output goes on: \(quote(rest))", line: lineOfExpected)
            }
        }
        return nil
    }

    /// Text with white space runs as one space and no padding inside brackets.
    private static func loose(_ text: String) -> String {
        var result = ""
        for part in text.split(whereSeparator: \.isWhitespace) {
            if !result.isEmpty, result.last != "[", part.first != "]" { result += " " }
            result += part
        }
        if let first = text.first, first.isWhitespace, !result.isEmpty, result.first != "]" { result = " " + result }
        if let last = text.last, last.isWhitespace, !result.isEmpty, result.last != "[" { result += " " }
        return result
    }

    private static func quote(_ text: String) -> String {
        let short = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return short.debugDescription
    }
}

extension OutputToken {
    var written: String {
        switch self {
        case .text(let text): text
        case .number(let written, _): written
        }
    }
}

/// A formula found in Markdown prose: where it is and how it was written.
struct MathSpan: Equatable, Sendable {
    /// UTF-8 offsets of the whole span in the scanned text, delimiters included.
    var range: Range<Int>
    /// The TeX between the delimiters, exactly as written.
    var tex: String
    /// `$$…$$` and `\[…\]` are display math; `$…$` and `\(…\)` are inline.
    var display: Bool
}

/// Finds the math in Markdown prose, following pandoc's `tex_math_dollars` and
/// `tex_math_single_backslash` rules.
///
/// This is not a Markdown parser. It reads the text left to right and knows only:
/// - `$…$`: the opening `$` has a non-space character right after it; the span ends
///   at the next unescaped `$`, which must have a non-space character right before it
///   and no digit right after it, or there is no formula (so "costs $5 and $10" has none);
/// - `$$…$$`, `\(…\)` and `\[…\]`, which end at their first closing delimiter;
/// - inside math, a backslash and the character after it go together (`\$` doesn't close);
/// - outside math, a backslash escapes the punctuation after it (`\$` is a dollar);
/// - code spans, matched as CommonMark does (a run of n backticks up to the next run of
///   exactly n), and the lines of code blocks, given by cmark, hold no math;
/// - neither math nor a code span runs past a blank line or into a code block.
///
/// A `$` that would open a formula (a non-space, non-digit character right after it) but
/// that nothing closes, and a `$$` that nothing closes, are *stray*: almost always a typo
/// in a formula, so ``strayDollars()`` lists them for a warning (a literal dollar is `\$`).
///
/// Known limits: math inside link destinations, autolinks or raw HTML attributes is
/// still found; a code span is matched without regard to other inline markup.
struct MathScanner {
    private let bytes: [UInt8]
    private let codeLines: Set<Int>

    /// Scans `text`; `codeBlocks` are the 1-based line ranges of its code blocks.
    init(_ text: String, codeBlocks: [ClosedRange<Int>]) {
        bytes = Array(text.utf8)
        codeLines = Set(codeBlocks.flatMap { Array($0) })
    }

    /// The formulas, in order, never overlapping.
    func spans() -> [MathSpan] { scan().spans }

    /// The UTF-8 offsets of the dollars that open no formula but look as if they should.
    func strayDollars() -> [Int] { scan().stray }

    /// The formulas and the stray dollars, in one pass: linear in the text, since a search for
    /// a closer that failed is remembered to the end of its paragraph (N unclosed `\(` on
    /// one line cost one search, not N).
    func scan() -> (spans: [MathSpan], stray: [Int]) {
        var failed = FailedSearches()
        var spans: [MathSpan] = []
        var stray: [Int] = []
        var i = 0
        var line = 1
        while i < bytes.count {
            if (i == 0 || bytes[i - 1] == .newline) && codeLines.contains(line) {
                i = (bytes[i...].firstIndex(of: .newline) ?? bytes.count - 1) + 1
                line += 1
                continue
            }
            var next = i + 1
            switch bytes[i] {
            case .backtick:
                let run = runLength(of: .backtick, at: i)
                next = closingBackticks(after: i + run, length: run, line: line, failed: &failed) ?? i + run
            case .backslash where i + 1 < bytes.count:
                let opener = bytes[i + 1]
                if opener == .parenOpen || opener == .bracketOpen {
                    let closer = [.backslash, opener == .parenOpen ? UInt8(ascii: ")") : UInt8(ascii: "]")]
                    if let end = closing(closer, from: i + 2, line: line, failed: &failed), end > i + 2 {
                        spans.append(span(i..<end + 2, delimiter: 2, display: opener == .bracketOpen))
                        next = end + 2
                        break
                    }
                }
                if opener.isASCIIPunctuation { next = i + 2 }
            case .dollar where i + 1 < bytes.count && bytes[i + 1] == .dollar:
                if let end = closing(Array("$$".utf8), from: i + 2, line: line, escapes: false, failed: &failed),
                    end > i + 2
                {
                    spans.append(span(i..<end + 2, delimiter: 2, display: true))
                    next = end + 2
                } else {
                    stray.append(i)
                    next = i + 2
                }
            case .dollar where i + 1 < bytes.count && !bytes[i + 1].isSpace:
                if let end = closing(Array("$".utf8), from: i + 1, line: line, failed: &failed),
                    !bytes[end - 1].isSpace, !(end + 1 < bytes.count && bytes[end + 1].isDigit)
                {
                    spans.append(span(i..<end + 1, delimiter: 1, display: false))
                    next = end + 1
                } else if !bytes[i + 1].isDigit {
                    stray.append(i)
                }
            default:
                break
            }
            line += bytes[i..<next].lazy.filter { $0 == .newline }.count
            i = next
        }
        return (spans, stray)
    }

    // MARK: - Private

    private func span(_ range: Range<Int>, delimiter: Int, display: Bool) -> MathSpan {
        let body = bytes[(range.lowerBound + delimiter)..<(range.upperBound - delimiter)]
        return MathSpan(range: range, tex: String(decoding: body, as: UTF8.self), display: display)
    }

    private func runLength(of byte: UInt8, at start: Int) -> Int {
        bytes[start...].prefix { $0 == byte }.count
    }

    /// Searches that found nothing: by what was sought, from where to where. A search for
    /// the same thing starting in between would find nothing either.
    struct FailedSearches {
        private var spans: [String: Range<Int>] = [:]

        func knows(_ key: String, from start: Int) -> Bool { spans[key]?.contains(start) ?? false }
        mutating func record(_ key: String, _ range: Range<Int>) { spans[key] = range }
    }

    /// The offset of the first `closer` at or after `start`, before the paragraph ends.
    /// With `escapes`, a backslash and the byte after it are skipped together.
    private func closing(
        _ closer: [UInt8], from start: Int, line: Int, escapes: Bool = true, failed: inout FailedSearches
    ) -> Int? {
        let key = "\(escapes) " + String(decoding: closer, as: UTF8.self)
        if failed.knows(key, from: start) { return nil }
        var j = start
        var line = line
        defer { if j >= bytes.count { failed.record(key, start..<bytes.count) } }
        while j < bytes.count {
            if bytes[j...].starts(with: closer) { return j }
            if bytes[j] == .newline {
                line += 1
                if paragraphEnds(atLine: line, from: j + 1) {
                    failed.record(key, start..<j + 1)
                    return nil
                }
            } else if escapes, bytes[j] == .backslash, j + 1 < bytes.count, bytes[j + 1] != .newline {
                j += 1
            }
            j += 1
        }
        return nil
    }

    /// Where a code span that opened with `length` backticks ends (just past its closing run).
    private func closingBackticks(after start: Int, length: Int, line: Int, failed: inout FailedSearches) -> Int? {
        let key = "` \(length)"
        if failed.knows(key, from: start) { return nil }
        var j = start
        var line = line
        while j < bytes.count {
            if bytes[j] == .backtick {
                let run = runLength(of: .backtick, at: j)
                if run == length { return j + run }
                j += run
                continue
            }
            if bytes[j] == .newline {
                line += 1
                if paragraphEnds(atLine: line, from: j + 1) {
                    failed.record(key, start..<j + 1)
                    return nil
                }
            }
            j += 1
        }
        failed.record(key, start..<bytes.count)
        return nil
    }

    /// Whether the line starting at `offset` is blank or inside a code block.
    private func paragraphEnds(atLine line: Int, from offset: Int) -> Bool {
        codeLines.contains(line) || bytes[offset...].prefix { $0 != .newline }.allSatisfy(\.isSpace)
    }
}

extension UInt8 {
    fileprivate static let newline = UInt8(ascii: "\n"), backtick = UInt8(ascii: "`"), backslash = UInt8(ascii: "\\")
    fileprivate static let dollar = UInt8(ascii: "$"), parenOpen = UInt8(ascii: "("), bracketOpen = UInt8(ascii: "[")

    fileprivate var isSpace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
    fileprivate var isDigit: Bool { (0x30...0x39).contains(self) }
    fileprivate var isASCIIPunctuation: Bool {
        (0x21...0x2F).contains(self) || (0x3A...0x40).contains(self)
            || (0x5B...0x60).contains(self) || (0x7B...0x7E).contains(self)
    }
}

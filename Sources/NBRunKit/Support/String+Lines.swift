import Foundation

extension StringProtocol {
    /// Whether the text ends with a line break (`\n` or `\r\n`).
    ///
    /// `hasSuffix("\n")` is false for `"\r\n"`, which Swift treats as one Character.
    var endsWithNewline: Bool { unicodeScalars.last == "\n" }
}

extension Collection where Element == UInt8 {
    /// How many line feeds the bytes hold: the number of lines a text spans, minus one.
    var newlineCount: Int { reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } }
}

extension StringProtocol {
    /// The text without the tabs and spaces (Unicode's space separators, and the zero width
    /// space) at either end: what `trimmingCharacters(in: .whitespaces)` gives here, without
    /// a trip through `NSString`, which cost a cold run 1 ms on the lines of its cells alone.
    var trimmingBlanks: String {
        let scalars = unicodeScalars
        func isBlank(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
        }
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
            let last = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        var trimmed = String.UnicodeScalarView()
        trimmed.append(contentsOf: scalars[first...last])
        return String(trimmed)
    }
}

extension StringProtocol {
    /// Whether the text holds `other`, byte for byte: Foundation's `contains(_:)` goes
    /// through `NSString`, a cost a report paid on every prose block.
    func containsBytes(of other: String) -> Bool {
        String(self).utf8Ranges(of: other, limit: 1).first != nil
    }

    /// The pieces between occurrences of `separator`, matched byte for byte: Foundation's
    /// `components(separatedBy:)` without `NSString`.
    func pieces(separatedBy separator: String) -> [String] {
        var text = String(self)
        let found = text.utf8Ranges(of: separator)
        return text.withUTF8 { bytes in
            var pieces: [String] = []
            var start = 0
            for range in found {
                pieces.append(String(decoding: bytes[start..<range.lowerBound], as: UTF8.self))
                start = range.upperBound
            }
            pieces.append(String(decoding: bytes[start...], as: UTF8.self))
            return pieces
        }
    }
}

extension String {
    /// Where `other` occurs in the text, as UTF-8 offsets, without overlaps, at most `limit`
    /// times, found by `memchr` and `memcmp`. The standard library's generic `firstRange(of:)`
    /// was 9% of a warm 500-cell render (Swift 6.3), in ``CellContext/printed(_:in:)`` and
    /// ``pieces(separatedBy:)``.
    func utf8Ranges(of other: String, limit: Int = .max) -> [Range<Int>] {
        var text = self
        var pattern = other
        guard !pattern.isEmpty else { return [] }
        return text.withUTF8 { haystack in
            pattern.withUTF8 { needle in
                guard let base = haystack.baseAddress, let needleBase = needle.baseAddress else { return [] }
                var ranges: [Range<Int>] = []
                var start = 0
                // The first byte by `memchr`, the rest by `memcmp` (Glibc's module has no `memmem`).
                while ranges.count < limit, haystack.count - start >= needle.count,
                    let hit = memchr(base + start, Int32(needle[0]), haystack.count - start - needle.count + 1)
                {
                    let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + offset, needleBase, needle.count) == 0 {
                        ranges.append(offset..<offset + needle.count)
                        start = offset + needle.count
                    } else {
                        start = offset + 1
                    }
                }
                return ranges
            }
        }
    }
}

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
        utf8.firstRange(of: other.utf8) != nil
    }

    /// The pieces between occurrences of `separator`, matched byte for byte: Foundation's
    /// `components(separatedBy:)` without `NSString`.
    func pieces(separatedBy separator: String) -> [String] {
        let bytes = Array(utf8)
        let pattern = Array(separator.utf8)
        var pieces: [String] = []
        var start = 0
        var rest = bytes[...]
        while let found = rest.firstRange(of: pattern) {
            pieces.append(String(decoding: bytes[start..<found.lowerBound], as: UTF8.self))
            start = found.upperBound
            rest = bytes[start...]
        }
        pieces.append(String(decoding: bytes[start...], as: UTF8.self))
        return pieces
    }
}

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

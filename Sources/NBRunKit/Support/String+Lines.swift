extension StringProtocol {
    /// Whether the text ends with a line break (`\n` or `\r\n`).
    ///
    /// `hasSuffix("\n")` is false for `"\r\n"`, which Swift treats as one Character.
    var endsWithNewline: Bool { unicodeScalars.last == "\n" }
}

/// Code fences that can hold any text.
enum Fence {
    /// The longest run of `character` in `text`.
    static func longestRun(of character: Character, in text: some StringProtocol) -> Int {
        var longest = 0
        var run = 0
        for each in text {
            run = each == character ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }

    /// A backtick fence longer than any run of backticks in `text` (at least three).
    static func backticks(for text: some StringProtocol) -> String {
        String(repeating: "`", count: max(3, longestRun(of: "`", in: text) + 1))
    }
}

extension Int {
    /// The number with its digits in groups of three, as English text writes them: `30,000`.
    var grouped: String {
        var digits = String(magnitude)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        return (self < 0 ? "-" : "") + ([Substring(digits)] + groups).joined(separator: ",")
    }
}

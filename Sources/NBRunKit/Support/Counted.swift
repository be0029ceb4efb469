extension Int {
    /// `1 cell`, `2 cells`: a count and its noun, singular for one.
    func counted(_ noun: String, plural: String? = nil) -> String {
        "\(self) " + (self == 1 ? noun : plural ?? noun + "s")
    }
}

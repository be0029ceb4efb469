/// The single Swift program that runs a notebook's cells in order.
public struct Program: Sendable, Equatable {
    /// The generated `main.swift`.
    public var source: String
    /// The indices of the cells the program runs (cells with `eval=false` are left out).
    public var cellIndices: [Int]
}

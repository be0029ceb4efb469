import Foundation

/// A version of a notebook whose exercises have solutions (marked as ``SolutionMarkers`` says).
public enum Variant: String, CaseIterable, Sendable {
    /// Everything, without the markers: the key, for tutors.
    case solution
    /// The exercise, for students: each solution in a cell becomes a placeholder and a stub
    /// that keeps the code type-checking, a solution in the prose becomes a placeholder, and
    /// the cells that hold a solution or use what one declares don't run.
    case student
}

/// Where a version of a notebook came from.
public struct VersionInfo: Sendable, Equatable {
    public var variant: Variant
    /// For each line of the version, in order, the line of the notebook it comes from.
    public var originalLines: [Int]
    /// In the student version, the cells (by index in the version) that hold a solution
    /// or use, directly or not, what one declares.
    public var exercises: Set<Int>
}

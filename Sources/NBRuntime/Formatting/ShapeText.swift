// MARK: - Shape errors

/// Builds every shape-error message in the module, so they read alike.
///
/// Messages follow numpy's wording and name the operation first, e.g.
/// `matmul: shapes (1, 2) and (1, 2) not aligned: 2 (dim 1) != 1 (dim 0)`.
/// Callers pass the message to `preconditionFailure`, so the program stops
/// with `Fatal error: <message>`.
enum ShapeText {
    /// numpy's tuple spelling of a shape: `()`, `(3,)`, `(2, 3)`.
    static func tuple<S: Sequence>(_ shape: S) -> String where S.Element == Int {
        Shape(Array(shape)).description
    }

    /// Broadcasting failure: `add: operands could not be broadcast together with shapes (2, 3) (3, 2)`.
    static func broadcastMismatch(_ operation: String, _ lhs: Shape, _ rhs: Shape) -> String {
        "\(operation): operands could not be broadcast together with shapes \(tuple(lhs)) \(tuple(rhs))"
    }

    /// Matrix-product failure, numbering dimensions the way numpy does for the
    /// operands as given: `(1, 2) and (1, 2) not aligned: 2 (dim 1) != 1 (dim 0)`.
    static func matmulMismatch(_ operation: String, _ lhs: Shape, _ rhs: Shape) -> String {
        let lhsAxis = lhs.count - 1
        let rhsAxis = rhs.count >= 2 ? rhs.count - 2 : 0
        return "\(operation): shapes \(tuple(lhs)) and \(tuple(rhs)) not aligned: "
            + "\(lhs[lhsAxis]) (dim \(lhsAxis)) != \(rhs[rhsAxis]) (dim \(rhsAxis))"
    }

    /// Two shapes that must be equal are not: `gradcheck: shapes (2,) and (1, 2) differ`.
    static func mismatch(_ operation: String, _ lhs: Shape, _ rhs: Shape) -> String {
        "\(operation): shapes \(tuple(lhs)) and \(tuple(rhs)) differ"
    }

    /// A single-shape problem: `reshaped: cannot reshape array of size 6 into shape (4,)`.
    static func invalid(_ operation: String, _ detail: String) -> String {
        "\(operation): \(detail)"
    }
}

/// Stops the program with a shape-error message built by `ShapeText`.
@usableFromInline
func shapeFailure(_ message: String) -> Never {
    // fatalError, not preconditionFailure: the runtime is built with -O, where a
    // failed precondition traps without printing its message. The notebook line
    // comes from the backtrace, so no caller location is passed in (a defaulted
    // `file:`/`line:` parameter would show up in the user's compiler errors).
    fatalError(message)
}

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

extension ShapeText {
    /// The name of the function the author called, while a function that delegates
    /// runs (`np.dot` runs `matmul`, `np.vstack` runs `concatenate`).
    @TaskLocal static var caller: String?

    /// Runs `body` so that a failure inside it names `function`, the function the
    /// author called, instead of the operation that found the problem:
    /// `dot: shapes (300, 2) and (100, 3) not aligned: …`, not `matmul: …`.
    /// The outermost name wins, so a wrapper that calls another wrapper keeps the
    /// author's name.
    static func reporting<Result>(as function: String, _ body: () -> Result) -> Result {
        guard caller == nil else { return body() }
        return $caller.withValue(function, operation: body)
    }

    /// `message` with its leading operation name (`matmul: …`) replaced by the
    /// function the author called, when a delegating function is running.
    static func named(_ message: String) -> String {
        guard let caller, let colon = message.range(of: ": ") else { return message }
        let operation = message[..<colon.lowerBound]
        guard !operation.isEmpty, !operation.contains(" "), operation != caller else { return message }
        return caller + message[colon.lowerBound...]
    }
}

/// Stops the program with a shape-error message built by `ShapeText`, naming the
/// function the author called (see `ShapeText.reporting(as:_:)`).
@usableFromInline
func shapeFailure(_ message: String) -> Never {
    // fatalError, not preconditionFailure: the runtime is built with -O, where a
    // failed precondition traps without printing its message. The notebook line
    // comes from the backtrace, so no caller location is passed in (a defaulted
    // `file:`/`line:` parameter would show up in the user's compiler errors).
    fatalError(ShapeText.named(message))
}

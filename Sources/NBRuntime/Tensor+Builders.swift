// MARK: - Builders and reshaping

extension Tensor {
    /// A tensor of the given shape filled with `value` (numpy's `np.full`).
    public static func full(_ shape: [Int], _ value: Double, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            shapeFailure(ShapeText.invalid("full", "negative extent in shape \(ShapeText.tuple(shape))"),
                         file: file, line: line)
        }
        return Tensor(unchecked: shape, [Double](repeating: value, count: shape.reduce(1, *)))
    }

    /// `full(shape, value)` with the extents listed: `Tensor.full(2, 3, value: 0.5)`.
    public static func full(_ shape: Int..., value: Double, file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        full(shape, value, file: file, line: line)
    }

    /// Zeros of the given shape: `Tensor.zeros(2, 3)`; `Tensor.zeros()` is a rank-0 zero.
    public static func zeros(_ shape: Int..., file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        full(shape, 0, file: file, line: line)
    }

    /// Zeros of the given shape.
    public static func zeros(shape: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        full(shape, 0, file: file, line: line)
    }

    /// Ones of the given shape: `Tensor.ones(2, 3)`.
    public static func ones(_ shape: Int..., file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        full(shape, 1, file: file, line: line)
    }

    /// Ones of the given shape.
    public static func ones(shape: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        full(shape, 1, file: file, line: line)
    }

    /// The same scalars viewed with a new shape (numpy's `reshape` on a C-contiguous array).
    ///
    /// One extent may be `-1`, meaning "whatever is left". Traps when the
    /// element counts disagree, with numpy's wording.
    public func reshaped(_ newShape: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        var resolved = newShape
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        let known = newShape.filter { $0 != -1 }.reduce(1, *)
        let fail = {
            shapeFailure(ShapeText.invalid("reshaped", "cannot reshape array of size \(count) into shape "
                + ShapeText.tuple(newShape)), file: file, line: line)
        }
        if unknown.count > 1 || newShape.contains(where: { $0 < -1 }) { fail() }
        if let axis = unknown.first {
            if known == 0 || count % known != 0 { fail() }
            resolved[axis] = count / known
        } else if known != count {
            fail()
        }
        return Tensor(unchecked: resolved, scalars)
    }

    /// `reshaped([r, c, ...])` with the extents listed: `t.reshaped(2, 3)`.
    public func reshaped(_ newShape: Int..., file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        reshaped(newShape, file: file, line: line)
    }

    /// A rank-1 copy of all elements in row-major order (numpy's `flatten()`).
    public func flatten() -> Tensor {
        Tensor(unchecked: [count], scalars)
    }
}

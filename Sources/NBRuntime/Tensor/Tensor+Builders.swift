// MARK: - Builders and reshaping

extension Tensor {
    /// A tensor of the given shape filled with `value`. numpy: `np.full(shape, value)`.
    public static func full(_ shape: [Int], _ value: Double) -> Tensor {
        full(Shape(shape), value, dtype: .float64)
    }

    /// A tensor of the given shape and type filled with `value` (converted to
    /// the type). numpy: `np.full(shape, value, dtype=dtype)`.
    public static func full(_ shape: Shape, _ value: Double, dtype: DType = .float64) -> Tensor {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            shapeFailure(ShapeText.invalid("full", "negative dimensions are not allowed in shape \(shape)"))
        }
        let count = shape.elementCount
        switch dtype {
        case .float64: return Tensor(unchecked: shape, .float64(.repeating(value, count: count)))
        case .int64: return Tensor(unchecked: shape, .int64(.repeating(Int64(casting: value), count: count)))
        case .bool: return Tensor(unchecked: shape, .bool(.repeating(value != 0, count: count)))
        case .float32: return Tensor(unchecked: shape, .float32(.repeating(Float(casting: value), count: count)))
        case .int32: return Tensor(unchecked: shape, .int32(.repeating(Int32(casting: value), count: count)))
        case .uint8: return Tensor(unchecked: shape, .uint8(.repeating(UInt8(casting: value), count: count)))
        }
    }

    /// `full(shape, value)` with the extents listed: `Tensor.full(2, 3, value: 0.5)`.
    /// numpy: `np.full((2, 3), 0.5)`.
    public static func full(_ shape: Int..., value: Double) -> Tensor {
        full(Shape(shape), value)
    }

    /// Zeros of the given shape: `Tensor.zeros(2, 3)`; `Tensor.zeros()` is a rank-0 zero.
    /// numpy: `np.zeros((2, 3))`.
    public static func zeros(_ shape: Int...) -> Tensor {
        full(Shape(shape), 0)
    }

    /// Zeros of the given shape. numpy: `np.zeros(shape)`.
    public static func zeros(shape: [Int]) -> Tensor {
        full(Shape(shape), 0)
    }

    /// Ones of the given shape: `Tensor.ones(2, 3)`. numpy: `np.ones((2, 3))`.
    public static func ones(_ shape: Int...) -> Tensor {
        full(Shape(shape), 1)
    }

    /// Ones of the given shape. numpy: `np.ones(shape)`.
    public static func ones(shape: [Int]) -> Tensor {
        full(Shape(shape), 1)
    }

    /// The same scalars viewed with a new shape (numpy's `reshape` on a C-contiguous array).
    /// numpy: `a.reshape(new_shape)`.
    ///
    /// One extent may be `-1`, meaning "whatever is left". Traps when the
    /// element counts disagree, with numpy's wording.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = Shape(newShape)
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        let known = newShape.filter { $0 != -1 }.reduce(1, *)
        let fail = {
            shapeFailure(
                ShapeText.invalid(
                    "reshape",
                    "cannot reshape array of size \(count) into shape "
                        + ShapeText.tuple(newShape)))
        }
        if unknown.count > 1 || newShape.contains(where: { $0 < -1 }) { fail() }
        if let axis = unknown.first {
            if known == 0 || count % known != 0 { fail() }
            resolved[axis] = count / known
        } else if known != count {
            fail()
        }
        return Tensor(unchecked: resolved, storage)
    }

    /// `reshaped([r, c, ...])` with the extents listed: `t.reshaped(2, 3)`. numpy: `a.reshape(2, 3)`.
    public func reshaped(_ newShape: Int...) -> Tensor {
        reshaped(newShape)
    }

    /// numpy's spelling of `reshaped`: `t.reshape(2, 3)`, `t.reshape(-1)`. numpy: `a.reshape(2, 3)`.
    public func reshape(_ newShape: Int...) -> Tensor {
        reshaped(newShape)
    }

    /// numpy's spelling of `reshaped`: `t.reshape([2, 3])`, `t.reshape(other.shape)`. numpy: `a.reshape((2, 3))`.
    public func reshape(_ newShape: Shape) -> Tensor {
        reshaped(newShape.dimensions)
    }

    /// A rank-1 copy of all elements in row-major order. numpy: `a.flatten()`.
    public func flatten() -> Tensor {
        Tensor(unchecked: [count], storage)
    }

    /// All elements as a rank-1 tensor, in row-major order. numpy: `a.ravel()`.
    public func ravel() -> Tensor {
        flatten()
    }

    /// A copy (tensors are values, so this is the tensor itself). numpy: `a.copy()`.
    public func copy() -> Tensor {
        self
    }

    /// The elements converted to another type: floats truncate toward zero for
    /// `.int64`, non-zero is `true` for `.bool`. numpy: `a.astype(dtype)`.
    public func astype(_ type: DType) -> Tensor {
        if type == dtype { return self }
        return Tensor(unchecked: shape, storage.converted(to: type))
    }
}

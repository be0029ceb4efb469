// MARK: - Element, row and column access

extension Tensor {
    /// One element, addressed by one index per axis: `t[i, j]` for a matrix,
    /// `t[i]` for a vector, `t[]` for a scalar. Negative indices count from
    /// the end, as in numpy. Traps with numpy's wording when an index is out
    /// of bounds or the number of indices differs from the rank.
    /// numpy: `float(a[i, j])`, and `a[i, j] = value`.
    ///
    /// Disfavored: without a `Double` context, `t[i, j]` is the general
    /// subscript, a rank-0 tensor that prints like numpy's scalar.
    @_disfavoredOverload
    public subscript(indices: Int...) -> Double {
        get { doubleValue(at: flatIndex(indices)) }
        set { setDoubleValue(newValue, at: flatIndex(indices)) }
    }

    /// Row `i` of a rank-2 tensor as a rank-1 tensor. numpy: `a[i]` or `a[i, :]`.
    /// Negative `i` counts from the end. Setting requires a rank-1 value of the row's length.
    public subscript(row i: Int) -> Tensor {
        get {
            let r = checkedIndex(i, axis: 0, operation: "row")
            let columns = shape[1]
            return gather(shape: [columns], strides: [1], offset: r * columns)
        }
        set {
            let r = checkedIndex(i, axis: 0, operation: "row")
            let columns = shape[1]
            guard newValue.shape == [columns] else {
                shapeFailure(ShapeText.mismatch("row", [columns], newValue.shape))
            }
            self[positions: [.index(r), .all]] = newValue
        }
    }

    /// Column `j` of a rank-2 tensor as a rank-1 tensor. numpy: `a[:, j]`.
    /// Negative `j` counts from the end. Setting requires a rank-1 value of the column's length.
    public subscript(column j: Int) -> Tensor {
        get {
            let c = checkedIndex(j, axis: 1, operation: "column")
            return gather(shape: [shape[0]], strides: [shape[1]], offset: c)
        }
        set {
            let c = checkedIndex(j, axis: 1, operation: "column")
            guard newValue.shape == [shape[0]] else {
                shapeFailure(ShapeText.mismatch("column", [shape[0]], newValue.shape))
            }
            self[positions: [.all, .index(c)]] = newValue
        }
    }

    /// The transpose: axes reversed. Rank 0 and 1 are returned unchanged; a matrix's
    /// transpose is a view of the same elements, copied only when something other than a
    /// matrix product reads it. numpy: `a.T`.
    public var T: Tensor {
        guard rank >= 2 else { return self }
        let reversed: Shape = rank == 2 ? Shape(shape[1], shape[0]) : Shape(shape.reversed())
        guard rank == 2 else { return gather(shape: reversed, strides: strides.reversed(), offset: 0) }
        // A view, as numpy's: no copy. Matrix products read it in place (see `matmul`).
        var view = Tensor(unchecked: reversed, base)
        view.isTransposedView = !isTransposedView
        return view
    }

    /// The only element as a `Double` (ints and bools too: 1.0 for `true`).
    /// Traps unless the tensor has exactly one element. numpy: `a.item()`.
    public func item() -> Double {
        guard count == 1 else {
            shapeFailure(
                ShapeText.invalid(
                    "item",
                    "can only convert an array of size 1 to a scalar, got shape "
                        + "\(shape)"))
        }
        return doubleValue(at: 0)
    }

    // MARK: - Index checking

    private func flatIndex(_ indices: [Int]) -> Int {
        guard indices.count == rank else {
            shapeFailure(
                ShapeText.invalid("subscript", "\(indices.count) indices for array of shape \(ShapeText.tuple(shape))"))
        }
        var flat = 0
        for axis in 0..<rank {
            flat = flat * shape[axis] + checkedIndex(indices[axis], axis: axis, operation: "subscript")
        }
        return flat
    }

    private func checkedIndex(_ index: Int, axis: Int, operation: String) -> Int {
        guard operation == "subscript" || rank == 2 else {
            shapeFailure(ShapeText.invalid(operation, "needs a 2-D array, got shape \(ShapeText.tuple(shape))"))
        }
        guard index >= -shape[axis] && index < shape[axis] else {
            shapeFailure(
                ShapeText.invalid(
                    operation, "index \(index) is out of bounds for axis \(axis) with size \(shape[axis])"))
        }
        return index < 0 ? index + shape[axis] : index
    }
}

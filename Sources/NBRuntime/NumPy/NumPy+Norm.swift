import Foundation

// MARK: - np.linalg.norm with ord

extension np.linalg {
    /// The vector or matrix norm of order `ord`, computed as numpy's `norm` does. With no
    /// axis a rank-1 tensor takes a vector norm and a rank-2 one a matrix norm; `axis` picks
    /// one axis (vector norms) and `axis: [0, 1]` two (matrix norms).
    ///
    /// Vector orders: `np.inf` (max |x|), `-np.inf` (min |x|), `0` (count of non-zeros),
    /// `1` (sum |x|), `2` (`sqrt(sum x²)`), any other p (`sum(|x|**p)**(1/p)`).
    /// Matrix orders: `1` and `-1` (max and min column sum of |x|), `np.inf` and `-np.inf`
    /// (the same over rows), `2` and `-2` (largest and smallest singular value, by `gesdd`).
    /// numpy: `np.linalg.norm(x, ord=2, axis=None, keepdims=False)`.
    public static func norm(
        _ x: some TensorConvertible, ord: Double, axis: Int? = nil, keepdims: Bool = false
    ) -> Tensor {
        norm(x.tensorValue, order: .number(ord), axes: axis.map { [$0] }, keepdims: keepdims)
    }

    /// A matrix norm over two axes (`axis: [0, 1]`), or a vector norm over one (`axis: [1]`).
    /// numpy: `np.linalg.norm(x, ord=1, axis=(0, 1))`.
    public static func norm(
        _ x: some TensorConvertible, ord: Double, axis: [Int], keepdims: Bool = false
    ) -> Tensor {
        norm(x.tensorValue, order: .number(ord), axes: axis, keepdims: keepdims)
    }

    /// The Frobenius norm (`"fro"`, `sqrt(sum x²)`) or the nuclear norm (`"nuc"`, the sum of
    /// the singular values) of a matrix. numpy: `np.linalg.norm(x, ord='fro', axis=None)`.
    public static func norm(
        _ x: some TensorConvertible, ord: String, axis: [Int]? = nil, keepdims: Bool = false
    ) -> Tensor {
        norm(x.tensorValue, order: .name(ord), axes: axis, keepdims: keepdims)
    }

    private enum Order {
        case number(Double)
        case name(String)
    }

    private static func norm(_ x: Tensor, order: Order, axes: [Int]?, keepdims: Bool) -> Tensor {
        let x = x.dtype.isFloatingPoint ? x : x.astype(.float64)
        if axes == nil && !keepdims {
            // numpy's fast path: sqrt(x.dot(x)) of the flattened tensor.
            switch order {
            case .name("fro"),
                .name("f") where x.rank == 2:
                return norm(x)
            case .number(2) where x.rank == 1: return norm(x)
            default: break
            }
        }
        let axes = axes ?? Swift.Array(0..<x.rank)
        if case .number(let p) = order, axes.count == 1 || (axes.isEmpty && x.rank == 0) {
            return ShapeText.reporting(as: "norm") { vectorNorm(x, p, axis: axes.first ?? 0, keepdims: keepdims) }
        }
        if case .name(let name) = order, axes.count == 1 {
            shapeFailure("norm: Invalid norm order '\(name)' for vectors")
        }
        guard axes.count == 2 else { shapeFailure("norm: Improper number of dimensions to norm.") }
        let rowAxis = x.normalized(axis: axes[0], "norm")
        let columnAxis = x.normalized(axis: axes[1], "norm")
        guard rowAxis != columnAxis else { shapeFailure("norm: Duplicate axes given.") }
        var result = ShapeText.reporting(as: "norm") { matrixNorm(x, order, rowAxis, columnAxis) }
        if keepdims {
            var shape = x.shape
            shape[rowAxis] = 1
            shape[columnAxis] = 1
            result = result.reshaped(Swift.Array(shape))
        }
        return result
    }

    private static func vectorNorm(_ x: Tensor, _ p: Double, axis: Int, keepdims: Bool) -> Tensor {
        switch p {
        case .infinity: return NBRuntime.abs(x).max(axis: axis, keepdims: keepdims)
        case -.infinity: return NBRuntime.abs(x).min(axis: axis, keepdims: keepdims)
        case 0: return (x .!= 0).astype(x.dtype).sum(axis: axis, keepdims: keepdims)
        case 1: return NBRuntime.abs(x).sum(axis: axis, keepdims: keepdims)
        case 2: return NBRuntime.sqrt((x * x).sum(axis: axis, keepdims: keepdims))
        default:
            // numpy: absx **= ord; ret = add.reduce(absx); ret **= reciprocal(ord)
            let sum = NBRuntime.pow(NBRuntime.abs(x), p).sum(axis: axis, keepdims: keepdims)
            let reciprocal = x.dtype == .float32 ? Double(1 / Float(p)) : 1 / p
            return NBRuntime.pow(sum, reciprocal)
        }
    }

    private static func matrixNorm(_ x: Tensor, _ order: Order, _ rowAxis: Int, _ columnAxis: Int) -> Tensor {
        switch order {
        case .name("fro"), .name("f"):
            // numpy reduces both axes at once; for one matrix that is one pairwise sum.
            guard x.rank == 2 else {
                shapeFailure("norm: stacks of matrices (shape \(x.shape)) are not supported; pass one matrix")
            }
            return NBRuntime.sqrt((x * x).sum())
        case .name("nuc"): return singularValues(x, rowAxis, columnAxis).sum()
        case .name(let name): shapeFailure("norm: Invalid norm order '\(name)' for matrices.")
        case .number(2): return singularValues(x, rowAxis, columnAxis).max()
        case .number(-2): return singularValues(x, rowAxis, columnAxis).min()
        case .number(let p) where Swift.abs(p) == 1:
            let sums = NBRuntime.abs(x).sum(axis: rowAxis)
            let axis = columnAxis > rowAxis ? columnAxis - 1 : columnAxis
            return p > 0 ? sums.max(axis: axis) : sums.min(axis: axis)
        case .number(let p) where Swift.abs(p) == .infinity:
            let sums = NBRuntime.abs(x).sum(axis: columnAxis)
            let axis = rowAxis > columnAxis ? rowAxis - 1 : rowAxis
            return p > 0 ? sums.max(axis: axis) : sums.min(axis: axis)
        case .number:
            shapeFailure("norm: Invalid norm order for matrices.")
        }
    }

    /// The singular values of the matrix on the two axes (one matrix: rank 2 only).
    private static func singularValues(_ x: Tensor, _ rowAxis: Int, _ columnAxis: Int) -> Tensor {
        let matrix = matrix(x, "norm")
        return gesdd(rowAxis < columnAxis ? matrix : matrix.T, job: "N").s
    }
}

// MARK: - Matrix product

/// Matrix product with numpy's `@` shape rules for rank 1 and 2 (see
/// `matmul(_:_:)`). numpy: `a @ b`.
public func ⋅ (lhs: Tensor, rhs: Tensor) -> Tensor {
    matmul(lhs, rhs)
}

/// Matrix product with numpy's `@` shape rules for rank 1 and 2. numpy: `np.matmul(a, b)`.
///
/// Shapes:
/// `(n, k) @ (k, m) -> (n, m)`, `(k,) @ (k, m) -> (m,)`,
/// `(n, k) @ (k,) -> (n,)`, `(k,) @ (k,) -> ()`.
///
/// Products with `k >= 16` and at least 32³ multiply-adds go to OpenBLAS's
/// `cblas_dgemm` (loaded on first use; the loop below when it isn't installed).
/// Smaller ones accumulate each output element over `k` in order, starting from 0,
/// with a fused multiply-add per step: `acc = fma(a[i, p], b[p, j], acc)`.
/// That is what numpy's bundled OpenBLAS kernels do for small problems, and
/// it matches numpy bit for bit (checked against fixtures) when `k < 16` for
/// matrix @ matrix and row @ column, and for `k == 1`. For larger `k` BLAS
/// splits the sum across vector lanes and blocks, and for matrix @ vector
/// (numpy's gemv path) OpenBLAS uses its own order, so results there can
/// differ from numpy in the last bits.
///
/// The result type is the promoted type of the operands (ints give int64,
/// computed in int64 and wrapping around on overflow, as numpy's integer matmul
/// does; two bool operands give bool).
///
/// Traps with `matmul: shapes (1, 2) and (1, 2) not aligned: 2 (dim 1) != 1 (dim 0)`
/// when the inner extents differ, and for rank-0 or rank > 2 operands.
public func matmul(_ lhs: Tensor, _ rhs: Tensor) -> Tensor {
    guard (1...2).contains(lhs.rank), (1...2).contains(rhs.rank) else {
        shapeFailure(
            ShapeText.invalid(
                "matmul",
                "operands must have rank 1 or 2, got shapes "
                    + "\(lhs.shape) and \(rhs.shape)"))
    }
    let rows = lhs.rank == 2 ? lhs.shape[0] : 1
    let inner = lhs.shape[lhs.rank - 1]
    let rhsInner = rhs.shape[0]
    let columns = rhs.rank == 2 ? rhs.shape[1] : 1
    guard inner == rhsInner else {
        shapeFailure(ShapeText.matmulMismatch("matmul", lhs.shape, rhs.shape))
    }
    var shape: Shape = []
    if lhs.rank == 2 { shape.append(rows) }
    if rhs.rank == 2 { shape.append(columns) }
    switch DType.promoted(lhs.dtype, rhs.dtype) {
    case .float64:
        let product = floatProduct(
            lhs.elements(Double.self), rhs.elements(Double.self), rows: rows, inner: inner, columns: columns)
        return Tensor(unchecked: shape, elements: product)
    case .int64:
        let product = integerProduct(
            lhs.elements(Int64.self), rhs.elements(Int64.self), rows: rows, inner: inner, columns: columns)
        return Tensor(unchecked: shape, elements: product)
    case .bool:
        let product = integerProduct(
            lhs.elements(Int64.self), rhs.elements(Int64.self), rows: rows, inner: inner, columns: columns)
        return Tensor(unchecked: shape, elements: product.mapped { $0 != 0 })
    }
}

/// `a · b` for row-major float64 `a` (rows × inner) and `b` (inner × columns).
private func floatProduct(
    _ a: TensorBuffer<Double>, _ b: TensorBuffer<Double>, rows: Int, inner: Int, columns: Int
) -> TensorBuffer<Double> {
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            TensorBuffer.make(count: rows * columns) { c in
                if usesBLAS(rows: rows, inner: inner, columns: columns),
                    BLAS.multiply(a, b, into: c, rows: rows, inner: inner, columns: columns)
                {
                    return
                }
                for index in 0..<(rows * columns) { c[index] = 0 }
                for i in 0..<rows {
                    let cRow = i * columns
                    for p in 0..<inner {
                        let aValue = a[i * inner + p]
                        let bRow = p * columns
                        for j in 0..<columns {
                            c[cRow + j].addProduct(aValue, b[bRow + j])
                        }
                    }
                }
            }
        }
    }
}

/// `a · b` in int64, wrapping around on overflow as numpy's integer matmul does.
private func integerProduct(
    _ a: TensorBuffer<Int64>, _ b: TensorBuffer<Int64>, rows: Int, inner: Int, columns: Int
) -> TensorBuffer<Int64> {
    TensorBuffer.make(count: rows * columns) { c in
        c.initialize(repeating: 0)
        for i in 0..<rows {
            for p in 0..<inner {
                let aValue = a[i * inner + p]
                for j in 0..<columns { c[i * columns + j] &+= aValue &* b[p * columns + j] }
            }
        }
    }
}

/// Whether a product is large enough for OpenBLAS: at least `blasThreshold`
/// multiply-adds and an inner extent of 16 or more. Below 16 the in-order loop
/// matches numpy bit for bit, so small products (every handout's) keep it.
@inline(__always)
func usesBLAS(rows: Int, inner: Int, columns: Int) -> Bool {
    inner >= 16 && rows * inner * columns >= blasThreshold
}

/// Multiply-adds from which OpenBLAS beats the loop; see BENCHMARKS.md.
let blasThreshold = 32 * 32 * 32

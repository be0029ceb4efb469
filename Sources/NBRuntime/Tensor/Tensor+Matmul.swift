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
/// float64 products with `k >= 16` and at least 32³ multiply-adds go to OpenBLAS
/// (loaded on first use; the loop below when it isn't installed), as numpy's do:
/// `cblas_dgemm` for matrix @ matrix, with `CblasTrans` for an operand that is a
/// transposed view (`a.T`, read where it is stored, not copied), `cblas_dgemv` when
/// one side is a single row or column, `cblas_ddot` for a 1 × 1 result. Smaller
/// products accumulate each output element over `k` in order, starting from 0, with
/// the FMA instruction: `acc = fma(a[i, p], b[p, j], acc)`.
///
/// Which results are bit-identical to numpy (numpy 2.4.6, its OpenBLAS 0.3.31, checked
/// on this repository's machine with ctypes against Debian's OpenBLAS 0.3.21 with the
/// same kernels, see `BLAS`): the small products, because OpenBLAS's small-matrix and
/// `k < 16` kernels also sum in order with FMA (the fixtures check `k <= 15`, and the
/// transposed-left products of any `k` measured, such as the lesson's `(100, 300) @ (300, 3)`,
/// sum the same way); `dgemm` and `ddot` with numpy's flags, because the two OpenBLAS
/// versions share those kernels. `dgemv` differs (0.3.21 and 0.3.31 have different gemv
/// kernels: last bits of a few elements), and so does everything on another CPU whose
/// OpenBLAS kernels differ from numpy's. numpy computes `a @ a.T` with `dsyrk`, this
/// runtime with `dgemm`.
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
    // Built inline: a shape literal would make an array first.
    let shape: Shape =
        lhs.rank == 2
        ? (rhs.rank == 2 ? Shape(rows, columns) : Shape(rows)) : (rhs.rank == 2 ? Shape(columns) : Shape())
    switch DType.promoted(lhs.dtype, rhs.dtype) {
    case .float32:
        // numpy runs float32's sgemm; this runs the float64 product and rounds each result.
        let product = floatProduct(
            MatrixOperand(lhs.astype(.float64)), MatrixOperand(rhs.astype(.float64)), rows: rows, inner: inner,
            columns: columns)
        return Tensor(unchecked: shape, elements: product.mapped { Float($0) })
    case .int32, .uint8:
        // The low bits of the wrapped int64 product are the narrower type's wrapped product.
        let product = integerProduct(
            lhs.elements(Int64.self), rhs.elements(Int64.self), rows: rows, inner: inner, columns: columns)
        return Tensor(unchecked: shape, elements: product).astype(DType.promoted(lhs.dtype, rhs.dtype))
    case .float64:
        let product = floatProduct(
            MatrixOperand(lhs), MatrixOperand(rhs), rows: rows, inner: inner, columns: columns)
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

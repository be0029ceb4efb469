internal import COpenBLAS

// MARK: - float64 matrix products

/// One float64 operand of a matrix product, read where it is stored: a row-major
/// matrix, or a transposed view of one (`a.T`), whose stored matrix is `columns × rows`.
/// A rank-1 operand is a row on the left and a column on the right; either way its
/// elements are already in row-major order.
struct MatrixOperand {
    let values: TensorBuffer<Double>
    let isTransposed: Bool

    init(_ tensor: borrowing Tensor) {
        values = Double.elements(of: tensor.base)
        isTransposed = tensor.isTransposedView
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

/// `a · b` for a `rows × inner` and an `inner × columns` operand, row-major.
func floatProduct(_ a: MatrixOperand, _ b: MatrixOperand, rows: Int, inner: Int, columns: Int) -> TensorBuffer<Double> {
    if usesBLAS(rows: rows, inner: inner, columns: columns), let blas = BLAS.routines {
        return blasProduct(blas, a, b, rows: rows, inner: inner, columns: columns)
    }
    // Tiny products (XOR's are 4 × 2 × 4) cost more to set up than to compute; so do
    // copies of a transposed right operand.
    if rows * inner * columns <= 256 || (b.isTransposed && rows * inner * columns <= 4096) {
        return stridedProduct(a, b, rows: rows, inner: inner, columns: columns)
    }
    // The loop reads the right operand by rows; a transposed one is copied first (it is
    // small here: k < 16 or few multiply-adds).
    let right =
        b.isTransposed
        ? Tensor(unchecked: [columns, inner], elements: b.values).T.elements(Double.self) : b.values
    return a.values.withUnsafeBufferPointer { a0 in
        right.withUnsafeBufferPointer { b0 in
            TensorBuffer.make(count: rows * columns) { c in
                guard let c0 = c.baseAddress, rows * columns > 0 else { return }
                // A(i, p) is a[i * inner + p], or a[p * rows + i] when transposed.
                let (rowStep, innerStep) = a.isTransposed ? (1, rows) : (inner, 1)
                for i in 0..<rows {
                    let cRow = c0 + i &* columns
                    cRow.initialize(repeating: 0, count: columns)
                    // Four steps of k per pass over the row, each element still getting one
                    // fused multiply-add per step, in order; vectorised with the FMA
                    // instruction on x86-64-v3.
                    var p = 0
                    while p < inner {
                        let steps = Swift.min(4, inner &- p)
                        var value = (0.0, 0.0, 0.0, 0.0)
                        var bRows = (b0.baseAddress!, b0.baseAddress!, b0.baseAddress!, b0.baseAddress!)
                        value.0 = a0[i &* rowStep &+ p &* innerStep]
                        bRows.0 = b0.baseAddress! + p &* columns
                        if steps > 1 {
                            value.1 = a0[i &* rowStep &+ (p &+ 1) &* innerStep]
                            bRows.1 = bRows.0 + columns
                        }
                        if steps > 2 {
                            value.2 = a0[i &* rowStep &+ (p &+ 2) &* innerStep]
                            bRows.2 = bRows.1 + columns
                        }
                        if steps > 3 {
                            value.3 = a0[i &* rowStep &+ (p &+ 3) &* innerStep]
                            bRows.3 = bRows.2 + columns
                        }
                        switch steps {
                        case 1:
                            for j in 0..<columns { cRow[j].addProduct(value.0, bRows.0[j]) }
                        case 2:
                            for j in 0..<columns {
                                var sum = cRow[j]
                                sum.addProduct(value.0, bRows.0[j])
                                sum.addProduct(value.1, bRows.1[j])
                                cRow[j] = sum
                            }
                        case 3:
                            for j in 0..<columns {
                                var sum = cRow[j]
                                sum.addProduct(value.0, bRows.0[j])
                                sum.addProduct(value.1, bRows.1[j])
                                sum.addProduct(value.2, bRows.2[j])
                                cRow[j] = sum
                            }
                        default:
                            for j in 0..<columns {
                                var sum = cRow[j]
                                sum.addProduct(value.0, bRows.0[j])
                                sum.addProduct(value.1, bRows.1[j])
                                sum.addProduct(value.2, bRows.2[j])
                                sum.addProduct(value.3, bRows.3[j])
                                cRow[j] = sum
                            }
                        }
                        p &+= steps
                    }
                }
            }
        }
    }
}

/// The loop's sums for tiny products, reading both operands where they are stored: the
/// same fused multiply-adds in the same order as the vectorised loop, so the same bits.
///
/// Each result starts at zero and takes `c[i, j] = fma(a[i, p], b[p, j], c[i, j])` for
/// `p` in order. Four columns or more go across the row at each step of `p`, so that a
/// right operand stored by rows gives vector instructions (XOR's `(4, 2) @ (2, 4)`);
/// fewer go one element at a time, with the sum in a register, as a chain of
/// multiply-adds through memory would wait on each store.
private func stridedProduct(
    _ a: MatrixOperand, _ b: MatrixOperand, rows: Int, inner: Int, columns: Int
) -> TensorBuffer<Double> {
    let (aRowStep, aInnerStep) = a.isTransposed ? (1, rows) : (inner, 1)
    let (bInnerStep, bColumnStep) = b.isTransposed ? (1, inner) : (columns, 1)
    return a.values.withUnsafeBufferPointer { a0 in
        b.values.withUnsafeBufferPointer { b0 in
            TensorBuffer.make(count: rows * columns) { c in
                guard let c0 = c.baseAddress else { return }
                guard let a0 = a0.baseAddress, let b0 = b0.baseAddress, columns >= 4 else {
                    for i in 0..<rows {
                        for j in 0..<columns {
                            var sum = 0.0
                            for p in 0..<inner {
                                sum.addProduct(
                                    a0[i &* aRowStep &+ p &* aInnerStep], b0[p &* bInnerStep &+ j &* bColumnStep])
                            }
                            c0[i &* columns &+ j] = sum
                        }
                    }
                    return
                }
                c0.initialize(repeating: 0, count: rows &* columns)
                for i in 0..<rows {
                    let cRow = c0 + i &* columns
                    for p in 0..<inner {
                        let x = a0[i &* aRowStep &+ p &* aInnerStep]
                        let bRow = b0 + p &* bInnerStep
                        if bColumnStep == 1 {
                            for j in 0..<columns { cRow[j].addProduct(x, bRow[j]) }
                        } else {
                            for j in 0..<columns { cRow[j].addProduct(x, bRow[j &* bColumnStep]) }
                        }
                    }
                }
            }
        }
    }
}

/// The product through OpenBLAS, with the routine and transposition flags numpy's
/// matmul chooses for these shapes.
private func blasProduct(
    _ blas: BLAS.Routines, _ a: MatrixOperand, _ b: MatrixOperand, rows: Int, inner: Int, columns: Int
) -> TensorBuffer<Double> {
    a.values.withUnsafeBufferPointer { a0 in
        b.values.withUnsafeBufferPointer { b0 in
            TensorBuffer.make(count: rows * columns) { c in
                let (m, n, k) = (blasint(rows), blasint(columns), blasint(inner))
                if rows == 1 && columns == 1 {
                    // A 1 × 1 result: numpy's dot of two vectors (a column's elements are contiguous).
                    c[0] = blas.ddot(k, a0.baseAddress, 1, b0.baseAddress, 1)
                } else if columns == 1 {
                    // Matrix · column: y = A x, with A as stored.
                    let (order, storedRows, storedColumns) = a.isTransposed ? (CblasTrans, k, m) : (CblasNoTrans, m, k)
                    blas.dgemv(
                        CblasRowMajor, order, storedRows, storedColumns, 1, a0.baseAddress, storedColumns,
                        b0.baseAddress, 1, 0, c.baseAddress, 1)
                } else if rows == 1 {
                    // Row · matrix: y = Bᵀ x.
                    let (order, storedRows, storedColumns) = b.isTransposed ? (CblasNoTrans, n, k) : (CblasTrans, k, n)
                    blas.dgemv(
                        CblasRowMajor, order, storedRows, storedColumns, 1, b0.baseAddress, storedColumns,
                        a0.baseAddress, 1, 0, c.baseAddress, 1)
                } else {
                    blas.dgemm(
                        CblasRowMajor, a.isTransposed ? CblasTrans : CblasNoTrans,
                        b.isTransposed ? CblasTrans : CblasNoTrans, m, n, k, 1,
                        a0.baseAddress, a.isTransposed ? m : k, b0.baseAddress, b.isTransposed ? k : n, 0,
                        c.baseAddress, n)
                }
            }
        }
    }
}

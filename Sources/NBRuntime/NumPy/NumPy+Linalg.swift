import Foundation

// MARK: - np.linalg

extension np {
    /// Linear algebra through LAPACK (Debian's OpenBLAS), with numpy's routines:
    /// `gesv` for `solve` and `inv`, `getrf` for `det`, `syevd` for `eigh`.
    /// Matrices are 2-D (numpy's stacks of matrices are not supported). numpy: `np.linalg`.
    public enum linalg {
        /// The 2-norm of the flattened tensor (a matrix's Frobenius norm), as numpy
        /// computes it: `sqrt(x.dot(x))`, with BLAS's `ddot`. numpy: `np.linalg.norm(x)`.
        /// A float32 tensor's norm is float32 (computed in float64 and rounded; numpy's `sdot`
        /// accumulates in float32).
        public static func norm(_ x: some TensorConvertible) -> Tensor {
            let tensor = x.tensorValue
            let values = tensor.scalars
            let squares = values.withUnsafeBufferPointer { v in
                LAPACK.ddot(Int32(v.count), v.baseAddress, 1, v.baseAddress, 1)
            }
            let result = Tensor(squares.squareRoot())
            return tensor.dtype == .float32 ? result.astype(.float32) : result
        }

        /// The 2-norms along one axis: `sqrt(sum(x * x, axis))` with numpy's pairwise sum.
        /// numpy: `np.linalg.norm(x, axis=1, keepdims=False)`.
        public static func norm(_ x: some TensorConvertible, axis: Int, keepdims: Bool = false) -> Tensor {
            let x = x.tensorValue.astype(.float64)
            return ShapeText.reporting(as: "norm") { NBRuntime.sqrt((x * x).sum(axis: axis, keepdims: keepdims)) }
        }

        /// The inverse of a square matrix, from `gesv` with the identity on the right,
        /// as numpy's. Traps with numpy's "Singular matrix". numpy: `np.linalg.inv(a)`.
        public static func inv(_ a: some TensorConvertible) -> Tensor {
            let a = squareMatrix(a.tensorValue, "inv")
            let n = a.shape[0]
            var identity = [Double](repeating: 0, count: n * n)
            for i in 0..<n { identity[i * n + i] = 1 }
            let solution = gesv(columnMajor(a), n: n, identity, columns: n, "inv")
            return Tensor(unchecked: [n, n], rowMajor(solution, rows: n, columns: n))
        }

        /// The `x` with `a x = b`, by LU with partial pivoting (`gesv`); `b` is a vector
        /// or a matrix of right-hand sides. Traps with numpy's "Singular matrix".
        /// numpy: `np.linalg.solve(a, b)`.
        public static func solve(_ a: some TensorConvertible, _ b: some TensorConvertible) -> Tensor {
            let a = squareMatrix(a.tensorValue, "solve")
            let b = b.tensorValue.astype(.float64)
            let n = a.shape[0]
            guard (1...2).contains(b.rank), b.shape[0] == n else {
                let signature = b.rank == 1 ? "(m,m),(m)->(m)" : "(m,m),(m,n)->(m,n)"
                shapeFailure(
                    "solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
                        + "\(signature) (size \(b.shape.first ?? 0) is different from \(n))")
            }
            let columns = b.rank == 2 ? b.shape[1] : 1
            let solution = gesv(
                columnMajor(a), n: n, columnMajor(b.reshaped(n, columns)), columns: columns, "solve")
            return Tensor(unchecked: b.shape, rowMajor(solution, rows: n, columns: columns))
        }

        /// The determinant, as numpy computes it: the LU factors' `getrf`, then
        /// `sign * exp(sum(log|u_ii|))` (so `det([[1, 2], [3, 4]])` is `-2.0000000000000004`,
        /// as numpy's). A rank-0 float64 tensor. numpy: `np.linalg.det(a)`.
        public static func det(_ a: some TensorConvertible) -> Tensor {
            let a = squareMatrix(a.tensorValue, "det")
            let n = a.shape[0]
            var lu = columnMajor(a)
            var pivots = [LAPACK.Integer](repeating: 0, count: Swift.max(n, 1))
            var info: LAPACK.Integer = 0
            var rows = LAPACK.Integer(n)
            var columns = LAPACK.Integer(n)
            var leading = LAPACK.Integer(Swift.max(n, 1))
            LAPACK.dgetrf(&rows, &columns, &lu, &leading, &pivots, &info)
            guard info == 0 else { return Tensor(0.0) }  // singular: numpy's sign 0, log -inf
            var sign = 1.0
            var logdet = 0.0
            for i in 0..<n {
                if pivots[i] != LAPACK.Integer(i + 1) { sign = -sign }
                var element = lu[i * n + i]
                if element < 0 {
                    sign = -sign
                    element = -element
                }
                logdet += Foundation.log(element)
            }
            return Tensor(sign * Foundation.exp(logdet))
        }

        /// Eigenvalues (ascending) and eigenvectors (the columns) of a symmetric matrix,
        /// from its lower triangle, by `syevd`. numpy: `w, v = np.linalg.eigh(a)`.
        public static func eigh(_ a: some TensorConvertible) -> (eigenvalues: Tensor, eigenvectors: Tensor) {
            let a = squareMatrix(a.tensorValue, "eigh")
            let n = a.shape[0]
            var vectors = columnMajor(a)
            var values = [Double](repeating: 0, count: n)
            var size = LAPACK.Integer(n)
            var leading = LAPACK.Integer(Swift.max(n, 1))
            var info: LAPACK.Integer = 0
            var workSize = 0.0
            var iworkSize: LAPACK.Integer = 0
            var query: LAPACK.Integer = -1
            var iquery: LAPACK.Integer = -1
            LAPACK.dsyevd(
                "V", "L", &size, &vectors, &leading, &values, &workSize, &query, &iworkSize, &iquery, &info, 1, 1)
            var lwork = LAPACK.Integer(workSize)
            var liwork = iworkSize
            var work = [Double](repeating: 0, count: Swift.max(Int(lwork), 1))
            var iwork = [LAPACK.Integer](repeating: 0, count: Swift.max(Int(liwork), 1))
            LAPACK.dsyevd("V", "L", &size, &vectors, &leading, &values, &work, &lwork, &iwork, &liwork, &info, 1, 1)
            guard info == 0 else { shapeFailure("eigh: Eigenvalues did not converge") }
            return (Tensor(unchecked: [n], values), Tensor(unchecked: [n, n], rowMajor(vectors, rows: n, columns: n)))
        }

        /// The singular value decomposition `a = U · diag(S) · Vh` of a matrix, by LAPACK's
        /// `gesdd` as numpy's: `U` is m × m and `Vh` n × n (`full_matrices: false`: m × k
        /// and k × n, k = min(m, n)), `S` descending. The signs of singular vectors are
        /// LAPACK's, so they may differ from numpy's own OpenBLAS build's where a vector's
        /// sign is not determined (see docs/numpy.md). numpy: `U, S, Vh = np.linalg.svd(a)`.
        public static func svd(
            _ a: some TensorConvertible, full_matrices: Bool = true
        ) -> (U: Tensor, S: Tensor, Vh: Tensor) {
            let a = matrix(a.tensorValue, "svd")
            let result = gesdd(a, job: full_matrices ? "A" : "S")
            return (result.u!, result.s, result.vt!)
        }

        /// The singular values alone, descending, by `gesdd` without vectors as numpy's.
        /// numpy: `np.linalg.svd(a, compute_uv=False)`; `compute_uv: true` traps (call
        /// `svd(a)` for `U`, `S` and `Vh`).
        public static func svd(_ a: some TensorConvertible, full_matrices: Bool = true, compute_uv: Bool) -> Tensor {
            guard !compute_uv else { shapeFailure("svd: with compute_uv: true, call svd(a) for (U, S, Vh)") }
            return gesdd(matrix(a.tensorValue, "svd"), job: "N").s
        }

        // MARK: - Helpers

        /// `a` as a float64 matrix (rank 2, any shape), or numpy's error.
        static func matrix(_ a: Tensor, _ function: String) -> Tensor {
            guard a.rank >= 2 else {
                shapeFailure(
                    "\(function): \(a.rank)-dimensional array given. Array must be at least two-dimensional")
            }
            guard a.rank == 2 else {
                shapeFailure("\(function): stacks of matrices (shape \(a.shape)) are not supported; pass one matrix")
            }
            return a.astype(.float64)
        }

        /// `dgesdd` on a row-major matrix: job "A" (full U and Vh), "S" (reduced) or "N"
        /// (singular values only), as numpy's `svd_A`, `svd_S` and `svd_N` call it.
        static func gesdd(_ a: Tensor, job: String) -> (u: Tensor?, s: Tensor, vt: Tensor?) {
            let m = a.shape[0]
            let n = a.shape[1]
            let k = Swift.min(m, n)
            let (uColumns, vtRows) = job == "A" ? (m, n) : (k, k)
            var values = columnMajor(a)
            var s = [Double](repeating: 0, count: k)
            var u = [Double](repeating: 0, count: job == "N" ? 1 : m * uColumns)
            var vt = [Double](repeating: 0, count: job == "N" ? 1 : vtRows * n)
            var rows = LAPACK.Integer(m)
            var columns = LAPACK.Integer(n)
            var leadingA = LAPACK.Integer(Swift.max(m, 1))
            var leadingU = LAPACK.Integer(Swift.max(m, 1))
            var leadingVt = LAPACK.Integer(Swift.max(job == "N" ? 1 : vtRows, 1))
            var iwork = [LAPACK.Integer](repeating: 0, count: Swift.max(8 * k, 1))
            var info: LAPACK.Integer = 0
            var workSize = 0.0
            var lwork: LAPACK.Integer = -1
            LAPACK.dgesdd(
                job, &rows, &columns, &values, &leadingA, &s, &u, &leadingU, &vt, &leadingVt, &workSize, &lwork,
                &iwork, &info, 1)
            lwork = LAPACK.Integer(workSize)
            var work = [Double](repeating: 0, count: Swift.max(Int(lwork), 1))
            LAPACK.dgesdd(
                job, &rows, &columns, &values, &leadingA, &s, &u, &leadingU, &vt, &leadingVt, &work, &lwork,
                &iwork, &info, 1)
            guard info == 0 else { shapeFailure("svd: SVD did not converge") }
            let singular = Tensor(unchecked: [k], s)
            guard job != "N" else { return (nil, singular, nil) }
            return (
                Tensor(unchecked: [m, uColumns], rowMajor(u, rows: m, columns: uColumns)), singular,
                Tensor(unchecked: [vtRows, n], rowMajor(vt, rows: vtRows, columns: n))
            )
        }

        /// `a` as a float64 square matrix, or numpy's error.
        private static func squareMatrix(_ a: Tensor, _ function: String) -> Tensor {
            guard a.rank >= 2 else {
                shapeFailure(
                    "\(function): \(a.rank)-dimensional array given. Array must be at least two-dimensional")
            }
            guard a.shape[a.rank - 1] == a.shape[a.rank - 2] else {
                shapeFailure("\(function): Last 2 dimensions of the array must be square")
            }
            guard a.rank == 2 else {
                shapeFailure("\(function): stacks of matrices (shape \(a.shape)) are not supported; pass one matrix")
            }
            return a.astype(.float64)
        }

        /// Solves `A X = B` for column-major `A` (n × n) and `B` (n × columns).
        private static func gesv(
            _ a: [Double], n: Int, _ b: [Double], columns: Int, _ function: String
        ) -> [Double] {
            var a = a
            var b = b
            var size = LAPACK.Integer(n)
            var rightHandSides = LAPACK.Integer(columns)
            var leadingA = LAPACK.Integer(Swift.max(n, 1))
            var leadingB = LAPACK.Integer(Swift.max(n, 1))
            var pivots = [LAPACK.Integer](repeating: 0, count: Swift.max(n, 1))
            var info: LAPACK.Integer = 0
            LAPACK.dgesv(&size, &rightHandSides, &a, &leadingA, &pivots, &b, &leadingB, &info)
            guard info == 0 else { shapeFailure("\(function): Singular matrix") }
            return b
        }

        /// A matrix's elements in column-major (Fortran) order, as numpy hands them to LAPACK.
        private static func columnMajor(_ a: Tensor) -> [Double] {
            let rows = a.shape[0]
            let columns = a.rank == 2 ? a.shape[1] : 1
            let values = a.scalars
            var out = [Double](repeating: 0, count: values.count)
            for i in 0..<rows {
                for j in 0..<columns { out[j * rows + i] = values[i * columns + j] }
            }
            return out
        }

        /// Column-major elements back in row-major order.
        private static func rowMajor(_ values: [Double], rows: Int, columns: Int) -> [Double] {
            var out = [Double](repeating: 0, count: values.count)
            for i in 0..<rows {
                for j in 0..<columns { out[i * columns + j] = values[j * rows + i] }
            }
            return out
        }
    }
}

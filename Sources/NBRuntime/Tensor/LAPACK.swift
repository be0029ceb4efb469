#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The LAPACK routines `np.linalg` needs, from Debian's OpenBLAS (libopenblas0 builds
/// LAPACK in and exports its Fortran symbols), opened on first use like `BLAS`.
///
/// numpy's `umath_linalg` calls the same routines on a Fortran-order (column-major)
/// copy of each matrix, so these take and give column-major buffers; the callers in
/// `np.linalg` transpose. Debian's OpenBLAS uses 32-bit LAPACK integers.
enum LAPACK {
    /// A Fortran integer of Debian's (LP64) OpenBLAS.
    typealias Integer = Int32

    /// `dgesv_(n, nrhs, a, lda, ipiv, b, ldb, info)`: solves `A X = B` by LU with partial pivoting.
    typealias DGESV =
        @convention(c) (
            UnsafePointer<Integer>, UnsafePointer<Integer>, UnsafeMutablePointer<Double>, UnsafePointer<Integer>,
            UnsafeMutablePointer<Integer>, UnsafeMutablePointer<Double>, UnsafePointer<Integer>,
            UnsafeMutablePointer<Integer>
        ) -> Void

    /// `dgetrf_(m, n, a, lda, ipiv, info)`: the LU factorization with partial pivoting.
    typealias DGETRF =
        @convention(c) (
            UnsafePointer<Integer>, UnsafePointer<Integer>, UnsafeMutablePointer<Double>, UnsafePointer<Integer>,
            UnsafeMutablePointer<Integer>, UnsafeMutablePointer<Integer>
        ) -> Void

    /// `dsyevd_(jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info, jobz_len, uplo_len)`:
    /// eigenvalues and eigenvectors of a symmetric matrix (divide and conquer).
    typealias DSYEVD =
        @convention(c) (
            UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafePointer<Integer>, UnsafeMutablePointer<Double>,
            UnsafePointer<Integer>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, UnsafePointer<Integer>,
            UnsafeMutablePointer<Integer>, UnsafePointer<Integer>, UnsafeMutablePointer<Integer>, Int, Int
        ) -> Void

    /// `dgesdd_(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info, jobz_len)`:
    /// the singular value decomposition (divide and conquer), numpy's for `svd`.
    typealias DGESDD =
        @convention(c) (
            UnsafePointer<CChar>, UnsafePointer<Integer>, UnsafePointer<Integer>, UnsafeMutablePointer<Double>,
            UnsafePointer<Integer>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, UnsafePointer<Integer>,
            UnsafeMutablePointer<Double>, UnsafePointer<Integer>, UnsafeMutablePointer<Double>, UnsafePointer<Integer>,
            UnsafeMutablePointer<Integer>, UnsafeMutablePointer<Integer>, Int
        ) -> Void

    /// `cblas_ddot(n, x, incx, y, incy)`: the dot product numpy's `x.dot(x)` calls.
    typealias DDOT = @convention(c) (Int32, UnsafePointer<Double>?, Int32, UnsafePointer<Double>?, Int32) -> Double

    /// The opened library, or nil when OpenBLAS isn't installed. `BLAS` opens it first, so
    /// that OpenBLAS loads with the kernels `BLAS` names for the CPU (it reads
    /// `OPENBLAS_CORETYPE` once, at its first load), whichever of the two a notebook calls first.
    nonisolated(unsafe) private static let library: UnsafeMutableRawPointer? = {
        _ = BLAS.routines
        for name in ["libopenblas.so.0", "libopenblas.so"] {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) { return handle }
        }
        return nil
    }()

    /// A routine of the library, or a trap naming what is missing.
    private static func routine<Function>(_ name: String, _ type: Function.Type) -> Function {
        guard let library, let symbol = dlsym(library, name) else {
            shapeFailure("linalg: LAPACK's \(name) was not found: np.linalg needs Debian's OpenBLAS (libopenblas0)")
        }
        return unsafeBitCast(symbol, to: type)
    }

    static let dgesv = routine("dgesv_", DGESV.self)
    static let dgetrf = routine("dgetrf_", DGETRF.self)
    static let dsyevd = routine("dsyevd_", DSYEVD.self)
    static let dgesdd = routine("dgesdd_", DGESDD.self)
    static let ddot = routine("cblas_ddot", DDOT.self)
}

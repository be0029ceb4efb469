internal import COpenBLAS

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Debian's OpenBLAS, loaded the first time a matrix product is large enough to need it.
///
/// Linking OpenBLAS up front costs every notebook program about 3.5 ms and 2.5 MB at
/// start-up (its thread pool), measured here, even when it never multiplies a large
/// matrix; so the library is opened lazily. The CBLAS declarations come from the
/// COpenBLAS system-library target (libopenblas-dev's `cblas.h`).
enum BLAS {
    /// `cblas_dgemm`'s C signature, as `cblas.h` declares it.
    typealias DGEMM =
        @convention(c) (
            CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint,
            Double, UnsafePointer<Double>?, blasint, UnsafePointer<Double>?, blasint,
            Double, UnsafeMutablePointer<Double>?, blasint
        ) -> Void

    /// OpenBLAS's `cblas_dgemm`, or nil when the library isn't installed.
    static let dgemm: DGEMM? = {
        for name in ["libopenblas.so.0", "libopenblas.so"] {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL),
                let symbol = dlsym(handle, "cblas_dgemm")
            else { continue }
            return unsafeBitCast(symbol, to: DGEMM.self)
        }
        return nil
    }()

    /// `c = a · b` for row-major `a` (rows × inner) and `b` (inner × columns).
    /// Returns false, leaving `c` alone, when OpenBLAS isn't available.
    static func multiply(
        _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
        into c: UnsafeMutableBufferPointer<Double>, rows: Int, inner: Int, columns: Int
    ) -> Bool {
        guard let dgemm else { return false }
        dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(rows), blasint(columns), blasint(inner),
            1, a.baseAddress, blasint(inner), b.baseAddress, blasint(columns), 0, c.baseAddress, blasint(columns))
        return true
    }
}

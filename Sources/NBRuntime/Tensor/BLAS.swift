internal import COpenBLAS
import Foundation

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
///
/// Which kernels OpenBLAS runs: it picks them by CPU model when it loads, and Debian 12's
/// OpenBLAS 0.3.21 doesn't know CPUs newer than itself: on this machine's Sapphire Rapids
/// it falls back to `Prescott`, SSE3 kernels several times slower than the AVX-512 ones
/// and summing in another order than numpy's. So unless `OPENBLAS_CORETYPE` is set, the
/// runtime names the kernels for OpenBLAS by the instruction sets the CPU reports
/// (`SkylakeX` with AVX-512, `Haswell` with AVX2 and FMA), which are the kernels numpy's
/// own OpenBLAS (0.3.31) runs on such CPUs: with the same transposition flags its
/// `cblas_dgemm` and `cblas_ddot` then give numpy's bits (see `matmul`).
enum BLAS {
    /// `cblas_dgemm`'s C signature, as `cblas.h` declares it.
    typealias DGEMM =
        @convention(c) (
            CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint,
            Double, UnsafePointer<Double>?, blasint, UnsafePointer<Double>?, blasint,
            Double, UnsafeMutablePointer<Double>?, blasint
        ) -> Void
    /// `cblas_dgemv`'s C signature.
    typealias DGEMV =
        @convention(c) (
            CBLAS_ORDER, CBLAS_TRANSPOSE, blasint, blasint, Double, UnsafePointer<Double>?, blasint,
            UnsafePointer<Double>?, blasint, Double, UnsafeMutablePointer<Double>?, blasint
        ) -> Void
    /// `cblas_ddot`'s C signature.
    typealias DDOT =
        @convention(c) (blasint, UnsafePointer<Double>?, blasint, UnsafePointer<Double>?, blasint) -> Double

    /// The three routines matrix products use.
    struct Routines {
        let dgemm: DGEMM
        let dgemv: DGEMV
        let ddot: DDOT
    }

    /// OpenBLAS's routines, or nil when the library isn't installed.
    static let routines: Routines? = {
        let chosen = getenv("OPENBLAS_CORETYPE") == nil ? coreType(cpuFlags: CPUFeatures.flags) : nil
        // OpenBLAS reads the variable while it loads; the notebook's environment is left as it was.
        if let chosen { setenv("OPENBLAS_CORETYPE", chosen, 1) }
        defer { if chosen != nil { unsetenv("OPENBLAS_CORETYPE") } }
        for name in ["libopenblas.so.0", "libopenblas.so"] {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL),
                let dgemm = dlsym(handle, "cblas_dgemm"),
                let dgemv = dlsym(handle, "cblas_dgemv"),
                let ddot = dlsym(handle, "cblas_ddot")
            else { continue }
            return Routines(
                dgemm: unsafeBitCast(dgemm, to: DGEMM.self), dgemv: unsafeBitCast(dgemv, to: DGEMV.self),
                ddot: unsafeBitCast(ddot, to: DDOT.self))
        }
        return nil
    }()

    /// OpenBLAS's `cblas_dgemm`, or nil when the library isn't installed.
    static var dgemm: DGEMM? { routines?.dgemm }

    /// The OpenBLAS kernels for a CPU with these `/proc/cpuinfo` flags: `SkylakeX` with
    /// AVX-512 (F, CD, BW, DQ, VL), `Haswell` with AVX2 and FMA, else nil (OpenBLAS chooses).
    static func coreType(cpuFlags flags: Set<String>) -> String? {
        if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) { return "SkylakeX" }
        if ["avx2", "fma"].allSatisfy(flags.contains) { return "Haswell" }
        return nil
    }
}

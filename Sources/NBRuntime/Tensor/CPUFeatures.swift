import Foundation

// MARK: - CPU features

/// The instruction-set features of this machine's processor, which choose OpenBLAS's
/// kernels (`BLAS`).
/// numpy: the "SIMD Extensions: found" of `np.show_config()`.
@_spi(Runner) public enum CPUFeatures {
    /// The first processor's `flags` from `/proc/cpuinfo` (empty where there is no such file).
    /// numpy: the features `np.show_config()` reports as found.
    public static let flags: Set<String> = flags(
        cpuinfo: try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))

    /// The words of the first `flags` line of a `/proc/cpuinfo` text. numpy: the features
    /// numpy's CPU dispatch detects with the cpuid instruction (`npy_cpu_features.c`),
    /// which Linux lists there.
    public static func flags(cpuinfo: String?) -> Set<String> {
        let line = cpuinfo?.split(separator: "\n").first { $0.hasPrefix("flags") }
        return Set((line?.split(separator: ":").last ?? "").split(separator: " ").map(String.init))
    }
}

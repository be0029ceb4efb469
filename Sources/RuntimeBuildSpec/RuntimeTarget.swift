import Foundation

/// The instruction set the runtime library is compiled for, chosen on the machine that
/// compiles it: x86-64-v3 (AVX2 and FMA, every x86 laptop and CI runner of the last
/// decade) when that machine has it, the baseline otherwise.
///
/// x86-64-v3 is what lets the runtime's loops use the FMA instruction where numpy's
/// kernels round like a fused multiply-add (the small matrix products), instead of a
/// call to libm's `fma` per element, and vectorise with 4 doubles per instruction: the
/// spiral lesson's program takes 35% less CPU time. The choice is part of the runtime's
/// flags, so it is in the runtime's stamp and in its cache key: nbrun on a machine
/// without AVX2 computes the baseline flags, so it never uses (or adopts) a library
/// built for x86-64-v3, and a cache restored onto another CPU can't crash.
///
/// Both programs that compile the runtime (the `EmbedResources` build tool and nbrun)
/// take it from ``RuntimeBuildSpec/flags``; InstallTests checks that their stamps agree.
public enum RuntimeTarget: Equatable, Sendable {
    /// AVX, AVX2, BMI1, BMI2, F16C, FMA, LZCNT, MOVBE and XSAVE: x86-64 level 3.
    case x86_64_v3
    /// What the toolchain targets by default.
    case baseline

    /// The target for this machine.
    public static let host: RuntimeTarget = {
        #if arch(x86_64) && os(Linux)
            return RuntimeTarget(cpuinfo: try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))
        #else
            return .baseline
        #endif
    }()

    /// The target for a machine whose `/proc/cpuinfo` reads `cpuinfo`: x86-64-v3 when the
    /// first processor's `flags` line lists every feature of level 3 (`abm` is LZCNT).
    public init(cpuinfo: String?) {
        let level3: Set = ["avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "xsave"]
        let line = cpuinfo?.split(separator: "\n").first { $0.hasPrefix("flags") }
        let flags = Set((line?.split(separator: ":").last ?? "").split(separator: " ").map(String.init))
        self = level3.isSubset(of: flags) ? .x86_64_v3 : .baseline
    }

    /// The swiftc flags that select it (clang's `-march`, which Swift's code generation follows).
    public var flags: [String] {
        switch self {
        case .x86_64_v3: return ["-Xcc", "-march=x86-64-v3"]
        case .baseline: return []
        }
    }
}

import RuntimeBuildSpec
import Testing

@testable import NBRunKit

extension Unit {
    /// The runtime is compiled for x86-64-v3 only on machines that have every feature of it,
    /// as /proc/cpuinfo lists them.
    @Suite struct RuntimeTargetTests {
        static let sapphireRapids = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Processor
            flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx \
            fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology cpuid \
            tsc_known_freq pni pclmulqdq ssse3 fma cx16 pdcm pcid sse4_1 sse4_2 x2apic movbe popcnt \
            tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch \
            cpuid_fault invpcid_single ssbd ibrs ibpb stibp ibrs_enhanced fsgsbase tsc_adjust bmi1 \
            avx2 smep bmi2 erms invpcid avx512f avx512dq rdseed adx smap avx512ifma clflushopt clwb \
            avx512cd sha_ni avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves avx_vnni avx512_bf16
            bugs\t\t: spectre_v1 spectre_v2
            """

        @Test func aMachineWithAVX2AndFMAGetsX86_64_v3() {
            let target = RuntimeTarget(cpuinfo: Self.sapphireRapids)
            #expect(target == .x86_64_v3)
            #expect(target.flags == ["-Xcc", "-march=x86-64-v3"])
        }

        @Test func aMachineWithoutOneOfTheFeaturesGetsTheBaseline() {
            // A Sandy Bridge has AVX but no AVX2, FMA, BMI or MOVBE.
            let sandyBridge = "flags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2 popcnt aes xsave avx lahf_lm"
            #expect(RuntimeTarget(cpuinfo: sandyBridge) == .baseline)
            for missing in ["avx2", "fma", "movbe", "abm", "bmi2"] {
                let without = Self.sapphireRapids.replacingOccurrences(of: " \(missing) ", with: " ")
                #expect(RuntimeTarget(cpuinfo: without) == .baseline, "without \(missing)")
            }
            #expect(RuntimeTarget(cpuinfo: nil) == .baseline)
            #expect(RuntimeTarget(cpuinfo: "processor\t: 0\nFeatures\t: fp asimd evtstrm aes pmull sha1") == .baseline)
            #expect(RuntimeTarget.baseline.flags.isEmpty)
        }

        @Test func theChoiceIsInTheRuntimesFlagsAndSoInItsStampAndCacheKey() {
            #expect(RuntimeLibrary.flags.suffix(RuntimeTarget.host.flags.count) == RuntimeTarget.host.flags[...])
        }
    }
}

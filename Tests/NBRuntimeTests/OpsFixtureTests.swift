import Testing

@testable import NBRuntime

extension Unit {
    @Suite("Operations match numpy bit for bit")
    struct OpsFixtureTests {
        /// Operations whose results must be bit-identical to numpy/scipy on every case.
        static let exactOps: Set<String> = [
            "matmul", "add", "subtract", "multiply", "divide", "sum", "mean", "max",
            "sigmoid", "relu", "pow", "squared", "negative"
        ]

        static func apply(_ c: NumpyFixtures.OpCase) -> Tensor {
            let x = c.inputs[0].tensor
            let keepdims = c.keepdims ?? false
            switch c.op {
            case "matmul", "matmul_gemv": return x ⋅ c.inputs[1].tensor
            case "add": return x + c.inputs[1].tensor
            case "subtract": return x - c.inputs[1].tensor
            case "multiply": return x * c.inputs[1].tensor
            case "divide": return x / c.inputs[1].tensor
            case "sum": return c.axis.map { x.sum(axis: $0, keepdims: keepdims) } ?? x.sum(keepdims: keepdims)
            case "mean": return c.axis.map { x.mean(axis: $0, keepdims: keepdims) } ?? x.mean(keepdims: keepdims)
            case "max": return c.axis.map { x.max(axis: $0, keepdims: keepdims) } ?? x.max(keepdims: keepdims)
            case "sigmoid": return sigmoid(x)
            case "exp": return exp(x)
            case "log": return log(x)
            case "tanh": return tanh(x)
            case "relu": return relu(x)
            case "pow": return pow(x, c.exponent!)
            case "squared": return x.squared()
            case "negative": return -x
            default: fatalError("unknown op \(c.op)")
            }
        }

        @Test("exact operations are bit-identical to the numpy-ops.json results")
        func exactOperations() throws {
            let cases = try NumpyFixtures.opCases().filter { Self.exactOps.contains($0.op) }
            #expect(cases.count > 150)
            var failures = 0
            for (index, c) in cases.enumerated() {
                let actual = Self.apply(c)
                let expected = c.result.tensor
                if !actual.isBitwiseIdentical(to: expected) {
                    failures += 1
                    if failures <= 10 {
                        let differing = zip(actual.scalars, expected.scalars).enumerated()
                            .first { $0.element.0.bitPattern != $0.element.1.bitPattern }
                        Issue.record(
                            """
                            \(c.op) case \(index) axis \(c.axis.map(String.init) ?? "-") inputs \(c.inputs.map(\.shape))
                            numpy shape \(expected.shape), swift shape \(actual.shape)
                            first difference: \(differing.map { "[\($0.offset)] numpy \($0.element.1) swift \($0.element.0)" } ?? "shape")
                            """)
                    }
                }
            }
            #expect(failures == 0, "\(failures) of \(cases.count) op cases differ")
        }

        /// Where numpy does not call libm (SIMD exp/log/tanh on AVX-512 CPUs) or
        /// sums in OpenBLAS's own order (gemv), results agree to a few ulps;
        /// nan, inf and zero results agree exactly.
        @Test(
            "exp, log, tanh and gemv-shaped matmul agree with numpy to within a few ulps",
            arguments: [("exp", 1), ("log", 1), ("tanh", 2), ("matmul_gemv", 4)])
        func nearlyExact(op: String, maxULPs: Int64) throws {
            let cases = try NumpyFixtures.opCases().filter { $0.op == op }
            #expect(!cases.isEmpty)
            for c in cases {
                let actual = Self.apply(c)
                let expected = c.result.tensor
                #expect(actual.shape == expected.shape)
                for (a, e) in zip(actual.scalars, expected.scalars) {
                    if e.isNaN || e.isInfinite || e == 0 {
                        #expect(a.bitPattern == e.bitPattern, "\(op): numpy \(e), swift \(a)")
                    } else {
                        let ulps = abs(Int64(bitPattern: a.bitPattern) - Int64(bitPattern: e.bitPattern))
                        #expect(ulps <= maxULPs, "\(op): numpy \(e), swift \(a) (\(ulps) ulps)")
                    }
                }
            }
        }

        @Test("pairwise summation differs from a naive loop, as numpy's does")
        func pairwiseIsNotNaive() {
            // 0.1 summed 1000 times: numpy gives 100.00000000000001 (pairwise),
            // a left-to-right loop gives 99.9999999999986.
            let tenths = Tensor.full([1000], 0.1)
            #expect(tenths.sum().item() == 100.00000000000001)
            #expect(tenths.scalars.reduce(0, +) != tenths.sum().item())
        }
    }
}

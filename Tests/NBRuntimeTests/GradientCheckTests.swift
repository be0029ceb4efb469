import NBRuntime
import Testing

extension Unit {
    @Suite("Gradient checking")
    struct GradientCheckTests {
        @Test("numeric gradient of sum(x²) is 2x")
        func numericGradientOfSquares() {
            let x: Tensor = [[1.0, -2.0], [0.5, 3.0]]
            let numeric = numericGradient(at: x) { $0.squared().sum() }
            #expect(numeric.shape == [2, 2])
            for (n, expected) in zip(numeric.scalars, (2 * x).scalars) {
                #expect(abs(n - expected) < 1e-8)
            }
            let viaDouble = numericGradient(at: x) { (t: Tensor) -> Double in t.squared().sum().item() }
            #expect(viaDouble == numeric)
        }

        @Test("verdict reports the worst element and both errors")
        func verdictLine() {
            let analytic: Tensor = [[0.036545, -0.036545]]
            let numeric: Tensor = [[0.00912393, -0.00912393]]
            let check = compareGradients(analytic, numeric, label: "w1")
            #expect(check.passed == false)
            #expect(check.worstIndex == [0, 0])
            #expect(abs(check.maxAbsoluteError - 0.02742107) < 1e-12)
            #expect(abs(check.maxRelativeError - 3.0054011812892027) < 1e-9)
            #expect(
                check.description
                    == "gradcheck w1: FAIL  max abs err 0.0274211 at [0, 0], max rel err 3.0054  (rtol 1e-05, atol 1e-08)"
            )
        }

        @Test("passes within rtol/atol, like numpy.allclose")
        func tolerance() {
            let numeric: Tensor = [1.0, 0.0]
            #expect(compareGradients(Tensor([1.0 + 5e-6, 5e-9]), numeric).passed)
            #expect(!compareGradients(Tensor([1.0 + 5e-5, 0.0]), numeric).passed)
            #expect(!compareGradients(Tensor([Double.nan, 0.0]), numeric).passed)
            let pass = compareGradients(numeric, numeric, label: "b")
            #expect(
                pass.description == "gradcheck b: PASS  max abs err 0 at [0], max rel err 0  (rtol 1e-05, atol 1e-08)")
        }
    }
}

import NBRuntime
import Testing

extension Unit {
    /// The first notebook: a two-layer network's forward pass and hand-written
    /// backward pass, ported from numpy/scipy. Expected strings are Python's output.
    @Suite("The numpy backprop notebook, ported")
    struct NotebookExampleTests {
        let x = Tensor([[1.0]])
        let yTrue = Tensor([[0.0]])
        let w1: Tensor = [[0.5, -0.5]]
        let w2: Tensor = [[0.3], [-0.3]]

        func sigmoidDerivative(_ x: Tensor) -> Tensor {
            let s = sigmoid(x)
            return s * (1 - s)
        }

        func loss(w1: Tensor, w2: Tensor) -> Tensor {
            let yPred = sigmoid(sigmoid(x ⋅ w1) ⋅ w2)
            return 0.5 * pow(yPred - yTrue, 2)
        }

        /// Returns (loss, dL/dw1 as printed by the notebook, dL/dw2, corrected dL/dw1).
        func run() -> (Tensor, Tensor, Tensor, Tensor) {
            let z1 = x ⋅ w1
            let a1 = sigmoid(z1)
            let z2 = a1 ⋅ w2
            let yPred = sigmoid(z2)
            let loss = 0.5 * pow(yPred - yTrue, 2)
            let dLdy = yPred - yTrue
            let dydz2 = sigmoidDerivative(z2)
            let dLdw2 = a1.T ⋅ (dLdy * dydz2)
            let dz2da1 = w2.T
            let da1dz1 = sigmoidDerivative(z1)
            let dz1dw1 = x.T
            let dLdw1 = dz1dw1.T ⋅ ((dLdy ⋅ dz2da1) * da1dz1)
            let corrected = dz1dw1.T ⋅ (((dLdy * dydz2) ⋅ dz2da1) * da1dz1)
            return (loss, dLdw1, dLdw2, corrected)
        }

        @Test("prints exactly what Python prints")
        func printsMatchPython() {
            let (loss, dLdw1, dLdw2, _) = run()
            #expect("Loss: \(loss.item())" == "Loss: 0.13434887664395717")
            #expect(
                "Gradient for w1 (input to hidden): \(dLdw1.flatten())"
                    == "Gradient for w1 (input to hidden): [ 0.036545 -0.036545]")
            #expect(
                "Gradient for w2 (hidden to output): \(dLdw2.flatten())"
                    == "Gradient for w2 (hidden to output): [0.08055583 0.04885958]")
        }

        @Test("gradcheck catches the missing dy/dz2 factor in dL/dw1")
        func gradcheckFindsTheBug() {
            let (_, dLdw1, dLdw2, corrected) = run()
            let numericW1 = numericGradient(at: w1) { loss(w1: $0, w2: w2) }
            #expect("\(numericW1.flatten())" == "[ 0.00912393 -0.00912393]")
            #expect(gradcheck(dLdw1, numericW1, label: "w1") == false)
            #expect(gradcheck(corrected, numericW1, label: "w1 (corrected)"))
            let numericW2 = numericGradient(at: w2) { loss(w1: w1, w2: $0) }
            #expect(gradcheck(dLdw2, numericW2, label: "w2"))
        }
    }
}

import Foundation
import NBRuntime
import Testing

/// A notebook may define its own `sigmoid`; a declaration in the importing
/// module shadows NBRuntime's, and this must keep compiling.
func sigmoid(_ x: Tensor) -> Tensor { 1 / (1 + exp(-x)) }

extension Unit {
    @Suite("Tensor basics")
    struct TensorBasicsTests {
        @Test("builders and literals give numpy's shapes")
        func shapes() {
            let m: Tensor = [[1.0], [2.0]]
            #expect(m.shape == [2, 1])
            let v: Tensor = [0.5, -0.5]
            #expect(v.shape == [2] && v.rank == 1 && v.count == 2)
            let s: Tensor = 3
            #expect(s.shape == [] && s.rank == 0 && s.count == 1)
            #expect(Tensor(3.0).shape == [])
            #expect(Tensor([[1.0, 2.0], [3.0, 4.0]]).scalars == [1, 2, 3, 4])
            #expect(Tensor.zeros(2, 3).shape == [2, 3])
            #expect(Tensor.ones(3).scalars == [1, 1, 1])
            #expect(Tensor.full(2, 2, value: 0.5).scalars == [0.5, 0.5, 0.5, 0.5])
            #expect(Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]).reshaped(3, 2).shape == [3, 2])
            #expect(Tensor.ones(6).reshaped([-1, 2]).shape == [3, 2])
            #expect(Tensor.ones(2, 3).flatten().shape == [6])
        }

        @Test("shapes of more than six axes, which a shape keeps outside itself, work like short ones")
        func longShapes() {
            // Expected values from numpy 2: a = np.arange(256.0).reshape((2,) * 8).
            let a = np.arange(256.0).reshape([2, 2, 2, 2, 2, 2, 2, 2])
            #expect(a.shape.description == "(2, 2, 2, 2, 2, 2, 2, 2)")
            #expect(a.shape.elementCount == 256 && a.shape == [2, 2, 2, 2, 2, 2, 2, 2])
            let summed = a.sum(axis: 7)
            #expect(summed.shape.description == "(2, 2, 2, 2, 2, 2, 2)")
            #expect(summed[1, 1, 1, 1, 1, 1, 1].item() == 509)
            #expect(a.sum(axis: 0, keepdims: true).shape == [1, 2, 2, 2, 2, 2, 2, 2])
            #expect(a.transpose()[1, 0, 0, 0, 0, 0, 0, 0].item() == 1)
            #expect((a + np.ones(2)).sum().item() == 32896)
            #expect(a.reshape(4, 64).shape == [4, 64])
            // Six axes and one inserted: across the boundary both ways.
            let b = np.expand_dims(np.arange(64.0).reshape([2, 2, 2, 2, 2, 2]), axis: 3)
            #expect(b.shape.description == "(2, 2, 2, 1, 2, 2, 2)")
            #expect(np.squeeze(b).shape.description == "(2, 2, 2, 2, 2, 2)")
            #expect(Set([a.shape, Shape([2, 2, 2, 2, 2, 2, 2, 2]), summed.shape]).count == 2)
            var shape: Shape = [1, 2, 3, 4, 5, 6]
            shape.append(7)
            #expect(shape.dimensions == [1, 2, 3, 4, 5, 6, 7] && shape[6] == 7 && shape[0] == 1)
            #expect(shape.remove(at: 0) == 1 && shape == [2, 3, 4, 5, 6, 7])
            shape.insert(0, at: 0)
            #expect(shape == [0, 2, 3, 4, 5, 6, 7] && shape.elementCount == 0)
            #expect(String(describing: np.zeros([1, 1, 1, 1, 1, 1, 3])) == "[[[[[[[0. 0. 0.]]]]]]]")
        }

        @Test("transpose, element, row and column access")
        func access() {
            var t = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
            #expect(t.T.shape == [3, 2])
            #expect(t.T.scalars == [1, 4, 2, 5, 3, 6])
            #expect(t[1, 2] == 6 && t[-1, -1] == 6)
            #expect(t[row: 1] == Tensor([4.0, 5.0, 6.0]))
            #expect(t[column: 0] == Tensor([1.0, 4.0]))
            t[0, 0] = 9
            t[row: 1] = [7, 8, 9]
            t[column: 2] = [0, 0]
            #expect(t == Tensor([[9.0, 2.0, 0.0], [7.0, 8.0, 0.0]]))
            #expect(Tensor([1.0, 2.0]).T == Tensor([1.0, 2.0]))
            #expect(Tensor([[2.5]]).item() == 2.5)
        }

        @Test("copies are independent (copy-on-write value semantics)")
        func valueSemantics() {
            let a: Tensor = [1.0, 2.0]
            var b = a
            b[0] = 5
            b += 1
            #expect(a == Tensor([1.0, 2.0]))
            #expect(b == Tensor([6.0, 3.0]))
        }

        @Test("Foundation's scalar exp still resolves for Doubles")
        func foundationOverloads() {
            let e: Double = exp(1.0)
            #expect(e == Foundation.exp(1.0))
            #expect(log(1.0) == 0.0)
            #expect(tanh(0.0) == 0.0)
            #expect(pow(2.0, 3.0) == 8.0)
        }

        @Test("a locally defined sigmoid shadows the runtime's")
        func shadowing() {
            let s = sigmoid(Tensor([0.0]))
            #expect(s == Tensor([0.5]))
        }

        @Test("seeded random tensors are reproducible and well-formed")
        func random() {
            let a = Tensor.randn(3, 4, seed: 42)
            let b = Tensor.randn(3, 4, seed: 42)
            #expect(a.isBitwiseIdentical(to: b))
            #expect(a.shape == [3, 4])
            #expect(!a.isBitwiseIdentical(to: Tensor.randn(3, 4, seed: 43)))
            let u = Tensor.uniform(1000, low: -1, high: 1, seed: 7)
            #expect(u.scalars.allSatisfy { $0 >= -1 && $0 < 1 })
            let n = Tensor.randn(20000, seed: 1)
            #expect(abs(n.mean().item()) < 0.05)
            #expect(abs((n.squared().mean().item()) - 1) < 0.05)
            // SplitMix64 reference: the first output for seed 0 (Vigna's splitmix64.c).
            var generator = SplitMix64(seed: 0)
            #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        }

        @Test("portable log agrees with libm to a few ulps")
        func portableLogAccuracy() {
            var generator = SplitMix64(seed: 3)
            for _ in 0..<1000 {
                let s = generator.nextUnit() + 1e-300
                #expect(abs(portableLogRelativeError(s)) < 1e-15)
            }
        }

        @Test("broadcasting: row vectors, column vectors and scalars")
        func broadcasting() {
            let m = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
            #expect(m + Tensor([10.0, 20.0, 30.0]) == Tensor([[11.0, 22.0, 33.0], [14.0, 25.0, 36.0]]))
            #expect(m * Tensor([[2.0], [3.0]]) == Tensor([[2.0, 4.0, 6.0], [12.0, 15.0, 18.0]]))
            #expect(Tensor([[1.0], [2.0]]) - Tensor([1.0, 2.0]) == Tensor([[0.0, -1.0], [1.0, 0.0]]))
            #expect(1 - Tensor([0.25]) == Tensor([0.75]))
            #expect(m / 2 == Tensor([[0.5, 1.0, 1.5], [2.0, 2.5, 3.0]]))
            #expect((Tensor(2.0) * m).shape == [2, 3])
            #expect(-Tensor([1.0]) == Tensor([-1.0]))
        }

        @Test("reductions with axis and keepdims")
        func reductions() {
            let m = Tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]])
            #expect(m.sum().item() == 21)
            #expect(m.sum(axis: 0) == Tensor([5.0, 7.0, 9.0]))
            #expect(m.sum(axis: 1, keepdims: true) == Tensor([[9.0], [12.0]]))
            #expect(m.mean(axis: -1) == Tensor([3.0, 4.0]))
            #expect(m.max().item() == 6)
            #expect(m.max(axis: 0) == Tensor([4.0, 5.0, 6.0]))
            #expect(m.argmax() == 5)
            #expect(m.argmax(axis: 1) == [1, 2])
            #expect(m.argmax(axis: 0) == [1, 0, 1])
            #expect(Tensor([1.0, .nan, 3.0]).argmax() == 1)
        }
    }
}

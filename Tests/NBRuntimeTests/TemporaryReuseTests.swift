import Foundation
import Testing

@testable import NBRuntime

extension Unit {
    /// An operation writes its result over an operand that is a temporary (the result of
    /// the operation before it, which nothing else can see) when the result has that
    /// operand's shape and type, and never over a tensor someone still holds.
    @Suite("Results written over temporaries")
    struct TemporaryReuseTests {
        let a: Tensor = [[1.0, 2.0], [3.0, 4.0]]

        /// Passes a temporary on as it is, noting the identity of its buffer.
        final class Temporary {
            var buffer: ObjectIdentifier?
            func pass(_ tensor: consuming Tensor) -> Tensor {
                buffer = ObjectIdentifier(tensor.object)
                return tensor
            }
            /// Whether `result` is stored in the buffer of the last tensor passed on.
            func holds(_ result: Tensor) -> Bool { ObjectIdentifier(result.object) == buffer }
        }

        @Test("a temporary left operand takes the result, broadcast or not")
        func leftOperand() {
            let t = Temporary()
            let r = t.pass(a * 2.0) + Tensor([10.0, 20.0])
            #expect(r.scalars == [12, 24, 16, 28])
            #expect(t.holds(r))
            #expect(a.scalars == [1, 2, 3, 4])

            let s = t.pass(a * 2.0) - a
            #expect(s.scalars == [1, 2, 3, 4])
            #expect(t.holds(s))
        }

        @Test("a temporary right operand takes the result")
        func rightOperand() {
            let column: Tensor = [[100.0], [200.0]]
            let t = Temporary()
            let r = column - t.pass(a * 2.0)
            #expect(r.scalars == [98, 96, 194, 192])
            #expect(t.holds(r))
            #expect(column.scalars == [100, 200])
        }

        @Test("number operands and negation write over a temporary")
        func scalarOperands() {
            let t = Temporary()
            let r = -(0.5 * (t.pass(a * 1.0) * 3))
            #expect(r.scalars == [-1.5, -3, -4.5, -6])
            #expect(t.holds(r))
        }

        /// Free functions take their argument as borrowed: a notebook that declares its own
        /// `sigmoid(_ x: Tensor)` must shadow the runtime's, and one that consumed its
        /// argument would be a different signature, and the call ambiguous.
        @Test("functions leave their argument alone")
        func functions() {
            let t = Temporary()
            let r = tanh(t.pass(a - 1.0))
            #expect(r.scalars == [0, 1, 2, 3].map { Foundation.tanh($0) })
            #expect(!t.holds(r))
        }

        @Test("three axes broadcast into a temporary as into a new tensor")
        func threeAxes() {
            let t = Temporary()
            let r = t.pass(Tensor.ones(2, 3, 4) * 2.0) + Tensor(shape: [3, 1], scalars: [10, 20, 30])
            #expect(r.shape == [2, 3, 4])
            #expect(
                r.scalars
                    == Array(repeating: [12.0, 12, 12, 12, 22, 22, 22, 22, 32, 32, 32, 32], count: 2).flatMap { $0 })
            #expect(t.holds(r))
        }

        @Test("a named tensor, a view, another type or a smaller shape is never written over")
        func notWrittenOver() {
            let named = a * 2.0
            let r = named + 1.0
            #expect(named.scalars == [2, 4, 6, 8])
            #expect(r.scalars == [3, 5, 7, 9])

            // A transposed view reads its buffer in another order.
            let t = Temporary()
            let v = t.pass(a * 1.0).T + Tensor([10.0, 20.0])
            #expect(v.scalars == [11, 23, 12, 24])
            #expect(!t.holds(v))

            // int64 plus float64 is float64: the int64 buffer can't hold it.
            let integers = Tensor([1, 2] as [Int])
            #expect(integers.dtype == .int64)
            let f = t.pass(integers * 1) + Tensor([0.5, 0.5])
            #expect(f.dtype == .float64 && f.scalars == [1.5, 2.5])
            #expect(!t.holds(f))

            // A row broadcast against a matrix makes a bigger result.
            let m = t.pass(Tensor([1.0, 2.0]) * 1.0) + a
            #expect(m.scalars == [2, 4, 4, 6])
            #expect(!t.holds(m))
        }

        @Test("a number literal's shared buffer keeps its value")
        func sharedLiteral() {
            let r = (1 as Tensor) + Temporary().pass(Tensor(5.0) * 1.0)
            #expect(r.item() == 6)
            let one: Tensor = 1
            #expect(one.item() == 1)
            #expect((one + one).item() == 2)
        }
    }
}

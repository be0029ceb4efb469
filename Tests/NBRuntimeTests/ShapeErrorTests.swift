import Testing

@testable import NBRuntime

extension Unit {
    /// A trap cannot be caught in-process, so these test the messages the traps use.
    @Suite("Shape-error messages")
    struct ShapeErrorTests {
        @Test("matmul names both shapes and the mismatched dimensions, like numpy's dot")
        func matmulMessage() {
            #expect(
                ShapeText.matmulMismatch("matmul", [1, 2], [1, 2])
                    == "matmul: shapes (1, 2) and (1, 2) not aligned: 2 (dim 1) != 1 (dim 0)")
            #expect(
                ShapeText.matmulMismatch("matmul", [3], [2, 4])
                    == "matmul: shapes (3,) and (2, 4) not aligned: 3 (dim 0) != 2 (dim 0)")
            #expect(
                ShapeText.matmulMismatch("matmul", [2, 3], [4])
                    == "matmul: shapes (2, 3) and (4,) not aligned: 3 (dim 1) != 4 (dim 0)")
        }

        @Test("broadcasting failures read like numpy's, prefixed by the operation")
        func broadcastMessage() {
            #expect(
                ShapeText.broadcastMismatch("add", [2, 3], [3, 2])
                    == "add: operands could not be broadcast together with shapes (2, 3) (3, 2)")
            #expect(ShapeText.tuple([]) == "()")
            #expect(ShapeText.tuple([5]) == "(5,)")
        }

        @Test("shapes that cannot broadcast are detected")
        func broadcastRules() {
            #expect(Tensor.broadcastShape([2, 3], [3, 2]) == nil)
            #expect(Tensor.broadcastShape([2, 3], [2]) == nil)
            #expect(Tensor.broadcastShape([2, 3], [3]) == [2, 3])
            #expect(Tensor.broadcastShape([2, 1], [1, 3]) == [2, 3])
            #expect(Tensor.broadcastShape([], [4, 1]) == [4, 1])
        }

        @Test("gradcheck shape mismatch message")
        func gradcheckMessage() {
            #expect(ShapeText.mismatch("gradcheck", [2], [1, 2]) == "gradcheck: shapes (2,) and (1, 2) differ")
        }
    }
}

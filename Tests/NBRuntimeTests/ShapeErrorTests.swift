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

        @Test("a function that delegates names itself, the outermost one, and only its first word is replaced")
        func messagesNameTheCaller() {
            let failure = ShapeText.matmulMismatch("matmul", [300, 2], [100, 3])
            #expect(ShapeText.named(failure) == failure)
            #expect(
                ShapeText.reporting(as: "dot") { ShapeText.named(failure) }
                    == "dot: shapes (300, 2) and (100, 3) not aligned: 2 (dim 1) != 100 (dim 0)")
            #expect(
                ShapeText.reporting(as: "vstack") {
                    ShapeText.reporting(as: "concatenate") { ShapeText.named("stack: x") }
                }
                    == "vstack: x")
            #expect(
                ShapeText.reporting(as: "dot") { ShapeText.named("a message without an operation") }
                    == "a message without an operation")
            #expect(ShapeText.caller == nil)
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

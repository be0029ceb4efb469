import Testing

@testable import NBRuntime

extension Unit {
    /// What a port of a numpy notebook writes, and what it must print.
    @Suite("The np namespace reads and prints like numpy")
    struct NumpyNamespaceTests {
        @Test("shapes print as tuples and still compare with arrays")
        func shapes() {
            let X = np.zeros([4, 2])
            let y = np.zeros(4)
            #expect("\(X.shape) \(y.shape)" == "(4, 2) (4,)")
            #expect("\(np.array(3.5).shape)" == "()")
            #expect(X.shape == [4, 2] && [4, 2] == X.shape && X.shape[0] == 4 && X.shape.count == 2)
            #expect(X.shape.map { $0 * 2 } == [8, 4])
            #expect(np.zeros(X.shape).shape == X.shape)
            let dims = [3, 1]
            #expect(np.ones(dims).shape == [3, 1])
            #expect(X.ndim == 2 && X.size == 8)
        }

        @Test("integer and boolean results are int64 and bool tensors that print like numpy's")
        func integerAndBoolResults() {
            let scores = np.array([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]])
            #expect("\(scores.argmax(axis: 1))" == "[1 0]")
            #expect("\(np.argmax(scores, axis: 1))" == "[1 0]")
            #expect(np.argmax(scores) == 1)
            #expect("\(np.arange(5))" == "[0 1 2 3 4]")
            #expect("\(np.array([2, 0, 1]))" == "[2 0 1]")
            #expect(np.array([2, 0, 1]).dtype == .int64)
            #expect("\(np.array([[true, false]]))" == "[[ True False]]")
            #expect("\(np.sum(np.array([true, true, false])))" == "2")
            #expect("\(np.mean(np.array([true, true, false, false])))" == "0.5")
            let labels = [2, 0, 1]
            #expect(Tensor(labels).dtype == .int64)
            #expect("\(Tensor(labels))" == "[2 0 1]")
        }

        @Test("literals and the old API stay float64 and print as before")
        func oldAPIUnchanged() {
            let t: Tensor = [[1, 0], [0, 1]]
            #expect(t.dtype == .float64)
            #expect("\(t)" == "[[1. 0.]\n [0. 1.]]")
            #expect("\(Tensor([1, 2]))" == "[1. 2.]")
            #expect("\(Tensor(3))" == "3.0")
            #expect("\(t * 2)" == "[[2. 0.]\n [0. 2.]]")
            #expect("\(t.sum(axis: 0))" == "[1. 1.]")
        }

        @Test("Swift Int and Double scalars mix with tensors on either side, promoting like numpy")
        func scalars() {
            let n = 4
            let ints = np.arange(n)
            #expect("\(ints * 2)" == "[0 2 4 6]")
            #expect("\(ints / n)" == "[0.   0.25 0.5  0.75]")
            #expect("\(1 - ints)" == "[ 1  0 -1 -2]")
            #expect("\(ints + 0.5)" == "[0.5 1.5 2.5 3.5]")
            #expect("\(np.array([true, false]) + 1)" == "[2 1]")
            #expect("\(ints % 3)" == "[0 1 2 0]")
            #expect("\(np.maximum(ints - 2, 0))" == "[0 0 0 1]")
            #expect("\(np.clip(ints, 1, 2))" == "[1 1 2 2]")
            #expect("\(np.where(ints .> 1, ints, -1))" == "[-1 -1  2  3]")
        }

        @Test("np functions take Swift arrays where numpy takes lists")
        func arrayLike() {
            #expect("\(np.exp([0.0]))" == "[1.]")
            #expect("\(np.sum([1, 2, 3]))" == "6")
            #expect("\(np.mean([[1.0, 2.0], [3.0, 4.0]], axis: 0))" == "[2. 3.]")
            #expect(np.sqrt(4.0) == 2.0)
            #expect("\(np.allclose([1.0, 2.0], [1.0, 2.0 + 1e-9]))" == "True")
            #expect(np.allclose([1.0], [1.5]) == false)
        }

        @Test("set_printoptions changes printing until changed back; printoptions is scoped")
        func printOptions() {
            PrintOptions.withScope(PrintOptions()) {
                let x = np.array([1.0 / 3, 1e-10])
                #expect("\(x)" == "[3.33333333e-01 1.00000000e-10]")
                np.set_printoptions(precision: 4, suppress: true)
                #expect("\(x)" == "[0.3333 0.    ]")
                #expect("\(np.array(1.0 / 3))" == "0.3333333333333333")
                np.printoptions(precision: 2) { #expect("\(x)" == "[0.33 0.  ]") }
                #expect("\(x)" == "[0.3333 0.    ]")
                np.set_printoptions(threshold: 5, edgeitems: 2)
                #expect("\(np.arange(10))" == "[0 1 ... 8 9]")
                #expect(np.get_printoptions().edgeitems == 2)
            }
            #expect(np.get_printoptions() == PrintOptions())
        }

        @Test("creation functions")
        func creation() {
            #expect("\(np.eye(3))" == "[[1. 0. 0.]\n [0. 1. 0.]\n [0. 0. 1.]]")
            #expect("\(np.linspace(0, 1, num: 5))" == "[0.   0.25 0.5  0.75 1.  ]")
            #expect("\(np.arange(0.0, 1.0, 0.25))" == "[0.   0.25 0.5  0.75]")
            #expect("\(np.full([2], 7))" == "[7 7]")
            #expect(np.zeros_like(np.arange(3)).dtype == .int64)
            #expect("\(np.ones([2, 2], dtype: np.bool))" == "[[ True  True]\n [ True  True]]")
        }

        @Test("in-place operators keep numpy's same-kind casting: ints can't take float results")
        func inPlace() {
            var counts = np.zeros(3, dtype: np.int64)
            counts += 1
            counts += np.array([true, false, true])
            #expect("\(counts)" == "[2 1 2]")
            var floats = np.zeros(2)
            floats += np.arange(2)
            #expect("\(floats)" == "[0. 1.]")
        }

        @Test("subscripts take integers, ranges, ... for numpy's :, fancy indices and masks")
        func subscripts() {
            let W = np.arange(12).reshape(3, 4)
            #expect("\(W[..., 1])" == "[1 5 9]")
            #expect("\(W[0..<2])" == "[[0 1 2 3]\n [4 5 6 7]]")
            #expect("\(W[1...])" == "[[ 4  5  6  7]\n [ 8  9 10 11]]")
            #expect("\(W[..<1, 2...])" == "[[2 3]]")
            #expect("\(W[-1, ...])" == "[ 8  9 10 11]")
            #expect("\(W[1, 2])" == "6")
            #expect("\(W[..., stride(from: 3, through: 0, by: -2)])" == "[[ 3  1]\n [ 7  5]\n [11  9]]")
            #expect("\(W[..., np.newaxis, 0])" == "[[0]\n [4]\n [8]]")
            let labels = np.array([2, 0, 1])
            #expect("\(np.eye(3)[labels])" == "[[0. 0. 1.]\n [1. 0. 0.]\n [0. 1. 0.]]")
            #expect("\(np.eye(3)[[1, 1]])" == "[[0. 1. 0.]\n [0. 1. 0.]]")
            #expect("\(W[np.arange(3), labels])" == "[2 4 9]")
            #expect("\(W[W .> 8])" == "[ 9 10 11]")
            let value: Double = W[2, 3]
            #expect(value == 11)
        }

        @Test("assignment through every subscript form changes the tensor")
        func subscriptAssignment() {
            var W = np.zeros([3, 4])
            W[..., 1] = np.ones(3)
            W[0] = np.full(4, 2.0)
            W[2, 3] = 7
            W[1..<3, 2...] = np.array([[5.0, 6.0], [8.0, 9.0]])
            #expect("\(W)" == "[[2. 2. 2. 2.]\n [0. 1. 5. 6.]\n [0. 1. 8. 9.]]")
            W[W .> 4] = 0
            #expect("\(W)" == "[[2. 2. 2. 2.]\n [0. 1. 0. 0.]\n [0. 1. 0. 0.]]")
            var counts = np.zeros(3, dtype: np.int64)
            counts[[0, 2]] = np.array([4, 5])
            counts[1] = 2.9
            #expect("\(counts)" == "[4 2 5]")
            var m = Tensor([[1.0, 2.0], [3.0, 4.0]])
            m[0, 0] = 9
            m[1, 1] = 0.5
            #expect(m == Tensor([[9.0, 2.0], [3.0, 0.5]]))
        }

        @Test("an Int or Double variable assigns into any selection, and range-index updates stay fancy")
        func scalarVariablesAssign() {
            // numpy: y = np.zeros(6, dtype=int); for j in range(2): y[range(3*j, 3*(j+1))] = j
            var y = np.zeros(6, dtype: np.int64)
            for j in range(2) {
                let ix = range(3 * j, 3 * (j + 1))
                y[ix] = j
            }
            #expect("\(y)" == "[0 0 0 1 1 1]")
            let scale = 0.5
            var x = np.zeros(4)
            x[x .== 0] = scale  // numpy: x[x == 0] = scale
            x[np.array([1, 3])] = 2 * scale
            #expect("\(x)" == "[0.5 1.  0.5 1. ]")
            let k: Int = y[4]
            let v: Double = x[np.array([1])]
            #expect(k == 1 && v == 1.0)
            // Without an Int or Double context a subscript is still a tensor, and the
            // spiral lesson's update subtracts from n elements, not from one Int.
            #expect("\(y[range(2, 5)])" == "[0 1 1]")
            var probs = np.array([[0.2, 0.8], [0.6, 0.4], [0.5, 0.5]])
            let labels = np.array([1, 0, 1])
            probs[range(3), labels] -= 1
            #expect("\(probs)" == "[[ 0.2 -0.2]\n [-0.4  0.4]\n [ 0.5 -0.5]]")
            probs[range(3), labels] += 1.0
            #expect("\(probs)" == "[[0.2 0.8]\n [0.6 0.4]\n [0.5 0.5]]")
        }

        @Test("element-wise comparisons give bool tensors; == stays one Bool")
        func comparisons() {
            let a = np.array([1.0, -2.0, 3.0])
            #expect("\(a .> 0)" == "[ True False  True]")
            #expect("\(a .== a)" == "[ True  True  True]")
            #expect(a == a)
            #expect("\((a .> 0) & (a .< 2))" == "[ True False False]")
            #expect("\(~(a .> 0))" == "[False  True False]")
            #expect("\(np.mean(np.argmax(np.eye(3), axis: 1) .== np.array([0, 1, 0])))" == "0.6666666666666666")
            let n = 2
            #expect("\(np.arange(4) .>= n)" == "[False False  True  True]")
        }
    }
}

// MARK: - Literals

extension Tensor: ExpressibleByArrayLiteral {
    /// Stacks equally shaped tensors along a new first axis, so nested
    /// literals give numpy's shapes: `[0.5, -0.5]` is shape `(2,)` (each number
    /// is a rank-0 tensor), `[[1.0], [2.0]]` is shape `(2, 1)`, and deeper
    /// nesting gives higher ranks. An empty literal `[]` gives shape `(0,)`,
    /// like `np.array([])`. Traps if the elements' shapes differ.
    /// numpy: `np.array([[1.0], [2.0]])`.
    ///
    /// Number literals are float64 (`[1, 2]` prints `[1. 2.]`); use
    /// `np.array([1, 2])` for numpy's int64. Elements must be literals or
    /// tensors; for `Double` variables write `Tensor([a, b])`.
    public init(arrayLiteral elements: Tensor...) {
        self.init(stacking: elements)
    }

    /// Stacks equally shaped tensors along a new first axis, promoting their
    /// types. numpy: `np.stack(arrays)`.
    public init(stacking elements: [Tensor]) {
        let elementShape = elements.first?.shape ?? []
        var dtype = DType.bool
        for (index, element) in elements.enumerated() {
            guard element.shape == elementShape else {
                shapeFailure(
                    ShapeText.invalid(
                        "stack",
                        "element \(index) has shape \(element.shape), "
                            + "element 0 has shape \(elementShape)"))
            }
            dtype = DType.promoted(dtype, element.dtype)
        }
        if elements.isEmpty { dtype = .float64 }
        let joined = TensorStorage(zeros: 0, dtype: dtype).rearranged(by: Stacking(elements: elements))
        self.init(unchecked: [elements.count] + elementShape, joined)
    }
}

extension Tensor: ExpressibleByFloatLiteral {
    /// A rank-0 float64 tensor, so `net.lr = 0.1` works. numpy: `np.array(0.1)`.
    ///
    /// In arithmetic with a tensor it promotes like a Python float: `x * 0.5`
    /// stays float32 for a float32 `x`.
    public init(floatLiteral value: Double) {
        self.init(value)
        literalKind = .float
    }
}

extension Tensor: ExpressibleByIntegerLiteral {
    /// A rank-0 float64 tensor holding the integer (a literal stands for a
    /// float tensor; `np.array(3)` gives int64). numpy: `np.array(3.0)`.
    ///
    /// In arithmetic with a tensor it promotes like a Python int, as numpy's
    /// literal would: `np.arange(3) * 2` stays int64, `x * 2` stays float64.
    public init(integerLiteral value: Int) {
        if let storage = Self.smallIntegers.storage(value) {
            self.init(unchecked: Shape(), storage)
        } else {
            self.init(Double(value))
        }
        literalKind = .integer
    }

    /// The elements of the literals -16...16, made once and shared: `1 - p` in a
    /// training loop then allocates only its result. A shared buffer is copied before
    /// anything writes to it (copy-on-write), so sharing can't change a value.
    private static let smallIntegers = SmallIntegers()

    /// One float64 buffer for each integer literal from -16 to 16.
    private struct SmallIntegers: Sendable {
        let storages = (-16...16).map { TensorStorage.float64(.repeating(Double($0), count: 1)) }

        func storage(_ value: Int) -> TensorStorage? {
            (-16...16).contains(value) ? storages[value + 16] : nil
        }
    }
}

extension Tensor {
    /// A Swift `Int` operand as numpy sees a Python int: a rank-0 int64 tensor (exact)
    /// marked as a literal, so it takes the other operand's type (see `DType.result`).
    static func pythonInt(_ value: Int) -> Tensor {
        var tensor = Tensor(value)
        tensor.literalKind = .integer
        return tensor
    }
}

extension Tensor: ExpressibleByBooleanLiteral {
    /// A rank-0 bool tensor, so `[true, false]` is a bool tensor. numpy: `np.array(True)`.
    public init(booleanLiteral value: Bool) { self.init(value) }
}

/// The elements of equally shaped tensors one after another, converted to the result's dtype.
private struct Stacking: ElementRearrangement {
    let elements: [Tensor]

    func apply<Element: TensorScalar>(_ values: TensorBuffer<Element>) -> TensorBuffer<Element> {
        TensorBuffer.make(count: elements.reduce(0) { $0 + $1.count }) { out in
            var position = 0
            for element in elements {
                element.elements(Element.self).withUnsafeBufferPointer { x in
                    for k in 0..<x.count { out[position + k] = x[k] }
                    position += x.count
                }
            }
        }
    }
}

// MARK: - Literals

extension Tensor: ExpressibleByArrayLiteral {
    /// Stacks equally shaped tensors along a new first axis, so nested
    /// literals give numpy's shapes: `[0.5, -0.5]` is shape `[2]` (each number
    /// is a rank-0 tensor), `[[1.0], [2.0]]` is shape `[2, 1]`, and deeper
    /// nesting gives higher ranks. An empty literal `[]` gives shape `[0]`,
    /// like `np.array([])`. Traps if the elements' shapes differ.
    ///
    /// Elements must be literals or tensors; for `Double` variables write
    /// `Tensor([a, b])`.
    public init(arrayLiteral elements: Tensor...) {
        self.init(stacking: elements)
    }

    /// Stacks equally shaped tensors along a new first axis (numpy's `np.stack`).
    public init(stacking elements: [Tensor], file: StaticString = #fileID, line: UInt = #line) {
        let elementShape = elements.first?.shape ?? []
        for (index, element) in elements.enumerated() where element.shape != elementShape {
            shapeFailure(ShapeText.invalid("Tensor", "element \(index) has shape \(ShapeText.tuple(element.shape)), "
                + "element 0 has shape \(ShapeText.tuple(elementShape))"), file: file, line: line)
        }
        var scalars: [Double] = []
        scalars.reserveCapacity(elements.count * elementShape.reduce(1, *))
        for element in elements { scalars.append(contentsOf: element.scalars) }
        self.init(unchecked: [elements.count] + elementShape, scalars)
    }
}

extension Tensor: ExpressibleByFloatLiteral {
    /// A rank-0 tensor, so `net.lr = 0.1` works.
    public init(floatLiteral value: Double) { self.init(value) }
}

extension Tensor: ExpressibleByIntegerLiteral {
    /// A rank-0 tensor holding the integer as a `Double`.
    public init(integerLiteral value: Int) { self.init(Double(value)) }
}

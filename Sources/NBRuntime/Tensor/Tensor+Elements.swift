// MARK: - Typed access to the elements

extension Tensor {
    /// The elements as `Element`s: the stored buffer itself when the dtype is
    /// `Element`'s (no copy), else converted as numpy's `astype` converts.
    @inline(__always)
    func elements<Element: TensorScalar>(_ type: Element.Type) -> TensorBuffer<Element> {
        Element.elements(of: storage)
    }

    /// Runs `body` on the elements' buffer for writing, in place: no copy when nothing
    /// else shares the storage (copy-on-write otherwise). `Element` must be the dtype's
    /// own Swift type.
    @inline(__always)
    mutating func withMutableElements<Element: TensorScalar, Result>(
        _ type: Element.Type, _ body: (UnsafeMutableBufferPointer<Element>) -> Result
    ) -> Result {
        precondition(Element.dtype == dtype, "withMutableElements: \(Element.dtype) elements of a \(dtype) tensor")
        var values = Element.elements(of: storage)
        // Drop this tensor's reference first, so that `values` holds the only one
        // when nothing else shares the buffer, and writing needn't copy it.
        storage = TensorStorage.placeholder
        if !isKnownUniquelyReferenced(&values) { values = values.copy() }
        defer { storage = Element.storage(values) }
        return values.withUnsafeMutableBufferPointer { body($0) }
    }

    /// The element at a row-major position as a `Double` (see `scalars`).
    @inline(__always)
    func doubleValue(at offset: Int) -> Double {
        switch storage {
        case .float64(let values): return values[offset]
        case .int64(let values): return Double(values[offset])
        case .bool(let values): return values[offset] ? 1 : 0
        case .float32(let values): return Double(values[offset])
        case .int32(let values): return Double(values[offset])
        case .uint8(let values): return Double(values[offset])
        }
    }

    /// Stores `value` at a row-major position, converted to the dtype as `astype` would.
    mutating func setDoubleValue(_ value: Double, at offset: Int) {
        switch dtype {
        case .float64: withMutableElements(Double.self) { $0[offset] = value }
        case .int64: withMutableElements(Int64.self) { $0[offset] = Int64(casting: value) }
        case .bool: withMutableElements(Bool.self) { $0[offset] = value != 0 }
        case .float32: withMutableElements(Float.self) { $0[offset] = Float(casting: value) }
        case .int32: withMutableElements(Int32.self) { $0[offset] = Int32(casting: value) }
        case .uint8: withMutableElements(UInt8.self) { $0[offset] = UInt8(casting: value) }
        }
    }

    /// The same shape with elements `transform(x)`, each `x` converted to `Input` first.
    @inline(__always)
    func map<Input: TensorScalar, Output: TensorScalar>(
        _ input: Input.Type, _ transform: (Input) -> Output
    ) -> Tensor {
        Tensor(unchecked: shape, elements: elements(Input.self).mapped(transform))
    }
}

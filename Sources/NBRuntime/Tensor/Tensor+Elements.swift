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
        // A transposed view gets its elements in row-major order first (the setter
        // clears `isTransposedView`).
        if isTransposedView { storage = storage }
        if !holdsUniqueBuffer(Element.self) {
            object = unsafeDowncast(object, to: TensorBuffer<Element>.self).copy()
        }
        return unsafeDowncast(object, to: TensorBuffer<Element>.self).withUnsafeMutableBufferPointer { body($0) }
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
    ///
    /// `self` is consumed: when it is a temporary that nothing else holds (`(a - b) * 2`),
    /// stored as `Input`, and `Output` is `Input`, the results are written over its own
    /// elements, with no new buffer (see `takeUniqueElements`).
    @inline(__always)
    consuming func map<Input: TensorScalar, Output: TensorScalar>(
        _ input: Input.Type, _ transform: (Input) -> Output
    ) -> Tensor {
        if Output.self == Input.self, let values = takeUniqueElements(Input.self) {
            values.withUnsafeMutableBufferPointer { x in
                let out = UnsafeMutableRawPointer(x.baseAddress!).assumingMemoryBound(to: Output.self)
                for i in 0..<x.count { out[i] = transform(x[i]) }
            }
            return Tensor(unchecked: shape, elements: values)
        }
        return Tensor(unchecked: shape, elements: elements(Input.self).mapped(transform))
    }

    /// This tensor's own buffer, taken to write a result of the same shape over it, when
    /// its elements are stored as `Element` in row-major order and nothing else holds the
    /// buffer; nil otherwise.
    ///
    /// Only a temporary passes the test: an operation's result that the next operation
    /// received as a `consuming` operand, as `a * b` in `(a * b) + c`. A named tensor, a
    /// copy, a view (`.T`) or a shared literal has another holder. numpy elides
    /// temporaries by their reference count too (`temp_elide.c`), but only above
    /// 256 KiB; here it pays at every size: a training step of small tensors saves an
    /// allocation and a free per operation.
    @inline(__always)
    mutating func takeUniqueElements<Element: TensorScalar>(_ type: Element.Type) -> TensorBuffer<Element>? {
        guard Element.dtype == dtype, !isTransposedView, holdsUniqueBuffer(Element.self) else { return nil }
        return unsafeDowncast(object, to: TensorBuffer<Element>.self)
    }

    /// Whether nothing but this tensor holds its buffer, which is a `TensorBuffer<Element>`.
    ///
    /// Asked of the typed reference, in place: `isKnownUniquelyReferenced` of an
    /// `AnyObject` compiles to a call that gets a retained copy of the reference, and so
    /// never answers yes.
    @inline(__always)
    private mutating func holdsUniqueBuffer<Element: TensorScalar>(_ type: Element.Type) -> Bool {
        withUnsafeMutablePointer(to: &object) { reference in
            reference.withMemoryRebound(to: TensorBuffer<Element>.self, capacity: 1) {
                isKnownUniquelyReferenced(&$0.pointee)
            }
        }
    }
}

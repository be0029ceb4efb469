// MARK: - Equality

extension Tensor: Equatable {
    /// Same shape and every pair of elements `==` (IEEE: nan != nan, 0.0 == -0.0),
    /// whatever the data types (`[1, 0]` as int64 equals `[1.0, 0.0]`).
    /// numpy: `np.array_equal(a, b)`.
    ///
    /// This is Swift value equality, giving one `Bool`; numpy's elementwise
    /// `a == b` is `a .== b` here.
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.shape == rhs.shape else { return false }
        switch (lhs.storage, rhs.storage) {
        case (.int64(let a), .int64(let b)): return a.elementsEqual(b)
        case (.bool(let a), .bool(let b)): return a.elementsEqual(b)
        default: return lhs.scalars == rhs.scalars
        }
    }

    /// Same shape, same data type and the same bit pattern in every element, so
    /// nan equals the same nan and `0.0` differs from `-0.0`. This is "unchanged"
    /// for `NetworkState.record`. numpy: `a.dtype == b.dtype and a.tobytes() == b.tobytes()`
    /// (with equal shapes).
    public func isBitwiseIdentical(to other: Tensor) -> Bool {
        guard shape == other.shape else { return false }
        switch (storage, other.storage) {
        case (.float64(let a), .float64(let b)):
            return a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 0..<a.count where a[i].bitPattern != b[i].bitPattern { return false }
                    return true
                }
            }
        case (.int64(let a), .int64(let b)): return a.elementsEqual(b)
        case (.bool(let a), .bool(let b)): return a.elementsEqual(b)
        case (.float32(let a), .float32(let b)): return a.elementsEqual(b) { $0.bitPattern == $1.bitPattern }
        case (.int32(let a), .int32(let b)): return a.elementsEqual(b)
        case (.uint8(let a), .uint8(let b)): return a.elementsEqual(b)
        default: return false
        }
    }
}

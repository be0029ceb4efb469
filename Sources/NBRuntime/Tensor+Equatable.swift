// MARK: - Equality

extension Tensor: Equatable {
    /// Same shape and every pair of elements `==` (IEEE: nan != nan, 0.0 == -0.0).
    ///
    /// This is Swift value equality, not numpy's elementwise `==`.
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.shape == rhs.shape && lhs.scalars == rhs.scalars
    }

    /// Same shape and the same bit pattern in every element, so nan equals
    /// the same nan and `0.0` differs from `-0.0`. This is "unchanged" for
    /// `NetworkState.record`.
    public func isBitwiseIdentical(to other: Tensor) -> Bool {
        guard shape == other.shape else { return false }
        return scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                for i in 0..<a.count where a[i].bitPattern != b[i].bitPattern { return false }
                return true
            }
        }
    }
}

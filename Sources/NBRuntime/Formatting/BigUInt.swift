// MARK: - Arbitrary-precision unsigned integer for exact digit generation

/// A small arbitrary-precision unsigned integer, just enough for Dragon4.
///
/// Limbs are 32-bit, least significant first, with no trailing zero limbs.
/// Only the operations Dragon4 needs exist; none of them allocate per digit
/// beyond the limb array itself. Printing is not a hot path.
struct BigUInt: Comparable {
    private(set) var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = []
        var v = value
        while v != 0 {
            limbs.append(UInt32(truncatingIfNeeded: v))
            v >>= 32
        }
    }

    var isZero: Bool { limbs.isEmpty }

    /// Multiplies in place by a small factor.
    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let product = UInt64(limbs[i]) * UInt64(factor) + carry
            limbs[i] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
        normalize()
    }

    /// Multiplies in place by 10^exponent (exponent >= 0).
    mutating func multiply(byPowerOfTen exponent: Int) {
        var remaining = exponent
        while remaining >= 9 {
            multiply(by: 1_000_000_000)
            remaining -= 9
        }
        var factor: UInt32 = 1
        for _ in 0..<remaining { factor *= 10 }
        if factor != 1 { multiply(by: factor) }
    }

    /// Multiplies in place by 2^bits.
    mutating func shiftLeft(_ bits: Int) {
        guard !isZero, bits > 0 else { return }
        let whole = bits / 32
        let part = bits % 32
        if part != 0 {
            var carry: UInt32 = 0
            for i in limbs.indices {
                let limb = limbs[i]
                limbs[i] = (limb << UInt32(part)) | carry
                carry = limb >> UInt32(32 - part)
            }
            if carry != 0 { limbs.append(carry) }
        }
        if whole != 0 { limbs.insert(contentsOf: repeatElement(0, count: whole), at: 0) }
    }

    /// Subtracts `other` in place; requires `self >= other`.
    mutating func subtract(_ other: BigUInt) {
        var borrow: Int64 = 0
        for i in limbs.indices {
            var difference = Int64(limbs[i]) - borrow - (i < other.limbs.count ? Int64(other.limbs[i]) : 0)
            borrow = 0
            if difference < 0 {
                difference += 1 << 32
                borrow = 1
            }
            limbs[i] = UInt32(difference)
        }
        normalize()
    }

    static func + (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        var result = lhs
        var carry: UInt64 = 0
        let count = max(lhs.limbs.count, rhs.limbs.count)
        result.limbs.reserveCapacity(count + 1)
        for i in 0..<count {
            let a = i < lhs.limbs.count ? UInt64(lhs.limbs[i]) : 0
            let b = i < rhs.limbs.count ? UInt64(rhs.limbs[i]) : 0
            let sum = a + b + carry
            if i < result.limbs.count {
                result.limbs[i] = UInt32(truncatingIfNeeded: sum)
            } else {
                result.limbs.append(UInt32(truncatingIfNeeded: sum))
            }
            carry = sum >> 32
        }
        if carry != 0 { result.limbs.append(UInt32(carry)) }
        return result
    }

    /// Replaces `self` with `self mod divisor` and returns the quotient,
    /// which the caller guarantees is at most 9.
    mutating func divide(bySmallQuotient divisor: BigUInt) -> UInt8 {
        var quotient: UInt8 = 0
        while self >= divisor {
            subtract(divisor)
            quotient += 1
        }
        return quotient
    }

    static func < (lhs: BigUInt, rhs: BigUInt) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for i in lhs.limbs.indices.reversed() where lhs.limbs[i] != rhs.limbs[i] {
            return lhs.limbs[i] < rhs.limbs[i]
        }
        return false
    }

    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }
}

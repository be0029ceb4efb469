// MARK: - Dragon4 digit generation (numpy's algorithm)

/// Decimal digits of a positive finite Double or Float, produced the way numpy's
/// `Dragon4` does in its "unique" digit mode.
///
/// Digits are generated exactly from the binary value with big integers
/// (Steele & White / Burger & Dybvig as written up by Ryan Juckett and used
/// by numpy). Generation stops at the shortest digit string that uniquely
/// identifies the value, or at the cutoff, whichever comes first. The last
/// digit is then rounded: down if only the truncated value is still unique,
/// up if only the rounded-up value is, otherwise to nearest from the exact
/// binary remainder, with exact ties going to the even digit. That tie rule
/// is why `0.001953125` (1/512) prints as `0.00195312` at precision 8.
///
/// Guarantee: `digits` has no trailing zeros unless it is `[0]` (for zero),
/// and the value is `0.d1d2d3... × 10^(exponent + 1)`, i.e. the first digit
/// sits at decimal position `exponent`.
struct Dragon4Digits {
    enum Cutoff {
        /// Shortest unique digits, however many that takes.
        case none
        /// At most this many digits after the decimal point.
        case fractionDigits(Int)
        /// At most this many significant digits.
        case significantDigits(Int)
        /// Exactly this many significant digits, past the shortest unique ones when
        /// needed (numpy's `min_digits`), the last one rounded from the exact value.
        case exactSignificantDigits(Int)
    }

    var digits: [UInt8]
    /// Decimal exponent of the first digit.
    var exponent: Int

    init(_ value: Double, cutoff: Cutoff) {
        precondition(value.isFinite && value >= 0, "Dragon4 needs a finite non-negative value")
        let bits = value.bitPattern
        self.init(
            biasedExponent: Int((bits >> 52) & 0x7FF), fraction: bits & ((1 << 52) - 1), fractionBits: 52, bias: 1075,
            cutoff: cutoff)
    }

    /// The digits of a float32: its own shortest unique digits (`0.1` for
    /// `np.float32(0.1)`, whose double value is 0.10000000149011612), as numpy's
    /// Dragon4 gives for float32 arrays and scalars.
    init(float value: Float, cutoff: Cutoff) {
        precondition(value.isFinite && value >= 0, "Dragon4 needs a finite non-negative value")
        let bits = UInt64(value.bitPattern)
        self.init(
            biasedExponent: Int((bits >> 23) & 0xFF), fraction: bits & ((1 << 23) - 1), fractionBits: 23, bias: 150,
            cutoff: cutoff)
    }

    /// Digits of the IEEE value with these fields (`bias` includes the fraction bits).
    private init(biasedExponent: Int, fraction: UInt64, fractionBits: Int, bias: Int, cutoff: Cutoff) {
        if biasedExponent == 0 && fraction == 0 {
            digits = [0]
            exponent = 0
            return
        }
        let mantissa: UInt64
        let binaryExponent: Int
        let unequalMargins: Bool
        if biasedExponent != 0 {
            mantissa = fraction | (1 << UInt64(fractionBits))
            binaryExponent = biasedExponent - bias
            unequalMargins = biasedExponent != 1 && fraction == 0
        } else {
            mantissa = fraction
            binaryExponent = 1 - bias
            unequalMargins = false
        }

        // value = scaledValue / scale; margins are half the gaps to the neighbours.
        let marginShift = unequalMargins ? 2 : 1
        var scaledValue = BigUInt(mantissa)
        var scale = BigUInt(1)
        var marginLow = BigUInt(1)
        if binaryExponent > 0 {
            scaledValue.shiftLeft(binaryExponent + marginShift)
            scale.shiftLeft(marginShift)
            marginLow.shiftLeft(binaryExponent)
        } else {
            scaledValue.shiftLeft(marginShift)
            scale.shiftLeft(-binaryExponent + marginShift)
        }
        var marginHigh = marginLow
        if unequalMargins { marginHigh.shiftLeft(1) }

        // Estimate k with 10^(k-1) <= value < 10^k; numpy's estimate is exact
        // or one too low, and it is clamped into range for fractional cutoffs.
        let highBit = 63 - mantissa.leadingZeroBitCount
        var k = Int((Double(highBit + binaryExponent) * 0.30102999566398119521373889472449 - 0.69).rounded(.up))
        if case .fractionDigits(let n) = cutoff, k <= -n { k = -n + 1 }
        if k > 0 {
            scale.multiply(byPowerOfTen: k)
        } else if k < 0 {
            scaledValue.multiply(byPowerOfTen: -k)
            marginLow.multiply(byPowerOfTen: -k)
            marginHigh.multiply(byPowerOfTen: -k)
        }
        if scaledValue >= scale {
            k += 1
        } else {
            scaledValue.multiply(by: 10)
            marginLow.multiply(by: 10)
            marginHigh.multiply(by: 10)
        }

        let cutoffExponent: Int
        switch cutoff {
        case .none: cutoffExponent = k - 400
        case .fractionDigits(let n): cutoffExponent = max(k - 400, -n)
        case .significantDigits(let n), .exactSignificantDigits(let n): cutoffExponent = k - max(n, 1)
        }
        var unique = true
        if case .exactSignificantDigits = cutoff { unique = false }

        var output: [UInt8] = []
        var position = k
        var low = false
        var high = false
        var digit: UInt8 = 0
        // IEEE round-half-even parsing makes the interval ends inclusive for
        // an even mantissa (numpy's `isEven`), which is why 1e23 prints as 1e+23.
        let isEven = mantissa & 1 == 0
        while true {
            position -= 1
            digit = scaledValue.divide(bySmallQuotient: scale)
            let valueHigh = scaledValue + marginHigh
            low = unique && (isEven ? scaledValue <= marginLow : scaledValue < marginLow)
            high = unique && (isEven ? valueHigh >= scale : valueHigh > scale)
            if low || high || position == cutoffExponent { break }
            output.append(digit)
            scaledValue.multiply(by: 10)
            marginLow.multiply(by: 10)
            marginHigh.multiply(by: 10)
        }

        var roundDown = low
        if low == high {
            scaledValue.shiftLeft(1)
            if scaledValue == scale {
                roundDown = digit & 1 == 0
            } else {
                roundDown = scaledValue < scale
            }
        }
        var firstExponent = k - 1
        if roundDown {
            output.append(digit)
        } else if digit < 9 {
            output.append(digit + 1)
        } else {
            // Carry through trailing nines.
            while let last = output.last, last == 9 { output.removeLast() }
            if let last = output.popLast() {
                output.append(last + 1)
            } else {
                output = [1]
                firstExponent += 1
            }
        }
        while output.count > 1, output.last == 0 { output.removeLast() }
        if output == [0] {
            // Rounded to zero at a fractional cutoff (numpy prints `0.`, no digits).
            firstExponent = 0
        }
        digits = output
        exponent = firstExponent
    }
}

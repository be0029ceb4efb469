// MARK: - Portable seeded random numbers

/// Sebastiano Vigna's SplitMix64 generator: a 64-bit state advanced by the
/// golden-ratio increment and mixed by two multiply-xorshift rounds.
///
/// Pure integer arithmetic, so a given seed yields the same sequence on every
/// machine and compiler. It is not cryptographically secure.
///
/// numpy: `np.random.SFC64`'s seeding helper is a SplitMix64, but numpy has no
/// public SplitMix64 generator; for numpy's own numbers use `np.random`.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose state starts at `seed`. numpy: no equivalent.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits. numpy: no equivalent (see `MT19937.next()`).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1): the top 53 bits of `next()` times 2^-53.
    /// numpy: like `rng.random()`, from a different generator.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal double by Marsaglia's polar method.
    /// numpy: like `rng.standard_normal()`, from a different generator.
    ///
    /// Draws `u, v` uniform in (-1, 1) until `0 < s = u² + v² < 1`, then
    /// returns `u * sqrt(-2 ln(s) / s)`; the partner value `v * ...` is
    /// discarded so each call consumes whole draws and results do not depend
    /// on call history beyond the state. The logarithm is `portableLog`,
    /// built only from correctly rounded IEEE operations, so results do not
    /// depend on the platform's libm.
    public mutating func nextNormal() -> Double {
        while true {
            let u = 2 * nextUnit() - 1
            let v = 2 * nextUnit() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * portableLog(s) / s).squareRoot()
            }
        }
    }
}

/// Natural logarithm for `0 < x < 1` using only +, -, *, / and exact scaling,
/// accurate to a few ulps and identical on every IEEE-754 machine.
///
/// `x = m × 2^e` with `m` in [√½, √2); `ln m = 2 atanh(t)`, `t = (m-1)/(m+1)`,
/// summed as the odd power series up to t^31 (|t| < 0.172).
func portableLog(_ x: Double) -> Double {
    var exponent = x.exponent
    var m = x.significand
    if m > 1.4142135623730951 {
        m /= 2
        exponent += 1
    }
    let t = (m - 1) / (m + 1)
    let t2 = t * t
    var term = t
    var sum = 0.0
    var k = 1.0
    while k < 32 {
        sum += term / k
        term *= t2
        k += 2
    }
    return 2 * sum + Double(exponent) * 0.6931471805599453
}

extension Tensor {
    /// Standard normal samples of the given shape from `SplitMix64(seed:)`, in row-major order.
    /// numpy: like `np.random.randn(*shape)`, but not numpy's numbers (use `np.random.randn`).
    ///
    /// Same seed, same values on every machine. These are not numpy's values
    /// (`np.random` uses a different generator).
    public static func randn(_ shape: Int..., seed: UInt64) -> Tensor {
        var generator = SplitMix64(seed: seed)
        let count = Shape(shape).elementCount
        return Tensor(unchecked: Shape(shape), (0..<count).map { _ in generator.nextNormal() })
    }

    /// Samples uniform in [low, high) of the given shape from `SplitMix64(seed:)`.
    /// numpy: like `np.random.uniform(low, high, shape)`, but not numpy's numbers.
    ///
    /// Each value is `low + (high - low) * u` with `u = nextUnit()`.
    public static func uniform(_ shape: Int..., low: Double = 0, high: Double = 1, seed: UInt64) -> Tensor {
        var generator = SplitMix64(seed: seed)
        let count = Shape(shape).elementCount
        return Tensor(unchecked: Shape(shape), (0..<count).map { _ in low + (high - low) * generator.nextUnit() })
    }
}

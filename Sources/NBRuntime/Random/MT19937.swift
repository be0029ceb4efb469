// MARK: - Mersenne Twister

/// The 32-bit Mersenne Twister (MT19937) exactly as numpy's legacy
/// `RandomState` runs it: seeded by Knuth's recurrence from one 32-bit seed
/// (or by `init_by_array` from several), with the reference tempering, and
/// numpy's conversion of two 32-bit outputs into a 53-bit double.
///
/// numpy: `np.random.MT19937` as used by `np.random.RandomState(seed)`.
///
/// Pure integer arithmetic, so a seed gives the same stream on every machine.
/// It is not cryptographically secure.
public struct MT19937: RandomNumberGenerator, Sendable, Codable, Equatable {
    private static let n = 624
    private static let m = 397
    private var key: [UInt32]
    private var position: Int

    /// The generator numpy's `RandomState(seed)` starts from, for a seed in
    /// 0...2^32-1. numpy: `mt19937_seed(state, seed)`.
    public init(seed: UInt32) {
        key = [UInt32](repeating: 0, count: Self.n)
        var value = seed
        for i in 0..<Self.n {
            key[i] = value
            value = 1_812_433_253 &* (value ^ (value >> 30)) &+ UInt32(i + 1)
        }
        position = Self.n
    }

    /// The generator seeded from several 32-bit words (the reference
    /// `init_by_array`). numpy: `RandomState([w0, w1, ...])`.
    public init(key words: [UInt32]) {
        precondition(!words.isEmpty, "MT19937: the seed array must not be empty")
        var mt = [UInt32](repeating: 0, count: Self.n)
        mt[0] = 19_650_218
        for i in 1..<Self.n { mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i) }
        var i = 1
        var j = 0
        for _ in 0..<Swift.max(Self.n, words.count) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_664_525)) &+ words[j] &+ UInt32(j)
            i += 1
            j += 1
            if i >= Self.n {
                mt[0] = mt[Self.n - 1]
                i = 1
            }
            if j >= words.count { j = 0 }
        }
        for _ in 0..<(Self.n - 1) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= Self.n {
                mt[0] = mt[Self.n - 1]
                i = 1
            }
        }
        mt[0] = 0x8000_0000
        key = mt
        position = Self.n
    }

    /// The next 32-bit output. numpy: `mt19937_next32`.
    public mutating func next32() -> UInt32 {
        if position == Self.n { regenerate() }
        var y = key[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Two 32-bit outputs, the first in the high half. numpy: `mt19937_next64`.
    public mutating func next() -> UInt64 {
        let high = UInt64(next32())
        return high << 32 | UInt64(next32())
    }

    /// A double in [0, 1) from 53 random bits: `(a >> 5) * 2^26 + (b >> 6)`
    /// divided by 2^53, exactly as numpy computes it. numpy: `mt19937_next_double`.
    public mutating func nextDouble() -> Double {
        let a = Double(next32() >> 5)
        let b = Double(next32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// The next 624 words of state (the reference `genrand` block step).
    private mutating func regenerate() {
        let upper: UInt32 = 0x8000_0000
        let lower: UInt32 = 0x7FFF_FFFF
        let matrix: UInt32 = 0x9908_B0DF
        for i in 0..<Self.n {
            let y = (key[i] & upper) | (key[(i + 1) % Self.n] & lower)
            key[i] = key[(i + Self.m) % Self.n] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : matrix)
        }
        position = 0
    }
}

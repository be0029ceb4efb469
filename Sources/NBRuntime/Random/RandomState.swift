import Foundation

// MARK: - numpy's legacy random stream

/// numpy's legacy random number generator, `np.random.RandomState`: the
/// MT19937 stream with numpy's distributions, so that the same seed gives
/// bit for bit the numbers numpy gives. `np.random.seed(0)` and the other
/// `np.random` functions use one shared instance.
///
/// numpy: `np.random.RandomState(seed)`.
///
/// What is reproduced exactly, from numpy's `mtrand.pyx` and `legacy-distributions.c`:
/// - uniform doubles from two 32-bit draws (`MT19937.nextDouble`), for
///   `rand`, `random_sample`, and `uniform` (`low + (high - low) * u`);
/// - normals by the polar Box–Muller method, which yields two values per
///   accepted pair and caches the second for the next call (`seed` clears the
///   cache), for `randn`, `standard_normal` and `normal` (`loc + scale * z`);
///   the logarithm and square root are libm's `log` and `sqrt`, as in numpy;
/// - bounded integers by masked rejection sampling on 32-bit draws (64-bit
///   draws for ranges of 2^32 and more), for `randint` and `choice`;
/// - Fisher–Yates shuffling from the last position down, with numpy's
///   `random_interval`, for `shuffle`, `permutation` and `choice(replace: false)`.
///
/// Thread safety: each call takes a lock for all of its draws, so calls from
/// several threads interleave whole; the stream then depends on their order.
public final class RandomState: @unchecked Sendable {
    // @unchecked: all state lives in `state`, behind its lock.
    struct State: Codable, Equatable {
        var generator: MT19937
        var hasGauss = false
        var gauss = 0.0

        mutating func double() -> Double { generator.nextDouble() }

        /// numpy's `legacy_gauss`.
        mutating func gaussian() -> Double {
            if hasGauss {
                hasGauss = false
                defer { gauss = 0 }
                return gauss
            }
            var x1 = 0.0
            var x2 = 0.0
            var r2 = 0.0
            repeat {
                x1 = 2 * double() - 1
                x2 = 2 * double() - 1
                r2 = x1 * x1 + x2 * x2
            } while r2 >= 1 || r2 == 0
            let f = (-2 * Foundation.log(r2) / r2).squareRoot()
            gauss = f * x1
            hasGauss = true
            return f * x2
        }

        /// numpy's `random_interval`: uniform in 0...max by masked rejection.
        mutating func interval(_ max: UInt64) -> UInt64 {
            if max == 0 { return 0 }
            let mask = Self.mask(max)
            var value: UInt64
            if max <= 0xFFFF_FFFF {
                repeat { value = UInt64(generator.next32()) & mask } while value > max
            } else {
                repeat { value = generator.next() & mask } while value > max
            }
            return value
        }

        /// numpy's `random_bounded_uint64_fill` with masking: `off + [0, range]`.
        mutating func bounded(offset: Int64, range: UInt64) -> Int64 {
            if range == 0 { return offset }
            if range == 0xFFFF_FFFF { return offset &+ Int64(generator.next32()) }
            if range == .max { return offset &+ Int64(bitPattern: generator.next()) }
            return offset &+ Int64(bitPattern: interval(range))
        }

        /// The smallest all-ones bit mask covering `max`.
        static func mask(_ max: UInt64) -> UInt64 {
            var mask = max
            for shift in [1, 2, 4, 8, 16, 32] as [UInt64] { mask |= mask >> shift }
            return mask
        }
    }

    let state: Locked<State>
    /// The state system entropy seeded, when the last seeding was without a seed; nil
    /// after `seed(n)` or `restore`.
    private let entropySeeded: Locked<State?>
    /// How many streams seeded from system entropy were drawn from before a reseeding.
    private let usedEntropyStreams = Locked(0)

    /// A generator seeded like numpy's `RandomState(seed)`, for a seed in
    /// 0...2^32-1; without a seed, from the system's entropy.
    /// numpy: `np.random.RandomState(seed=None)`.
    public init(_ seed: Int? = nil) {
        let start = State(generator: Self.generator(seed))
        state = Locked(start)
        entropySeeded = Locked(seed == nil ? start : nil)
    }

    /// Reseeds and clears the cached normal. numpy: `rs.seed(seed=None)`.
    public func seed(_ seed: Int? = nil) {
        if drewFromEntropy { usedEntropyStreams.withLock { $0 += 1 } }
        let start = State(generator: Self.generator(seed))
        state.withLock { $0 = start }
        entropySeeded.withLock { $0 = seed == nil ? start : nil }
    }

    /// Puts back a state the execution cache saved (a seeded stream's).
    func restore(_ saved: State) {
        state.withLock { $0 = saved }
        entropySeeded.withLock { $0 = nil }
    }

    /// Whether the stream is as system entropy seeded it, nothing drawn since: what it
    /// will draw is unknown, and no seed or earlier draw decided it. The execution cache
    /// counts every such stream as the same (see `SavedCell`).
    var isUnusedEntropy: Bool {
        guard let start = entropySeeded.withLock({ $0 }) else { return false }
        return state.withLock { $0 == start }
    }

    /// How many streams seeded from system entropy have been drawn from, this one
    /// included: it grows with a draw whose numbers no other run gives.
    var entropyUses: Int {
        usedEntropyStreams.withLock { $0 } + (drewFromEntropy ? 1 : 0)
    }

    private var drewFromEntropy: Bool {
        guard let start = entropySeeded.withLock({ $0 }) else { return false }
        return state.withLock { $0 != start }
    }

    private static func generator(_ seed: Int?) -> MT19937 {
        guard let seed else {
            var system = SystemRandomNumberGenerator()
            return MT19937(key: (0..<624).map { _ in UInt32(truncatingIfNeeded: system.next()) })
        }
        guard seed >= 0 && seed <= 0xFFFF_FFFF else { shapeFailure("seed: Seed must be between 0 and 2**32 - 1") }
        return MT19937(seed: UInt32(seed))
    }

    // MARK: - Uniform floats

    /// One float uniform in [0, 1). numpy: `rs.random_sample()`.
    public func random_sample() -> Double { state.withLock { $0.double() } }

    /// Floats uniform in [0, 1) of the given shape. numpy: `rs.random_sample(size)`.
    public func random_sample<S: ShapeConvertible>(size: S) -> Tensor { floats(size.shapeValue) { $0.double() } }

    /// One float uniform in [0, 1). numpy: `rs.random()`.
    public func random() -> Double { random_sample() }

    /// Floats uniform in [0, 1) of the given shape. numpy: `rs.random(size)`.
    public func random<S: ShapeConvertible>(size: S) -> Tensor { random_sample(size: size) }

    /// One float uniform in [0, 1). numpy: `rs.rand()`.
    public func rand() -> Double { random_sample() }

    /// Floats uniform in [0, 1) with the extents listed. numpy: `rs.rand(d0, d1, ...)`.
    public func rand(_ shape: Int, _ more: Int...) -> Tensor { random_sample(size: [shape] + more) }

    /// One float uniform in [low, high). numpy: `rs.uniform(low=0.0, high=1.0)`.
    public func uniform(low: Double = 0, high: Double = 1) -> Double {
        let range = checkedRange(low, high)
        return state.withLock { low + range * $0.double() }
    }

    /// Floats uniform in [low, high), each `low + (high - low) * u`. numpy: `rs.uniform(low, high, size)`.
    public func uniform<S: ShapeConvertible>(low: Double = 0, high: Double = 1, size: S) -> Tensor {
        let range = checkedRange(low, high)
        return floats(size.shapeValue) { low + range * $0.double() }
    }

    // MARK: - Normals

    /// One standard normal. numpy: `rs.randn()` or `rs.standard_normal()`.
    public func randn() -> Double { state.withLock { $0.gaussian() } }

    /// Standard normals with the extents listed. numpy: `rs.randn(d0, d1, ...)`.
    public func randn(_ shape: Int, _ more: Int...) -> Tensor { standard_normal(size: [shape] + more) }

    /// One standard normal. numpy: `rs.standard_normal()`.
    public func standard_normal() -> Double { randn() }

    /// Standard normals of the given shape. numpy: `rs.standard_normal(size)`.
    public func standard_normal<S: ShapeConvertible>(size: S) -> Tensor { floats(size.shapeValue) { $0.gaussian() } }

    /// One normal with mean `loc` and standard deviation `scale`: `loc + scale * z`.
    /// numpy: `rs.normal(loc=0.0, scale=1.0)`.
    public func normal(loc: Double = 0, scale: Double = 1) -> Double {
        checkScale(scale)
        return state.withLock { loc + scale * $0.gaussian() }
    }

    /// Normals of the given shape. numpy: `rs.normal(loc, scale, size)`.
    public func normal<S: ShapeConvertible>(loc: Double = 0, scale: Double = 1, size: S) -> Tensor {
        checkScale(scale)
        return floats(size.shapeValue) { loc + scale * $0.gaussian() }
    }

    // MARK: - Integers

    /// One integer uniform in [low, high), or in [0, low) without `high`.
    /// numpy: `rs.randint(low, high=None)`.
    public func randint(_ low: Int, _ high: Int? = nil) -> Int {
        let (offset, range) = bounds(low, high)
        return Int(state.withLock { $0.bounded(offset: offset, range: range) })
    }

    /// Integers (int64) uniform in [low, high), or in [0, low) without `high`.
    /// numpy: `rs.randint(low, high=None, size)`.
    public func randint<S: ShapeConvertible>(_ low: Int, _ high: Int? = nil, size: S) -> Tensor {
        let (offset, range) = bounds(low, high)
        let shape = size.shapeValue
        let values = state.withLock { s in
            (0..<shape.elementCount).map { _ in s.bounded(offset: offset, range: range) }
        }
        return Tensor(unchecked: shape, elements: values)
    }

    // MARK: - Permutations

    /// Shuffles the tensor in place along its first axis. numpy: `rs.shuffle(x)`.
    public func shuffle(_ x: inout Tensor) {
        guard x.rank > 0 else { shapeFailure("shuffle: x must be an integer or at least 1-dimensional") }
        let order = shuffledOrder(x.shape[0])
        x = x[positions: [.array(Tensor(order))]]
    }

    /// `0..<n` in random order (int64). numpy: `rs.permutation(n)`.
    public func permutation(_ n: Int) -> Tensor {
        Tensor(shuffledOrder(n))
    }

    /// A shuffled copy of `x` along its first axis. numpy: `rs.permutation(x)`.
    public func permutation(_ x: Tensor) -> Tensor {
        var copy = x
        shuffle(&copy)
        return copy
    }

    /// The positions `0..<n` after numpy's Fisher–Yates shuffle of `arange(n)`.
    func shuffledOrder(_ n: Int) -> [Int] {
        var order = Array(0..<n)
        state.withLock { s in
            for i in stride(from: n - 1, to: 0, by: -1) {
                let j = Int(s.interval(UInt64(i)))
                order.swapAt(i, j)
            }
        }
        return order
    }

    // MARK: - Checks

    private func checkedRange(_ low: Double, _ high: Double) -> Double {
        let range = high - low
        guard range.isFinite else { shapeFailure("uniform: Range exceeds valid bounds") }
        return range
    }

    private func checkScale(_ scale: Double) {
        guard scale >= 0 else { shapeFailure("normal: scale < 0") }
    }

    /// numpy's `_rand_int64`: the offset and the closed range `high - 1 - low`.
    private func bounds(_ low: Int, _ high: Int?) -> (Int64, UInt64) {
        let (lower, upper) = high.map { (low, $0) } ?? (0, low)
        guard lower < upper else { shapeFailure("randint: low >= high") }
        return (Int64(lower), UInt64(bitPattern: Int64(upper) &- 1 &- Int64(lower)))
    }

    /// Fills a float64 tensor of `shape` in row-major order, holding the lock throughout.
    private func floats(_ shape: Shape, _ draw: (inout State) -> Double) -> Tensor {
        let values = state.withLock { s in (0..<shape.elementCount).map { _ in draw(&s) } }
        return Tensor(unchecked: shape, values)
    }
}

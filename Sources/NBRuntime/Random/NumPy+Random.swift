// MARK: - np.random

extension np {
    /// numpy's legacy global random functions, all drawing from one shared
    /// `RandomState`: `np.random.seed(0)` then `np.random.randn(3, 2)` gives
    /// numpy's numbers bit for bit. Without a size these return a Swift
    /// `Double` or `Int`, as numpy returns a Python scalar.
    /// numpy: the `np.random` module's functions.
    public enum random {
        /// The generator these functions use: one for the whole program, seeded
        /// from system entropy until `seed` is called. numpy: `np.random.mtrand._rand`.
        public static var shared: RandomState { scope ?? global }

        private static let global = RandomState()
        /// A generator that replaces the shared one inside `withScope` (tests).
        @TaskLocal static var scope: RandomState?

        /// numpy's generator type, for independent streams. numpy: `np.random.RandomState`.
        public typealias RandomState = NBRuntime.RandomState

        /// Reseeds the shared generator (0...2^32-1) and clears the cached normal.
        /// numpy: `np.random.seed(seed=None)`.
        public static func seed(_ seed: Int? = nil) { shared.seed(seed) }

        /// One float uniform in [0, 1). numpy: `np.random.rand()`.
        public static func rand() -> Double { shared.rand() }
        /// Floats uniform in [0, 1) with the extents listed. numpy: `np.random.rand(d0, d1, ...)`.
        public static func rand(_ shape: Int, _ more: Int...) -> Tensor { shared.random_sample(size: [shape] + more) }

        /// One standard normal. numpy: `np.random.randn()`.
        public static func randn() -> Double { shared.randn() }
        /// Standard normals with the extents listed. numpy: `np.random.randn(d0, d1, ...)`.
        public static func randn(_ shape: Int, _ more: Int...) -> Tensor {
            shared.standard_normal(size: [shape] + more)
        }

        /// One standard normal. numpy: `np.random.standard_normal()`.
        public static func standard_normal() -> Double { shared.randn() }
        /// Standard normals of the given shape. numpy: `np.random.standard_normal(size)`.
        public static func standard_normal<S: ShapeConvertible>(size: S) -> Tensor {
            shared.standard_normal(size: size)
        }

        /// One float uniform in [0, 1). numpy: `np.random.random_sample()`.
        public static func random_sample() -> Double { shared.random_sample() }
        /// Floats uniform in [0, 1) of the given shape. numpy: `np.random.random_sample(size)`.
        public static func random_sample<S: ShapeConvertible>(size: S) -> Tensor { shared.random_sample(size: size) }
        /// One float uniform in [0, 1). numpy: `np.random.random()`.
        public static func random() -> Double { shared.random_sample() }
        /// Floats uniform in [0, 1) of the given shape. numpy: `np.random.random(size)`.
        public static func random<S: ShapeConvertible>(size: S) -> Tensor { shared.random_sample(size: size) }

        /// One float uniform in [low, high). numpy: `np.random.uniform(low=0.0, high=1.0)`.
        public static func uniform(low: Double = 0, high: Double = 1) -> Double { shared.uniform(low: low, high: high) }
        /// Floats uniform in [low, high) of the given shape. numpy: `np.random.uniform(low, high, size)`.
        public static func uniform<S: ShapeConvertible>(low: Double = 0, high: Double = 1, size: S) -> Tensor {
            shared.uniform(low: low, high: high, size: size)
        }

        /// One normal `loc + scale * z`. numpy: `np.random.normal(loc=0.0, scale=1.0)`.
        public static func normal(loc: Double = 0, scale: Double = 1) -> Double {
            shared.normal(loc: loc, scale: scale)
        }
        /// Normals of the given shape. numpy: `np.random.normal(loc, scale, size)`.
        public static func normal<S: ShapeConvertible>(loc: Double = 0, scale: Double = 1, size: S) -> Tensor {
            shared.normal(loc: loc, scale: scale, size: size)
        }

        /// One integer in [low, high), or [0, low) without `high`. numpy: `np.random.randint(low, high=None)`.
        public static func randint(_ low: Int, _ high: Int? = nil) -> Int { shared.randint(low, high) }
        /// Integers (int64) in [low, high) of the given shape. numpy: `np.random.randint(low, high=None, size)`.
        public static func randint<S: ShapeConvertible>(_ low: Int, _ high: Int? = nil, size: S) -> Tensor {
            shared.randint(low, high, size: size)
        }

        /// `0..<n` in random order (int64). numpy: `np.random.permutation(n)`.
        public static func permutation(_ n: Int) -> Tensor { shared.permutation(n) }
        /// A shuffled copy along the first axis. numpy: `np.random.permutation(x)`.
        public static func permutation(_ x: Tensor) -> Tensor { shared.permutation(x) }

        /// Shuffles in place along the first axis. numpy: `np.random.shuffle(x)`.
        public static func shuffle(_ x: inout Tensor) { shared.shuffle(&x) }

        /// One integer from `0..<a`. numpy: `np.random.choice(a, replace=True, p=None)`.
        public static func choice(_ a: Int, replace: Bool = true, p: Tensor? = nil) -> Int {
            shared.choice(a, replace: replace, p: p)
        }
        /// Integers from `0..<a` of the given shape. numpy: `np.random.choice(a, size, replace=True, p=None)`.
        public static func choice<S: ShapeConvertible>(_ a: Int, size: S, replace: Bool = true, p: Tensor? = nil)
            -> Tensor
        {
            shared.choice(a, size: size, replace: replace, p: p)
        }
        /// One element of a rank-1 tensor. numpy: `np.random.choice(a)`.
        public static func choice(_ a: Tensor, replace: Bool = true, p: Tensor? = nil) -> Tensor {
            shared.choice(a, replace: replace, p: p)
        }
        /// Elements of a rank-1 tensor in the given shape. numpy: `np.random.choice(a, size, replace=True, p=None)`.
        public static func choice<S: ShapeConvertible>(
            _ a: Tensor, size: S, replace: Bool = true,
            p: Tensor? = nil
        ) -> Tensor {
            shared.choice(a, size: size, replace: replace, p: p)
        }
    }
}

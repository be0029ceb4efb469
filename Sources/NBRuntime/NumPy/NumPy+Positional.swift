// MARK: - numpy's positional arguments, and Swift numbers from tensors

extension np {
    /// `num` evenly spaced floats, with `num` positional as numpy allows.
    /// numpy: `np.linspace(0, 1, 5)`.
    public static func linspace(_ start: Double, _ stop: Double, _ num: Int, endpoint: Bool = true) -> Tensor {
        linspace(start, stop, num: num, endpoint: endpoint)
    }

    /// Int endpoints, as numpy takes them (the values are floats). numpy: `np.linspace(0, n, 5)`.
    public static func linspace(_ start: Int, _ stop: Int, _ num: Int = 50, endpoint: Bool = true) -> Tensor {
        linspace(Double(start), Double(stop), num: num, endpoint: endpoint)
    }

    /// Int endpoints with the `num:` label. numpy: `np.linspace(0, n, num=5)`.
    public static func linspace(_ start: Int, _ stop: Int, num: Int, endpoint: Bool = true) -> Tensor {
        linspace(Double(start), Double(stop), num: num, endpoint: endpoint)
    }

    /// Rounds to `decimals` places, with `decimals` positional as numpy allows. numpy: `np.round(a, 4)`.
    public static func round(_ a: some TensorConvertible, _ decimals: Int) -> Tensor {
        round(a, decimals: decimals)
    }
}

extension np.random {
    /// Normals of the given shape, with numpy's positional arguments. numpy: `np.random.normal(0, 1, 5)`.
    public static func normal<S: ShapeConvertible>(_ loc: Double, _ scale: Double, _ size: S) -> Tensor {
        normal(loc: loc, scale: scale, size: size)
    }

    /// One normal, positionally. numpy: `np.random.normal(0, 1)`.
    public static func normal(_ loc: Double, _ scale: Double) -> Double { normal(loc: loc, scale: scale) }

    /// Floats uniform in [low, high), with numpy's positional arguments. numpy: `np.random.uniform(-1, 1, 5)`.
    public static func uniform<S: ShapeConvertible>(_ low: Double, _ high: Double, _ size: S) -> Tensor {
        uniform(low: low, high: high, size: size)
    }

    /// One float uniform in [low, high), positionally. numpy: `np.random.uniform(-1, 1)`.
    public static func uniform(_ low: Double, _ high: Double) -> Double { uniform(low: low, high: high) }
}

extension Int {
    /// The value of a one-element tensor (truncated toward zero, as Python's `int`);
    /// traps for a bigger tensor. numpy: `int(a)`.
    public init(_ tensor: Tensor) {
        guard tensor.size == 1 else { shapeFailure("only length-1 arrays can be converted to Python scalars") }
        self = tensor.dtype == .float64 ? Int(tensor.item()) : Int(tensor.reshaped(1).elements(Int64.self)[0])
    }
}

extension Double {
    /// The value of a one-element tensor; traps for a bigger tensor. numpy: `float(a)`.
    public init(_ tensor: Tensor) {
        guard tensor.size == 1 else { shapeFailure("only length-1 arrays can be converted to Python scalars") }
        self = tensor.item()
    }
}

import Foundation

// MARK: - Elementwise maths

extension np {
    /// Elementwise e^x (libm; see `exp(_:)` for the last-bit caveat). numpy: `np.exp(x)`.
    public static func exp(_ x: some TensorConvertible) -> Tensor { NBRuntime.exp(x.tensorValue) }
    /// e^x of one number. numpy: `np.exp(1.0)`.
    public static func exp(_ x: Double) -> Double { Foundation.exp(x) }

    /// Elementwise natural logarithm (libm). numpy: `np.log(x)`.
    public static func log(_ x: some TensorConvertible) -> Tensor { NBRuntime.log(x.tensorValue) }
    /// The natural logarithm of one number. numpy: `np.log(2.0)`.
    public static func log(_ x: Double) -> Double { Foundation.log(x) }

    /// Elementwise `log(1 + x)`, accurate for small x (libm's `log1p`). numpy: `np.log1p(x)`.
    public static func log1p(_ x: some TensorConvertible) -> Tensor {
        x.tensorValue.map(Double.self) { Foundation.log1p($0) }
    }
    /// `log(1 + x)` of one number. numpy: `np.log1p(1e-10)`.
    public static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }

    /// Elementwise square root, correctly rounded. numpy: `np.sqrt(x)`.
    public static func sqrt(_ x: some TensorConvertible) -> Tensor { NBRuntime.sqrt(x.tensorValue) }
    /// The square root of one number. numpy: `np.sqrt(2.0)`.
    public static func sqrt(_ x: Double) -> Double { x.squareRoot() }

    /// Elementwise absolute value, keeping the type. numpy: `np.abs(x)`.
    public static func abs(_ x: some TensorConvertible) -> Tensor { NBRuntime.abs(x.tensorValue) }
    /// The absolute value of one number. numpy: `np.abs(-2.0)`.
    public static func abs(_ x: Double) -> Double { Swift.abs(x) }

    /// Elementwise hyperbolic tangent (libm). numpy: `np.tanh(x)`.
    public static func tanh(_ x: some TensorConvertible) -> Tensor { NBRuntime.tanh(x.tensorValue) }
    /// The hyperbolic tangent of one number. numpy: `np.tanh(0.5)`.
    public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }

    /// Elementwise `x * x`, keeping ints int64. numpy: `np.square(x)`.
    public static func square(_ x: some TensorConvertible) -> Tensor { x.tensorValue.squared() }

    /// Elementwise power with broadcasting: int64 for two integer tensors
    /// (exact), otherwise float64, with numpy's fast paths for a scalar
    /// exponent of 2, 0.5, -1, 1 and 0 (see `pow(_:_:)`). numpy: `np.power(x, p)`.
    public static func power(_ x: some TensorConvertible, _ p: some TensorConvertible) -> Tensor {
        x.tensorValue.power(p.tensorValue)
    }

    /// Elementwise sign: -1, 0 or 1 (nan stays nan), keeping the type. numpy: `np.sign(x)`.
    public static func sign(_ x: some TensorConvertible) -> Tensor {
        let x = x.tensorValue
        switch x.storage {
        case .float64: return x.map(Double.self) { $0.isNaN ? $0 : ($0 > 0 ? 1 : ($0 < 0 ? -1 : 0)) }
        case .int64: return x.map(Int64.self) { $0.signum() }
        case .bool, .uint8: return x.map(UInt8.self) { $0 == 0 ? 0 : 1 }.astype(x.dtype)
        case .float32: return x.map(Float.self) { $0.isNaN ? $0 : ($0 > 0 ? 1 : ($0 < 0 ? -1 : 0)) }
        case .int32: return x.map(Int32.self) { $0.signum() }
        }
    }

    /// Elementwise floor (the largest whole number not above). numpy: `np.floor(x)`.
    public static func floor(_ x: some TensorConvertible) -> Tensor {
        let x = x.tensorValue
        // numpy 2.4 returns integers and bools unchanged, in their type.
        if !x.dtype.isFloatingPoint { return Tensor(unchecked: x.shape, x.storage) }
        if x.dtype == .float32 { return x.map(Float.self) { $0.rounded(.down) } }
        return x.map(Double.self) { $0.rounded(.down) }
    }
    /// Elementwise ceiling (the smallest whole number not below). numpy: `np.ceil(x)`.
    public static func ceil(_ x: some TensorConvertible) -> Tensor {
        let x = x.tensorValue
        if !x.dtype.isFloatingPoint { return Tensor(unchecked: x.shape, x.storage) }
        if x.dtype == .float32 { return x.map(Float.self) { $0.rounded(.up) } }
        return x.map(Double.self) { $0.rounded(.up) }
    }

    /// The elementwise larger of two tensors, broadcasting; nan wins, and a tie
    /// gives the second (so `maximum(-0.0, 0.0)` is `0.0`), as in numpy. numpy: `np.maximum(a, b)`.
    public static func maximum(_ a: some TensorConvertible, _ b: some TensorConvertible) -> Tensor {
        a.tensorValue.maximum(b.tensorValue)
    }

    /// The elementwise smaller of two tensors, broadcasting; nan wins, and a tie
    /// gives the second, as in numpy. numpy: `np.minimum(a, b)`.
    public static func minimum(_ a: some TensorConvertible, _ b: some TensorConvertible) -> Tensor {
        a.tensorValue.minimum(b.tensorValue)
    }

    /// Limits every element to `[min, max]` (either may be nil); nan stays nan.
    /// numpy: `np.clip(a, a_min, a_max)`.
    public static func clip(
        _ a: some TensorConvertible, _ min: some TensorConvertible,
        _ max: some TensorConvertible
    ) -> Tensor {
        a.tensorValue.clip(min.tensorValue, max.tensorValue)
    }

    /// Limits every element from one side only (pass nil for the other).
    /// numpy: `np.clip(a, None, a_max)`.
    public static func clip(_ a: some TensorConvertible, _ min: Tensor?, _ max: Tensor?) -> Tensor {
        a.tensorValue.clip(min, max)
    }

    /// Elements of `x` where `condition` is true and of `y` elsewhere,
    /// broadcasting all three; the type is the promoted type of `x` and `y`.
    /// numpy: `np.where(condition, x, y)`.
    public static func `where`(
        _ condition: some TensorConvertible, _ x: some TensorConvertible,
        _ y: some TensorConvertible
    ) -> Tensor {
        let condition = condition.tensorValue
        let x = x.tensorValue
        let y = y.tensorValue
        let shape = Tensor.broadcastShape(condition.shape, x.shape).flatMap { Tensor.broadcastShape($0, y.shape) }
        guard let shape else {
            shapeFailure(
                ShapeText.invalid(
                    "where",
                    "operands could not be broadcast together with shapes "
                        + "\(condition.shape) \(x.shape) \(y.shape)"))
        }
        let dtype = DType.result(x, y)
        let c = condition.broadcast(to: shape, "where").elements(Bool.self)
        let a = x.broadcast(to: shape, "where").astype(dtype)
        let b = y.broadcast(to: shape, "where").astype(dtype)
        func picked<Element: TensorScalar>(_ type: Element.Type) -> Tensor {
            Tensor(unchecked: shape, elements: pick(c, a.elements(Element.self), b.elements(Element.self)))
        }
        switch dtype {
        case .float64: return picked(Double.self)
        case .int64: return picked(Int64.self)
        case .bool: return picked(Bool.self)
        case .float32: return picked(Float.self)
        case .int32: return picked(Int32.self)
        case .uint8: return picked(UInt8.self)
        }
    }

    /// `condition[i] ? a[i] : b[i]` for equally long arrays.
    private static func pick<Element>(
        _ condition: TensorBuffer<Bool>, _ a: TensorBuffer<Element>, _ b: TensorBuffer<Element>
    ) -> TensorBuffer<Element> {
        TensorBuffer.make(count: condition.count) { out in
            for k in 0..<condition.count { out[k] = condition[k] ? a[k] : b[k] }
        }
    }

    /// Rounds to `decimals` places, halves to even, as numpy does: `rint(x * 10^d) / 10^d`
    /// (divide then multiply for negative `decimals`). numpy: `np.round(a, decimals=0)`.
    public static func round(_ a: some TensorConvertible, decimals: Int = 0) -> Tensor {
        a.tensorValue.round(decimals: decimals)
    }
}

extension Tensor {
    /// Elementwise power with broadcasting. numpy: `a ** p` or `np.power(a, p)`.
    public func power(_ exponent: Tensor) -> Tensor {
        let result = DType.result(self, exponent)
        if result == .float32 {
            if exponent.count == 1 && exponent.rank <= rank { return pow(self, exponent.doubleValue(at: 0)) }
            return Tensor.elementwise(self, exponent, "power", Float.self) {
                Float(Foundation.pow(Double($0), Double($1)))
            }
        }
        if result == .int32 || result == .uint8 {
            // The low bits of a wrapped int64 power are the narrower type's wrapped power.
            return astype(.int64).power(exponent.literalKind == nil ? exponent.astype(.int64) : exponent)
                .astype(result)
        }
        let dtype = DType.promoted(result, .int64)
        if dtype == .float64 && exponent.count == 1 && exponent.rank <= rank {
            return pow(self, exponent.doubleValue(at: 0))
        }
        if dtype == .int64 {
            if exponent.elements(Int64.self).contains(where: { $0 < 0 }) {
                shapeFailure("power: Integers to negative integer powers are not allowed.")
            }
            return Tensor.elementwise(self, exponent, "power", Int64.self) { base, power in
                // Square and multiply, wrapping around as numpy's int64 power does.
                var result: Int64 = 1
                var factor = base
                var rest = power
                while rest > 0 {
                    if rest & 1 == 1 { result = result &* factor }
                    factor = factor &* factor
                    rest >>= 1
                }
                return result
            }
        }
        return Tensor.elementwise(self, exponent, "power", Double.self) { Foundation.pow($0, $1) }
    }

    /// The elementwise larger of `self` and `other`. numpy: `np.maximum(a, b)`.
    public func maximum(_ other: Tensor) -> Tensor {
        switch DType.result(self, other) {
        case .float64:
            return Tensor.elementwise(self, other, "maximum", Double.self) { a, b in
                a.isNaN ? a : (b.isNaN ? b : (a > b ? a : b))
            }
        case .int64: return Tensor.elementwise(self, other, "maximum", Int64.self) { Swift.max($0, $1) }
        case .bool: return Tensor.elementwise(self, other, "maximum", Bool.self) { $0 || $1 }
        case .float32:
            return Tensor.elementwise(self, other, "maximum", Float.self) { a, b in
                a.isNaN ? a : (b.isNaN ? b : (a > b ? a : b))
            }
        case .int32: return Tensor.elementwise(self, other, "maximum", Int32.self) { Swift.max($0, $1) }
        case .uint8: return Tensor.elementwise(self, other, "maximum", UInt8.self) { Swift.max($0, $1) }
        }
    }

    /// The elementwise smaller of `self` and `other`. numpy: `np.minimum(a, b)`.
    public func minimum(_ other: Tensor) -> Tensor {
        switch DType.result(self, other) {
        case .float64:
            return Tensor.elementwise(self, other, "minimum", Double.self) { a, b in
                a.isNaN ? a : (b.isNaN ? b : (a < b ? a : b))
            }
        case .int64: return Tensor.elementwise(self, other, "minimum", Int64.self) { Swift.min($0, $1) }
        case .bool: return Tensor.elementwise(self, other, "minimum", Bool.self) { $0 && $1 }
        case .float32:
            return Tensor.elementwise(self, other, "minimum", Float.self) { a, b in
                a.isNaN ? a : (b.isNaN ? b : (a < b ? a : b))
            }
        case .int32: return Tensor.elementwise(self, other, "minimum", Int32.self) { Swift.min($0, $1) }
        case .uint8: return Tensor.elementwise(self, other, "minimum", UInt8.self) { Swift.min($0, $1) }
        }
    }

    /// Every element limited to `[min, max]`; a nil side is not limited. Computed
    /// as numpy's clip loops do: with scalar bounds `x < lo ? lo : x`, then
    /// `x > hi ? hi : x` (nan stays, a nan bound gives nan everywhere); with
    /// array bounds `min(max(x, lo), hi)` where a nan `x` stays; with one side
    /// only, `np.maximum` or `np.minimum`. numpy: `a.clip(a_min, a_max)`.
    public func clip(_ min: Tensor?, _ max: Tensor?) -> Tensor {
        guard let min, let max else {
            if let min { return maximum(min) }
            if let max { return minimum(max) }
            shapeFailure("clip: One of max or min must be given")
        }
        let dtype = DType.promoted(DType.result(self, min), DType.result(self, max))
        if dtype == .float64 { return clip(min, max, Double.self, isNaN: { $0.isNaN }) }
        if dtype == .float32 { return clip(min, max, Float.self, isNaN: { $0.isNaN }) }
        return clip(min, max, Int64.self, isNaN: { _ in false }).astype(dtype)
    }

    private func clip<Element: TensorScalar & Comparable>(
        _ min: Tensor, _ max: Tensor, _ type: Element.Type, isNaN: (Element) -> Bool
    ) -> Tensor {
        if min.count == 1 && max.count == 1 && Swift.max(min.rank, max.rank) <= rank {
            let lo = min.elements(Element.self)[0]
            let hi = max.elements(Element.self)[0]
            if isNaN(lo) || isNaN(hi) { return map(Element.self) { _ in isNaN(lo) ? lo : hi } }
            return map(Element.self) { x in
                var y = x
                if y < lo { y = lo }
                if y > hi { y = hi }
                return y
            }
        }
        let lower = Tensor.elementwise(self, min, "clip", Element.self) { x, lo in isNaN(x) ? x : (x > lo ? x : lo) }
        return Tensor.elementwise(lower, max, "clip", Element.self) { x, hi in isNaN(x) ? x : (x < hi ? x : hi) }
    }

    /// Rounded to `decimals` places, halves to even. Ints stay ints.
    /// numpy: `a.round(decimals=0)`.
    public func round(decimals: Int = 0) -> Tensor {
        if !dtype.isFloatingPoint && decimals >= 0 { return self }
        if dtype == .float32 {
            // numpy's float32 loop: the same steps in float32.
            if decimals == 0 { return map(Float.self) { $0.rounded(.toNearestOrEven) } }
            var factor: Float = 1
            for _ in 0..<Swift.abs(decimals) { factor *= 10 }
            return decimals > 0
                ? map(Float.self) { ($0 * factor).rounded(.toNearestOrEven) / factor }
                : map(Float.self) { ($0 / factor).rounded(.toNearestOrEven) * factor }
        }
        if decimals == 0 { return map(Double.self) { $0.rounded(.toNearestOrEven) } }
        var factor = 1.0
        for _ in 0..<Swift.abs(decimals) { factor *= 10 }
        let rounded: Tensor =
            decimals > 0
            ? map(Double.self) { ($0 * factor).rounded(.toNearestOrEven) / factor }
            : map(Double.self) { ($0 / factor).rounded(.toNearestOrEven) * factor }
        return rounded.astype(dtype)
    }
}

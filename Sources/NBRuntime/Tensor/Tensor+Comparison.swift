// MARK: - Elementwise comparisons and logic

// Swift's SIMD spelling of elementwise comparison (`.==`, `.<`, …) gives bool
// tensors; `==` stays value equality (one `Bool`), and `<`, `>`, `<=`, `>=` on
// tensors point to the dotted forms.

extension Tensor {
    /// Elementwise equality with broadcasting, a bool tensor (nan equals
    /// nothing). numpy: `a == b`.
    public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor {
        compare(lhs, rhs, "equal", { $0 == $1 }, { $0 == $1 })
    }
    /// Elementwise inequality, a bool tensor (nan differs from everything). numpy: `a != b`.
    public static func .!= (lhs: Tensor, rhs: Tensor) -> Tensor {
        compare(lhs, rhs, "not_equal", { $0 != $1 }, { $0 != $1 })
    }
    /// Elementwise `<`, a bool tensor (false with nan). numpy: `a < b`.
    public static func .< (lhs: Tensor, rhs: Tensor) -> Tensor { compare(lhs, rhs, "less", { $0 < $1 }, { $0 < $1 }) }
    /// Elementwise `<=`, a bool tensor. numpy: `a <= b`.
    public static func .<= (lhs: Tensor, rhs: Tensor) -> Tensor {
        compare(lhs, rhs, "less_equal", { $0 <= $1 }, { $0 <= $1 })
    }
    /// Elementwise `>`, a bool tensor. numpy: `a > b`.
    public static func .> (lhs: Tensor, rhs: Tensor) -> Tensor {
        compare(lhs, rhs, "greater", { $0 > $1 }, { $0 > $1 })
    }
    /// Elementwise `>=`, a bool tensor. numpy: `a >= b`.
    public static func .>= (lhs: Tensor, rhs: Tensor) -> Tensor {
        compare(lhs, rhs, "greater_equal", { $0 >= $1 }, { $0 >= $1 })
    }

    // Scalars on either side. Disfavored, so that a literal picks the Tensor
    // overload instead of being ambiguous; the result is the same.

    /// numpy: `a == 0.5`.
    @_disfavoredOverload public static func .== (lhs: Tensor, rhs: Double) -> Tensor { lhs .== Tensor(rhs) }
    /// numpy: `a != 0.5`.
    @_disfavoredOverload public static func .!= (lhs: Tensor, rhs: Double) -> Tensor { lhs .!= Tensor(rhs) }
    /// numpy: `a < 0.5`.
    @_disfavoredOverload public static func .< (lhs: Tensor, rhs: Double) -> Tensor { lhs .< Tensor(rhs) }
    /// numpy: `a <= 0.5`.
    @_disfavoredOverload public static func .<= (lhs: Tensor, rhs: Double) -> Tensor { lhs .<= Tensor(rhs) }
    /// numpy: `a > 0.5`.
    @_disfavoredOverload public static func .> (lhs: Tensor, rhs: Double) -> Tensor { lhs .> Tensor(rhs) }
    /// numpy: `a >= 0.5`.
    @_disfavoredOverload public static func .>= (lhs: Tensor, rhs: Double) -> Tensor { lhs .>= Tensor(rhs) }
    /// numpy: `a == n`.
    @_disfavoredOverload public static func .== (lhs: Tensor, rhs: Int) -> Tensor { lhs .== Tensor(rhs) }
    /// numpy: `a != n`.
    @_disfavoredOverload public static func .!= (lhs: Tensor, rhs: Int) -> Tensor { lhs .!= Tensor(rhs) }
    /// numpy: `a < n`.
    @_disfavoredOverload public static func .< (lhs: Tensor, rhs: Int) -> Tensor { lhs .< Tensor(rhs) }
    /// numpy: `a <= n`.
    @_disfavoredOverload public static func .<= (lhs: Tensor, rhs: Int) -> Tensor { lhs .<= Tensor(rhs) }
    /// numpy: `a > n`.
    @_disfavoredOverload public static func .> (lhs: Tensor, rhs: Int) -> Tensor { lhs .> Tensor(rhs) }
    /// numpy: `a >= n`.
    @_disfavoredOverload public static func .>= (lhs: Tensor, rhs: Int) -> Tensor { lhs .>= Tensor(rhs) }
    /// numpy: `0.5 == a`.
    @_disfavoredOverload public static func .== (lhs: Double, rhs: Tensor) -> Tensor { Tensor(lhs) .== rhs }
    /// numpy: `0.5 < a`.
    @_disfavoredOverload public static func .< (lhs: Double, rhs: Tensor) -> Tensor { Tensor(lhs) .< rhs }
    /// numpy: `0.5 > a`.
    @_disfavoredOverload public static func .> (lhs: Double, rhs: Tensor) -> Tensor { Tensor(lhs) .> rhs }

    // MARK: - Pointing plain comparisons to the elementwise ones

    /// Unavailable: numpy's elementwise `a < b` is `a .< b` here. numpy: `a < b`.
    @available(*, unavailable, message: "use .< for numpy's elementwise a < b (a bool tensor)")
    public static func < (lhs: Tensor, rhs: Tensor) -> Tensor { lhs .< rhs }
    /// Unavailable: numpy's elementwise `a <= b` is `a .<= b` here. numpy: `a <= b`.
    @available(*, unavailable, message: "use .<= for numpy's elementwise a <= b (a bool tensor)")
    public static func <= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs .<= rhs }
    /// Unavailable: numpy's elementwise `a > b` is `a .> b` here. numpy: `a > b`.
    @available(*, unavailable, message: "use .> for numpy's elementwise a > b (a bool tensor)")
    public static func > (lhs: Tensor, rhs: Tensor) -> Tensor { lhs .> rhs }
    /// Unavailable: numpy's elementwise `a >= b` is `a .>= b` here. numpy: `a >= b`.
    @available(*, unavailable, message: "use .>= for numpy's elementwise a >= b (a bool tensor)")
    public static func >= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs .>= rhs }

    // MARK: - Logic

    /// Elementwise logical and of bool tensors, bitwise and of int64 ones. numpy: `a & b`.
    public static func & (lhs: Tensor, rhs: Tensor) -> Tensor {
        bitwise(lhs, rhs, "bitwise_and", { $0 & $1 }, { $0 && $1 })
    }
    /// Elementwise logical or of bool tensors, bitwise or of int64 ones. numpy: `a | b`.
    public static func | (lhs: Tensor, rhs: Tensor) -> Tensor {
        bitwise(lhs, rhs, "bitwise_or", { $0 | $1 }, { $0 || $1 })
    }
    /// Elementwise exclusive or. numpy: `a ^ b`.
    public static func ^ (lhs: Tensor, rhs: Tensor) -> Tensor {
        bitwise(lhs, rhs, "bitwise_xor", { $0 ^ $1 }, { $0 != $1 })
    }

    /// Elementwise not of a bool tensor (bitwise complement of an int64 one). numpy: `~a`.
    public static prefix func ~ (operand: Tensor) -> Tensor {
        switch operand.storage {
        case .bool: return operand.map(Bool.self) { !$0 }
        case .int64: return operand.map(Int64.self) { ~$0 }
        case .int32: return operand.map(Int32.self) { ~$0 }
        case .uint8: return operand.map(UInt8.self) { ~$0 }
        case .float64, .float32: shapeFailure(invertFailure)
        }
    }

    // MARK: - Helpers

    static let invertFailure =
        "invert: ufunc 'invert' not supported for the input types, and the inputs could not be safely "
        + "coerced to any supported types according to the casting rule ''safe''"

    /// A comparison in the promoted type (bools compare as 0 and 1), giving bools.
    @inline(__always)
    private static func compare(
        _ lhs: Tensor, _ rhs: Tensor, _ name: String,
        _ float: (Double, Double) -> Bool, _ integer: (Int64, Int64) -> Bool
    ) -> Tensor {
        switch DType.result(lhs, rhs) {
        case .float64: return elementwise(lhs, rhs, name, Double.self, float)
        // float32 compares as float32 (a literal `0.1` becomes float32's 0.1 first), exactly in float64.
        case .float32: return elementwise(lhs.astype(.float32), rhs.astype(.float32), name, Double.self, float)
        case .bool, .uint8, .int32, .int64: return elementwise(lhs, rhs, name, Int64.self, integer)
        }
    }

    private static func bitwise(
        _ lhs: Tensor, _ rhs: Tensor, _ name: String,
        _ integer: (Int64, Int64) -> Int64, _ logical: (Bool, Bool) -> Bool
    ) -> Tensor {
        switch DType.result(lhs, rhs) {
        case .float64, .float32:
            shapeFailure(
                "\(name): ufunc '\(name)' not supported for the input types, and the inputs could not be "
                    + "safely coerced to any supported types according to the casting rule ''safe''")
        case .int64: return elementwise(lhs, rhs, name, Int64.self, integer)
        case .bool: return elementwise(lhs, rhs, name, Bool.self, logical)
        case .int32, .uint8:
            // Bitwise results in int64 keep the narrower type's bits in their low bits.
            let result = DType.result(lhs, rhs)
            return elementwise(lhs, rhs, name, Int64.self, integer).astype(result)
        }
    }
}

extension np {
    /// Elementwise logical and (non-zero is true), a bool tensor. numpy: `np.logical_and(a, b)`.
    public static func logical_and(_ a: some TensorConvertible, _ b: some TensorConvertible) -> Tensor {
        Tensor.elementwise(a.tensorValue.astype(.bool), b.tensorValue.astype(.bool), "logical_and", Bool.self) {
            $0 && $1
        }
    }

    /// Elementwise logical or, a bool tensor. numpy: `np.logical_or(a, b)`.
    public static func logical_or(_ a: some TensorConvertible, _ b: some TensorConvertible) -> Tensor {
        Tensor.elementwise(a.tensorValue.astype(.bool), b.tensorValue.astype(.bool), "logical_or", Bool.self) {
            $0 || $1
        }
    }

    /// Elementwise logical not, a bool tensor. numpy: `np.logical_not(a)`.
    public static func logical_not(_ a: some TensorConvertible) -> Tensor {
        a.tensorValue.map(Bool.self) { !$0 }
    }
}

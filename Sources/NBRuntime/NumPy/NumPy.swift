import Foundation

// MARK: - The np namespace

/// numpy's names with numpy's argument order, so that a numpy notebook ports
/// line by line: `np.zeros([2, 3])`, `np.sum(a, axis: 0, keepdims: true)`,
/// `np.random.seed(0)`. numpy: `import numpy as np`.
///
/// numpy's keyword arguments are Swift labels (`axis:`, `keepdims:`, `size:`,
/// `loc:`, `scale:`, `low:`, `high:`, `dtype:`); positional ones stay
/// unlabelled. Tuples are arrays: numpy's `(2, 3)` is `[2, 3]`. Every function
/// here is the same operation as the `Tensor` method or free function of the
/// same name; see docs/numpy.md for the whole table.
public enum np {
    // MARK: - Data types and constants

    /// numpy: `np.float64`.
    public static let float64 = DType.float64
    /// numpy: `np.int64` (also numpy's default `int`).
    public static let int64 = DType.int64
    /// numpy: `np.bool` (`np.bool_` before numpy 2).
    public static let bool = DType.bool
    /// numpy: `np.float32`.
    public static let float32 = DType.float32
    /// numpy: `np.int32`.
    public static let int32 = DType.int32
    /// numpy: `np.uint8`.
    public static let uint8 = DType.uint8
    /// π. numpy: `np.pi`.
    public static let pi = Double.pi
    /// Euler's number. numpy: `np.e`.
    public static let e = M_E
    /// Positive infinity. numpy: `np.inf`.
    public static let inf = Double.infinity
    /// Not a number. numpy: `np.nan`.
    public static let nan = Double.nan

    // MARK: - Creation

    /// A tensor from a number, a Bool, nested Swift arrays of them, or a tensor
    /// (copied). Ints give int64, Bools bool, anything with a Double float64;
    /// `dtype` converts (`dtype: np.uint8` or `dtype: "uint8"`), and Swift Ints that
    /// don't fit a uint8 or int32 trap as numpy's Python ints do. Traps on ragged nesting.
    /// numpy: `np.array(object, dtype=None)`.
    public static func array<T: TensorConvertible>(_ object: T, dtype: DType? = nil) -> Tensor {
        var tensor = object.tensorValue
        // An array is an array, not a Python scalar, whatever it was made from.
        tensor.literalKind = nil
        guard let dtype else { return tensor }
        if !(object is Tensor) && (dtype == .uint8 || dtype == .int32) {
            // numpy converts each Python number to an int first (`-1.0` to `-1`), then checks it.
            for value in tensor.elements(Double.self) where value.isFinite {
                DType.checkRange(value.rounded(.towardZero), dtype)
            }
        }
        return tensor.astype(dtype)
    }

    /// Zeros of the given shape (`3` or `[2, 3]`). numpy: `np.zeros(shape, dtype=float)`.
    public static func zeros<S: ShapeConvertible>(_ shape: S, dtype: DType = .float64) -> Tensor {
        Tensor.full(shape.shapeValue, 0, dtype: dtype)
    }

    /// Ones of the given shape. numpy: `np.ones(shape, dtype=float)`.
    public static func ones<S: ShapeConvertible>(_ shape: S, dtype: DType = .float64) -> Tensor {
        Tensor.full(shape.shapeValue, 1, dtype: dtype)
    }

    /// `value` everywhere in the given shape; the type is float64 for a
    /// Double, unless `dtype` says otherwise. numpy: `np.full(shape, fill_value, dtype=None)`.
    public static func full<S: ShapeConvertible>(_ shape: S, _ fillValue: Double, dtype: DType = .float64) -> Tensor {
        Tensor.full(shape.shapeValue, fillValue, dtype: dtype)
    }

    /// `value` everywhere in the given shape, int64 (numpy infers int from an int). numpy: `np.full(shape, 7)`.
    public static func full<S: ShapeConvertible>(_ shape: S, _ fillValue: Int, dtype: DType = .int64) -> Tensor {
        Tensor.full(shape.shapeValue, Double(fillValue), dtype: dtype)
    }

    /// Zeros with the shape and type of `a`. numpy: `np.zeros_like(a, dtype=None)`.
    public static func zeros_like(_ a: Tensor, dtype: DType? = nil) -> Tensor {
        Tensor.full(a.shape, 0, dtype: dtype ?? a.dtype)
    }

    /// Ones with the shape and type of `a`. numpy: `np.ones_like(a, dtype=None)`.
    public static func ones_like(_ a: Tensor, dtype: DType? = nil) -> Tensor {
        Tensor.full(a.shape, 1, dtype: dtype ?? a.dtype)
    }

    /// `value` with the shape and type of `a`. numpy: `np.full_like(a, fill_value, dtype=None)`.
    public static func full_like(_ a: Tensor, _ fillValue: Double, dtype: DType? = nil) -> Tensor {
        Tensor.full(a.shape, fillValue, dtype: dtype ?? a.dtype)
    }

    /// An `n × m` matrix (square unless `m` is given) with ones on diagonal `k`
    /// (0 the main one, positive above it). numpy: `np.eye(N, M=None, k=0, dtype=float)`.
    public static func eye(_ n: Int, _ m: Int? = nil, k: Int = 0, dtype: DType = .float64) -> Tensor {
        let columns = m ?? n
        var values = [Double](repeating: 0, count: n * columns)
        for row in 0..<n where row + k >= 0 && row + k < columns { values[row * columns + row + k] = 1 }
        return Tensor(unchecked: [n, columns], values, dtype: dtype)
    }

    /// The identity matrix. numpy: `np.identity(n, dtype=float)`.
    public static func identity(_ n: Int, dtype: DType = .float64) -> Tensor {
        eye(n, dtype: dtype)
    }

    /// `0, 1, …, stop - 1` as int64. numpy: `np.arange(stop)`.
    public static func arange(_ stop: Int, dtype: DType = .int64) -> Tensor {
        arange(0, stop, 1, dtype: dtype)
    }

    /// `start, start + step, …` up to but excluding `stop`, as int64; traps for step 0.
    /// numpy: `np.arange(start, stop, step=1)`.
    public static func arange(_ start: Int, _ stop: Int, _ step: Int = 1, dtype: DType = .int64) -> Tensor {
        guard step != 0 else { shapeFailure(ShapeText.invalid("arange", "Maximum allowed size exceeded")) }
        let span = stop - start
        let length = Swift.max(0, span / step + (span % step != 0 && (span < 0) == (step < 0) ? 1 : 0))
        let values = (0..<length).map { Int64(start &+ $0 &* step) }
        return Tensor(unchecked: [length], elements: values).astype(dtype)
    }

    /// `0.0, 1.0, …` below `stop`, as float64. numpy: `np.arange(5.0)`.
    public static func arange(_ stop: Double, dtype: DType = .float64) -> Tensor {
        arange(0.0, stop, 1.0, dtype: dtype)
    }

    /// Floats from `start` in steps of `step` below `stop`, computed as numpy
    /// does: the length is `ceil((stop - start) / step)`, and element `i ≥ 2` is
    /// `start + i * ((start + step) - start)`, so the values are bit-identical.
    /// numpy: `np.arange(start, stop, step)` with a float argument.
    public static func arange(_ start: Double, _ stop: Double, _ step: Double = 1, dtype: DType = .float64) -> Tensor {
        let quotient = ((stop - start) / step).rounded(.up)
        guard step != 0, !quotient.isNaN, quotient != .infinity else {
            shapeFailure(ShapeText.invalid("arange", "Maximum allowed size exceeded"))
        }
        let length = quotient > 0 ? Int(quotient) : 0
        var values = [Double](repeating: start, count: length)
        if length > 1 {
            let second = start + step
            values[1] = second
            let delta = second - start
            for i in 2..<length { values[i] = start + Double(i) * delta }
        }
        return Tensor(unchecked: [length], values).astype(dtype)
    }

    /// `num` evenly spaced floats from `start` to `stop` (included unless
    /// `endpoint` is false), computed as numpy does (`i * step + start`, with
    /// the last one exactly `stop`). numpy: `np.linspace(start, stop, num=50, endpoint=True)`.
    public static func linspace(_ start: Double, _ stop: Double, num: Int = 50, endpoint: Bool = true) -> Tensor {
        guard num >= 0 else {
            shapeFailure(ShapeText.invalid("linspace", "Number of samples, \(num), must be non-negative."))
        }
        let div = endpoint ? num - 1 : num
        let delta = start == stop ? 0 : stop - start
        var values = (0..<num).map(Double.init)
        if div > 0 {
            let step = delta / Double(div)
            if step == 0 {
                values = values.map { $0 / Double(div) * delta }
            } else {
                values = values.map { $0 * step }
            }
        } else {
            values = values.map { $0 * delta }
        }
        values = values.map { $0 + start }
        if endpoint && num > 1 { values[num - 1] = stop }
        return Tensor(unchecked: [num], values)
    }
}

// MARK: - Conversions

/// A value `np.array` accepts: a number, a Bool, a tensor, or (nested) Swift
/// arrays of them. numpy: "array_like".
public protocol TensorConvertible {
    /// The value as a tensor: numbers and Bools rank 0, arrays stacked along a
    /// new first axis. numpy: `np.asarray(x)`.
    var tensorValue: Tensor { get }
}

extension Double: TensorConvertible {
    /// A rank-0 float64 tensor that promotes as a Python float (a float32 operand stays
    /// float32: `np.maximum(x, 0.5)`). numpy: `np.asarray(1.5)`.
    public var tensorValue: Tensor { Tensor(floatLiteral: self) }
}

extension Int: TensorConvertible {
    /// A rank-0 int64 tensor that promotes as a Python int (a uint8 or int32 operand
    /// keeps its type: `np.clip(x, 0, 255)`). numpy: `np.asarray(3)`.
    public var tensorValue: Tensor { Tensor.pythonInt(self) }
}

extension Bool: TensorConvertible {
    /// A rank-0 bool tensor. numpy: `np.asarray(True)`.
    public var tensorValue: Tensor { Tensor(self) }
}

extension Tensor: TensorConvertible {
    /// The tensor itself. numpy: `np.asarray(a)`.
    public var tensorValue: Tensor { self }
}

extension Array: TensorConvertible where Element: TensorConvertible {
    /// The elements stacked along a new first axis, promoting their types;
    /// traps if their shapes differ. numpy: `np.asarray([...])`.
    public var tensorValue: Tensor {
        if let doubles = self as? [Double] { return Tensor(doubles) }
        return Tensor(stacking: map(\.tensorValue))
    }
}

/// A shape argument: an `Int` (one axis), `[Int]`, or a `Shape`.
/// numpy: an int or a tuple of ints.
public protocol ShapeConvertible {
    /// The value as a shape. numpy: `(n,)` for an int, `tuple(dims)` otherwise.
    var shapeValue: Shape { get }
}

extension Int: ShapeConvertible {
    /// A one-axis shape. numpy: `(n,)`.
    public var shapeValue: Shape { [self] }
}

extension Array: ShapeConvertible where Element == Int {
    /// The extents as a shape. numpy: `tuple(dims)`.
    public var shapeValue: Shape { Shape(self) }
}

extension Shape: ShapeConvertible {
    /// The shape itself. numpy: a shape tuple.
    public var shapeValue: Shape { self }
}

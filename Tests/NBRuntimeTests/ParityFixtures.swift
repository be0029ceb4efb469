import Foundation

@testable import NBRuntime

/// Loads `numpy-parity.json`, written by `scripts/make-parity-fixtures.py`.
enum ParityFixtures {
    struct File: Decodable {
        var cases: [Case]
    }

    /// A typed array as stored: float64 values as hex bit patterns, int64 and
    /// bool values as integers, or a formula to recompute.
    struct Array: Decodable {
        enum Value: Decodable {
            case bits(String)
            case integer(Int)

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let text = try? container.decode(String.self) {
                    self = .bits(text)
                } else {
                    self = .integer(try container.decode(Int.self))
                }
            }

            var double: Double {
                switch self {
                case .bits(let text): return Double(bitPattern: UInt64(text, radix: 16)!)
                case .integer(let value): return Double(value)
                }
            }

            /// The exact integer (int64 values beyond 2^53 included).
            var integer: Int {
                guard case .integer(let value) = self else { fatalError("\(self) is not an integer") }
                return value
            }
        }

        var dtype: String
        var shape: [Int]
        var values: [Value]?
        var formula: String?

        var type: DType { DType.allCases.first { $0.description == dtype }! }

        var tensor: Tensor {
            let count = shape.reduce(1, *)
            let scalars: [Double]
            if formula == nil && type == .int64 {
                let integers: [Int] = values!.map(\.integer)
                return Tensor(integers).reshaped(shape)
            }
            switch formula {
            case nil: scalars = values!.map(\.double)
            case "mod7919": scalars = (0..<count).map(NumpyFixtures.formula)
            case "mod7919int": scalars = (0..<count).map { Double((($0 * 7919) % 1000) - 500) }
            case "mod3": scalars = (0..<count).map { $0 % 3 == 0 ? 1 : 0 }
            default: fatalError("unknown formula \(formula!)")
            }
            return Tensor(shape: Shape(shape), scalars: scalars, dtype: type)
        }
    }

    struct Result: Decodable {
        var dtype: String
        var shape: [Int]
        var values: [Array.Value]
        var str: String

        var tensor: Tensor { Array(dtype: dtype, shape: shape, values: values).tensor }
    }

    /// Keyword arguments of the numpy call; each case uses a few of them.
    struct Params: Decodable {
        var scalar: Double?
        var exponent: Double?
        var decimals: Int?
        var axis: Int?
        var keepdims: Bool?
        var ddof: Int?
        var args: [Double]?
        var start: Double?
        var stop: Double?
        var num: Int?
        var endpoint: Bool?
        var n: Int?
        var m: Int?
        var k: Int?
        var dtype: String?
        var shape: [Int]?
        var value: Double?
        var axes: [Int]?
        var reps: [Int]?
        var repeats: Int?
        var minlength: Int?
        var bins: Int?
        var index: [IndexSpec]?
    }

    /// One position of a numpy index: an int, a slice, `:`, `None`, or an array.
    struct IndexSpec: Decodable {
        var kind: String
        var value: Int?
        var start: Int?
        var stop: Int?
        var step: Int?
        var array: Array?

        var tensorIndex: TensorIndex {
            switch kind {
            case "int": return .index(value!)
            case "slice": return .slice(start: start, stop: stop, step: step ?? 1)
            case "newaxis": return .newAxis
            default: return .array(array!.tensor)
            }
        }
    }

    struct Options: Decodable {
        var precision: Int?
        var suppress: Bool?
        var linewidth: Int?
        var threshold: Int?
        var edgeitems: Int?
    }

    struct Case: Decodable {
        var op: String
        var inputs: [Array]
        var params: Params?
        var options: Options?
        var result: Result?
        var str: String?
    }

    /// The cases of `Fixtures/NAME.json` (`numpy-parity` or `numpy-int64`).
    static func cases(_ name: String = "numpy-parity") throws -> [Case] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures")
        else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/\(name).json"])
        }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }
}

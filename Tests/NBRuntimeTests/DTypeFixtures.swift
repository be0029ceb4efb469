import Foundation

@testable import NBRuntime

/// Loads `numpy-dtypes.json`, written by `scripts/make-dtype-fixtures.py`.
enum DTypeFixtures {
    struct File: Decodable {
        var numpy: String
        var cases: [Case]
    }

    /// An array as stored: float64 and float32 values as hex bit patterns, integer and
    /// bool values as integers.
    struct Array: Decodable {
        var dtype: String
        var shape: [Int]
        var values: [ParityFixtures.Array.Value]?

        var type: DType { DType(stringLiteral: dtype) }

        /// The stored values' bit patterns (float32 widened exactly) or integers as doubles.
        var doubles: [Double] {
            values!.map { value in
                guard case .bits(let text) = value else { return Double(value.integer) }
                if text.count == 8 { return Double(Float(bitPattern: UInt32(text, radix: 16)!)) }
                return Double(bitPattern: UInt64(text, radix: 16)!)
            }
        }

        var tensor: Tensor {
            if type == .int64 { return Tensor(values!.map(\.integer)).reshaped(shape) }
            return Tensor(shape: Shape(shape), scalars: doubles, dtype: type)
        }
    }

    struct Result: Decodable {
        var dtype: String?
        var shape: [Int]?
        var values: [ParityFixtures.Array.Value]?
        var str: String
        var repr: String

        var array: Array? { dtype.map { Array(dtype: $0, shape: shape!, values: values) } }
    }

    struct Case: Decodable {
        var op: String
        var inputs: [Array]
        var options: ParityFixtures.Options?
        var result: Result?
        var error: String?
        var float16: Bool?
    }

    static func load() throws -> File {
        guard let url = Bundle.module.url(forResource: "numpy-dtypes", withExtension: "json", subdirectory: "Fixtures")
        else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/numpy-dtypes.json"])
        }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }

    /// The distance in float32 or float64 units in the last place between two values of one type.
    static func ulps(_ a: Double, _ b: Double, float32: Bool) -> Int64 {
        if a.isNaN && b.isNaN || a == b { return 0 }
        if float32 {
            func ordered(_ x: Float) -> Int64 {
                let bits = Int64(Int32(bitPattern: x.bitPattern))
                return bits < 0 ? Int64(Int32.min) - bits : bits
            }
            return Swift.abs(ordered(Float(a)) - ordered(Float(b)))
        }
        func ordered(_ x: Double) -> Int64 {
            let bits = Int64(bitPattern: x.bitPattern)
            return bits < 0 ? Int64.min &- bits : bits
        }
        return Swift.abs(ordered(a) &- ordered(b))
    }
}

import Foundation

@testable import NBRuntime

/// Loads the JSON fixtures written by `scripts/make-print-fixtures.py`.
enum NumpyFixtures {
    struct File<Case: Decodable>: Decodable {
        struct Meta: Decodable {
            var numpy: String
            var scipy: String
            var machine: String
        }
        var meta: Meta
        var cases: [Case]
    }

    /// An array as stored: shape plus hex bit patterns, or a formula to recompute.
    struct Array: Decodable {
        var shape: [Int]
        var bits: [String]?
        var formula: String?
        var count: Int?

        var tensor: Tensor {
            if let bits {
                return Tensor(shape: shape, scalars: bits.map { Double(bitPattern: UInt64($0, radix: 16)!) })
            }
            precondition(formula == "mod7919", "unknown formula \(formula ?? "nil")")
            return Tensor(shape: shape, scalars: (0..<(count ?? 0)).map(NumpyFixtures.formula))
        }
    }

    struct PrintCase: Decodable {
        var shape: [Int]
        var bits: [String]
        var str: String

        var tensor: Tensor { Array(shape: shape, bits: bits).tensor }
    }

    struct OpCase: Decodable {
        var op: String
        var inputs: [Array]
        var result: Array
        var axis: Int?
        var keepdims: Bool?
        var exponent: Double?
    }

    /// The script's `formula`: `(((i * 7919) % 1000) / 7 - 50) * (1 + (i % 13) / 1000)`,
    /// one IEEE operation per step, so it is exact on both sides.
    static func formula(_ i: Int) -> Double {
        let v = Double((i * 7919) % 1000) / 7.0 - 50.0
        return v * (1.0 + Double(i % 13) / 1000.0)
    }

    static func load<Case: Decodable>(_ name: String, as _: Case.Type) throws -> File<Case> {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/\(name).json"])
        }
        return try JSONDecoder().decode(File<Case>.self, from: Data(contentsOf: url))
    }

    static func printCases() throws -> [PrintCase] { try load("numpy-print", as: PrintCase.self).cases }
    static func opCases() throws -> [OpCase] { try load("numpy-ops", as: OpCase.self).cases }

    /// Hex bit patterns of a tensor's elements, for readable failure messages.
    static func hex(_ t: Tensor) -> [String] {
        t.scalars.map { String($0.bitPattern, radix: 16) }
    }
}

/// Relative error of the random generator's portable log against libm.
func portableLogRelativeError(_ x: Double) -> Double {
    (portableLog(x) - Foundation.log(x)) / Foundation.log(x)
}

import Foundation
import Testing

@testable import NBRuntime

extension Unit {
    /// `np.linalg` against numpy's results (`numpy-linalg.json`, written by
    /// `scripts/make-linalg-fixtures.py`). numpy's LAPACK is its bundled OpenBLAS and
    /// nbrun's is Debian's: the same routines from other builds, so the bound is a few
    /// units in the last place of the result's largest element (docs/numpy.md).
    @Suite("np.linalg matches numpy within the documented bounds")
    struct LinalgFixtureTests {
        struct File: Decodable {
            var cases: [Case]
        }

        struct Case: Decodable {
            var op: String
            var inputs: [Array]
            var params: Params
            var result: Array
        }

        struct Params: Decodable {
            var axis: Int?
            /// How much the problem amplifies rounding (see the script).
            var sensitivity: Double
        }

        struct Array: Decodable {
            var shape: [Int]
            var values: [String]

            var scalars: [Double] { values.map { Double(bitPattern: UInt64($0, radix: 16)!) } }
            var tensor: Tensor { Tensor(unchecked: Shape(shape), scalars) }
        }

        static let cases: [Case] = {
            let url = Bundle.module.url(forResource: "numpy-linalg", withExtension: "json", subdirectory: "Fixtures")!
            return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
        }()

        /// The bound for each operation, in ulps of the largest magnitude in numpy's result
        /// (`eps * max|r|`) times `n` and the case's sensitivity (its condition number for
        /// inv, solve and det): the usual backward-error bound of these algorithms.
        static let bounds: [String: Double] = [
            "norm": 1, "norm_axis": 0, "det": 4, "inv": 4, "solve": 4, "eigh_values": 8, "eigh_vectors": 4
        ]

        static func apply(_ c: Case) -> Tensor {
            let x = c.inputs.map(\.tensor)
            switch c.op {
            case "inv": return np.linalg.inv(x[0])
            case "det": return np.linalg.det(x[0])
            case "solve": return np.linalg.solve(x[0], x[1])
            case "eigh_values": return np.linalg.eigh(x[0]).eigenvalues
            case "eigh_vectors": return np.linalg.eigh(x[0]).eigenvectors
            case "norm": return np.linalg.norm(x[0])
            case "norm_axis": return np.linalg.norm(x[0], axis: c.params.axis!)
            default: fatalError("unknown op \(c.op)")
            }
        }

        @Test("every case within its bound, and the well-known ones bit for bit")
        func everyCase() {
            #expect(Self.cases.count > 50)
            var worst: [String: Double] = [:]
            for c in Self.cases {
                let result = Self.apply(c)
                #expect(result.shape == Shape(c.result.shape), "\(c.op) \(c.inputs.map(\.shape))")
                let expected = c.result.scalars
                let scale = expected.map { Swift.abs($0) }.max() ?? 0
                let unit = scale == 0 ? Double.leastNonzeroMagnitude : scale.ulp
                let error = zip(result.scalars, expected).map { Swift.abs($0 - $1) / unit }.max() ?? 0
                worst[c.op] = Swift.max(worst[c.op] ?? 0, error)
                let n = Double(c.inputs[0].shape.first ?? 1)
                let bound = Self.bounds[c.op]! * (c.op.hasPrefix("norm") ? 1 : n * c.params.sensitivity)
                #expect(error <= bound, "\(c.op) \(c.inputs.map(\.shape)): \(error) ulps, bound \(bound)")
            }
            print("np.linalg, worst error in ulps of the largest element:", worst.sorted { $0.key < $1.key })
            // numpy's det goes through logarithms, which is why this is not -2.
            #expect("\(np.linalg.det(np.array([[1, 2], [3, 4]])))" == "-2.0000000000000004")
            #expect("\(np.linalg.norm(np.array([3, 4])))" == "5.0")
            #expect("\(np.linalg.inv(np.array([[2.0, 0], [0, 4]])))" == "[[0.5  0.  ]\n [0.   0.25]]")
        }
    }
}

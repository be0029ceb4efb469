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
            /// numpy's `ord` as Python's `str()` of it: `inf`, `-inf`, `fro`, `nuc`, `None`, `2`, `0.5`.
            var ord: String?
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
            "norm": 1, "norm_axis": 0, "det": 4, "inv": 4, "solve": 4, "eigh_values": 8, "eigh_vectors": 4,
            "svd_S": 8, "svd_S_only": 8, "svd_reduced_S": 8, "svd_U": 4, "svd_Vh": 4, "svd_full_shapes": 0,
            "svd_reduced_shapes": 0
        ]

        /// `norm` with `ord`: bit for bit where numpy's steps are elementwise, reductions and
        /// comparisons; 1 ulp where numpy calls BLAS's `ddot` or libm's `pow` (p-norms);
        /// through `gesdd` (2, -2, "nuc") as the singular values.
        static func normBound(_ c: Case) -> Double {
            let order = c.params.ord ?? "None"
            if ["2.0", "-2.0", "2", "-2", "nuc"].contains(order) && c.op.hasPrefix("norm_matrix") { return 8 * 8 }
            if ["None", "fro", "2"].contains(order) && c.op != "norm_ord_axis" { return 1 }
            if ["inf", "-inf", "0", "1", "-1"].contains(order) { return 0 }
            return c.op == "norm_ord_axis" && order == "2" ? 0 : 2
        }

        static func order(_ text: String) -> Double {
            text == "inf" ? .infinity : text == "-inf" ? -.infinity : Double(text)!
        }

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
            case "svd_S": return np.linalg.svd(x[0]).S
            case "svd_S_only": return np.linalg.svd(x[0], compute_uv: false)
            case "svd_reduced_S": return np.linalg.svd(x[0], full_matrices: false).S
            case "svd_U", "svd_Vh": return alignedVectors(x[0], c.result.tensor, c.op == "svd_U")
            case "svd_full_shapes", "svd_reduced_shapes":
                let (u, _, vh) = np.linalg.svd(x[0], full_matrices: c.op == "svd_full_shapes")
                return Tensor((u.shape.map { Double($0) } + vh.shape.map { Double($0) }))
            case "norm_ord": return np.linalg.norm(x[0], ord: order(c.params.ord!))
            case "norm_ord_axis": return np.linalg.norm(x[0], ord: order(c.params.ord!), axis: c.params.axis!)
            case "norm_matrix", "norm_matrix_axes":
                let axes: [Int]? = c.op == "norm_matrix" ? nil : [1, 0]
                switch c.params.ord! {
                case "None": return axes == nil ? np.linalg.norm(x[0]) : np.linalg.norm(x[0], ord: "fro", axis: axes)
                case "fro", "nuc": return np.linalg.norm(x[0], ord: c.params.ord!, axis: axes)
                default:
                    let p = order(c.params.ord!)
                    return axes.map { np.linalg.norm(x[0], ord: p, axis: $0) } ?? np.linalg.norm(x[0], ord: p)
                }
            default: fatalError("unknown op \(c.op)")
            }
        }

        /// The first min(m, n) singular vectors (U's columns or Vh's rows), each with the sign
        /// of numpy's: a singular vector is unique only up to its sign, which LAPACK builds
        /// may choose differently.
        static func alignedVectors(_ a: Tensor, _ numpy: Tensor, _ left: Bool) -> Tensor {
            let (u, _, vh) = np.linalg.svd(a, full_matrices: false)
            var vectors = left ? u : vh.T
            let expected = left ? numpy : numpy.T
            for j in 0..<vectors.shape[1] {
                let dot: Double = (vectors[..., j] * expected[..., j]).sum().item()
                if dot < 0 { vectors[..., j] = -vectors[..., j] }
            }
            return left ? vectors : vectors.T
        }

        @Test("svd: U diag(S) Vh gives the matrix back, and U and Vh are orthogonal, full or reduced")
        func svdFactors() {
            let a = np.array([[1.0, 2, 3], [4, 5, 6], [7, 8, 10], [1, 0, 1]])
            for full in [true, false] {
                let (u, s, vh) = np.linalg.svd(a, full_matrices: full)
                #expect(u.shape == (full ? [4, 4] : [4, 3]) && s.shape == [3] && vh.shape == [3, 3])
                let product = u[..., 0..<3] * s ⋅ vh
                let error: Double = np.abs(product - a).max().item()
                #expect(error < 1e-13)
                let orthogonality: Double = np.abs(u.T ⋅ u - np.eye(u.shape[1])).max().item()
                #expect(orthogonality < 1e-14)
            }
            #expect("\(np.linalg.svd(np.array([[3.0, 0], [0, 4]]), compute_uv: false))" == "[4. 3.]")
            #expect("\(np.linalg.norm(np.array([[1.0, -2], [3, 4]]), ord: np.inf))" == "7.0")
            #expect("\(np.linalg.norm(np.array([3.0, -4, 0, 12]), ord: 0))" == "3.0")
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
                let n = Double(c.inputs[0].shape.max() ?? 1)
                let bound =
                    c.op.hasPrefix("norm_")
                    ? Self.normBound(c) : Self.bounds[c.op]! * (c.op.hasPrefix("norm") ? 1 : n * c.params.sensitivity)
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

import Testing

@testable import NBRuntime

extension Unit {
    /// Every case of `numpy-parity.json`: the same call through the `np` namespace
    /// must give numpy's type, shape and values bit for bit, and print as numpy's
    /// result prints.
    @Suite("numpy parity: types, creation, maths, reductions, joining, indexing, printing")
    struct ParityFixtureTests {
        /// Operations that call libm, where numpy may use its own SIMD kernels: bounded in ulps.
        static let nearlyExact: [String: Int64] = [
            "log1p": 1, "power_libm": 1, "sin": 1, "cos": 1, "tan": 1, "arcsin": 1, "arccos": 1, "arctan": 1,
            "sinh": 1, "cosh": 1, "arcsinh": 1, "arccosh": 1, "arctanh": 1, "arctan2": 1, "hypot": 1
        ]

        static func apply(_ c: ParityFixtures.Case) -> Tensor {
            let x = c.inputs.map(\.tensor)
            let p = c.params ?? ParityFixtures.Params()
            let scalar = p.scalar ?? 0
            let axis = p.axis
            let keepdims = p.keepdims ?? false
            switch c.op {
            case "add": return x[0] + x[1]
            case "subtract": return x[0] - x[1]
            case "multiply": return x[0] * x[1]
            case "divide": return x[0] / x[1]
            case "mod": return x[0] % x[1]
            case "add_int": return x[0] + Int(scalar)
            case "radd_int": return Int(scalar) + x[0]
            case "subtract_int": return x[0] - Int(scalar)
            case "rsubtract_int": return Int(scalar) - x[0]
            case "multiply_int": return x[0] * Int(scalar)
            case "divide_int": return x[0] / Int(scalar)
            case "rdivide_int": return Int(scalar) / x[0]
            case "add_float": return x[0] + scalar
            case "multiply_float": return x[0] * scalar
            case "rsubtract_float": return scalar - x[0]
            case "divide_float": return x[0] / scalar
            case "negative": return -x[0]
            case "abs": return np.abs(x[0])
            case "square": return np.square(x[0])
            case "sqrt": return np.sqrt(x[0])
            case "sign": return np.sign(x[0])
            case "floor": return np.floor(x[0])
            case "ceil": return np.ceil(x[0])
            case "round": return np.round(x[0], decimals: p.decimals ?? 0)
            case "power_scalar", "power_libm": return np.power(x[0], p.exponent!)
            case "power": return np.power(x[0], x[1])
            case "power_int": return np.power(x[0], Int(p.exponent!))
            case "maximum": return np.maximum(x[0], x[1])
            case "minimum": return np.minimum(x[0], x[1])
            case "clip": return np.clip(x[0], x[1], x[2])
            case "clip_min": return np.clip(x[0], x[1], nil)
            case "clip_max": return np.clip(x[0], nil, x[1])
            case "where": return np.where(x[0], x[1], x[2])
            case "log1p": return np.log1p(x[0])
            case "sum": return np.sum(x[0], axis: axis, keepdims: keepdims)
            case "mean": return np.mean(x[0], axis: axis, keepdims: keepdims)
            case "min": return np.min(x[0], axis: axis, keepdims: keepdims)
            case "max": return np.max(x[0], axis: axis, keepdims: keepdims)
            case "var": return np.var(x[0], axis: axis, ddof: p.ddof ?? 0, keepdims: keepdims)
            case "std": return np.std(x[0], axis: axis, ddof: p.ddof ?? 0, keepdims: keepdims)
            case "argmin": return axis.map { np.argmin(x[0], axis: $0, keepdims: keepdims) } ?? Tensor(np.argmin(x[0]))
            case "argmax": return axis.map { np.argmax(x[0], axis: $0, keepdims: keepdims) } ?? Tensor(np.argmax(x[0]))
            case "cumsum": return np.cumsum(x[0], axis: axis)
            case "any": return np.any(x[0])
            case "all": return np.all(x[0])
            case "arange_int":
                let a = p.args!.map { Int($0) }
                switch a.count {
                case 1: return np.arange(a[0])
                case 2: return np.arange(a[0], a[1])
                default: return np.arange(a[0], a[1], a[2])
                }
            case "arange_float":
                let a = p.args!
                switch a.count {
                case 1: return np.arange(a[0])
                case 2: return np.arange(a[0], a[1])
                default: return np.arange(a[0], a[1], a[2])
                }
            case "linspace": return np.linspace(p.start!, p.stop!, num: p.num!, endpoint: p.endpoint!)
            case "eye": return np.eye(p.n!, p.m, k: p.k!, dtype: p.dtype == "int64" ? np.int64 : np.float64)
            case "full_int": return np.full(p.shape!, Int(p.value!))
            case "full_float": return np.full(p.shape!, p.value!)
            case "array_int": return np.array([[2, 0, 1], [5, -3, 4]])
            case "array_bool": return np.array([[true, false], [false, true]])
            case "array_mixed": return np.array([[1, 2.5], [3, 4]])
            case "concatenate": return np.concatenate(x, axis: axis ?? 0)
            case "stack": return np.stack(x, axis: axis ?? 0)
            case "vstack": return np.vstack(x)
            case "hstack": return np.hstack(x)
            case "transpose": return np.transpose(x[0], axes: p.axes)
            case "outer": return np.outer(x[0], x[1])
            case "dot": return np.dot(x[0], x[1])
            case "isclose": return np.isclose(x[0], x[1])
            case "isclose_equal_nan": return np.isclose(x[0], x[1], equal_nan: true)
            case "allclose": return np.allclose(x[0], x[1])
            case "array_equal": return np.array_equal(x[0], x[1])
            case "index": return x[0][positions: p.index!.map(\.tensorIndex)]
            case "index_set":
                var result = x[0]
                result[positions: p.index!.map(\.tensorIndex)] = x[1]
                return result
            case "equal": return x[0] .== x[1]
            case "not_equal": return x[0] .!= x[1]
            case "less": return x[0] .< x[1]
            case "less_equal": return x[0] .<= x[1]
            case "greater": return x[0] .> x[1]
            case "greater_equal": return x[0] .>= x[1]
            case "and": return x[0] & x[1]
            case "or": return x[0] | x[1]
            case "xor": return x[0] ^ x[1]
            case "invert": return ~x[0]
            case "nonzero": return np.stack(np.nonzero(x[0]))
            case "sin": return np.sin(x[0])
            case "cos": return np.cos(x[0])
            case "tan": return np.tan(x[0])
            case "arcsin": return np.arcsin(x[0])
            case "arccos": return np.arccos(x[0])
            case "arctan": return np.arctan(x[0])
            case "sinh": return np.sinh(x[0])
            case "cosh": return np.cosh(x[0])
            case "arcsinh": return np.arcsinh(x[0])
            case "arccosh": return np.arccosh(x[0])
            case "arctanh": return np.arctanh(x[0])
            case "deg2rad": return np.deg2rad(x[0])
            case "rad2deg": return np.rad2deg(x[0])
            case "arctan2": return np.arctan2(x[0], x[1])
            case "hypot": return np.hypot(x[0], x[1])
            case "column_stack": return np.column_stack(x)
            case "c_": return np.c_[x[0], x[1]]
            case "r_": return np.r_[x[0], x[1]]
            case "dstack": return np.dstack(x)
            case "tile": return np.tile(x[0], p.reps!)
            case "repeat": return np.repeat(x[0], p.repeats!, axis: axis)
            case "bincount": return np.bincount(x[0], minlength: p.minlength ?? 0)
            case "bincount_weights": return np.bincount(x[0], weights: x[1])
            case "unique": return np.unique(x[0])
            case "unique_counts": return np.unique(x[0], return_counts: true).1
            case "sort": return np.sort(x[0], axis: axis)
            case "argsort": return np.argsort(x[0], axis: axis)
            case "cumprod": return np.cumprod(x[0], axis: axis)
            case "diff": return np.diff(x[0], n: p.n ?? 1, axis: axis ?? -1)
            case "meshgrid_x": return np.meshgrid(x[0], x[1]).0
            case "meshgrid_y": return np.meshgrid(x[0], x[1]).1
            case "histogram_counts": return np.histogram(x[0], bins: p.bins!).0
            case "histogram_edges": return np.histogram(x[0], bins: p.bins!).1
            case "median": return np.median(x[0])
            case "percentile": return np.percentile(x[0], scalar)
            default: fatalError("unknown op \(c.op)")
            }
        }

        @Test("every operation gives numpy's dtype, shape, bits and str()")
        func operations() throws {
            let cases = try ParityFixtures.cases().filter { $0.op != "str" }
            #expect(cases.count > 400)
            let failures = Self.check(cases)
            #expect(failures == 0, "\(failures) of \(cases.count) cases differ")
        }

        /// `numpy-int64.json`: values a double can't hold (2^53 + 1) and overflow at the
        /// ends of the int64 range, which numpy's arithmetic wraps around.
        @Test("int64 beyond 2^53 is exact, wraps around as numpy's does, and prints numpy's digits")
        func wideIntegers() throws {
            let all = try ParityFixtures.cases("numpy-int64")
            let cases = all.filter { $0.op != "str" }
            #expect(cases.count > 50)
            let failures = Self.check(cases)
            #expect(failures == 0, "\(failures) of \(cases.count) cases differ")
            let printed = all.filter { $0.op == "str" }
            #expect(printed.count == 4)
            for c in printed { #expect(c.inputs[0].tensor.description == c.str) }
            // The largest int64 survives a round trip that a Double would round to 2^63.
            #expect(np.array([9_223_372_036_854_775_807]).description == "[9223372036854775807]")
            #expect((np.array([9_007_199_254_740_993]) .== np.array([9_007_199_254_740_992])).description == "[False]")
        }

        /// The number of cases whose result differs from numpy's in type, shape, bits or
        /// str(), each recorded as an issue (the first 15).
        static func check(_ cases: [ParityFixtures.Case]) -> Int {
            var failures = 0
            for (number, c) in cases.enumerated() {
                let actual = Self.apply(c)
                guard let result = c.result else { continue }
                let expected = result.tensor
                var problem: String?
                if actual.dtype.description != result.dtype || actual.shape != expected.shape {
                    problem = "numpy \(result.dtype) \(expected.shape), swift \(actual.dtype) \(actual.shape)"
                } else if let ulps = Self.nearlyExact[c.op] {
                    if let (a, e) = zip(actual.scalars, expected.scalars).first(where: { !Self.within($0, $1, ulps) }) {
                        problem = "numpy \(e), swift \(a) (more than \(ulps) ulp apart)"
                    }
                } else if !actual.isBitwiseIdentical(to: expected) {
                    let first = zip(actual.scalars, expected.scalars).enumerated().first {
                        $1.0.bitPattern != $1.1.bitPattern
                    }
                    problem =
                        first.map { "[\($0.offset)] numpy \($0.element.1) swift \($0.element.0)" }
                        ?? "values: numpy \(expected), swift \(actual)"
                } else if actual.description != result.str {
                    problem = "str: numpy \(result.str.debugDescription), swift \(actual.description.debugDescription)"
                }
                if let problem {
                    failures += 1
                    if failures <= 15 {
                        Issue.record("case \(number) \(c.op) \(c.inputs.map { "\($0.dtype)\($0.shape)" }): \(problem)")
                    }
                }
            }
            return failures
        }

        @Test("str() under np.set_printoptions is byte-identical, and the options are restored")
        func printOptions() throws {
            let cases = try ParityFixtures.cases().filter { $0.op == "str" }
            #expect(cases.count > 200)
            var failures = 0
            for c in cases {
                let options = c.options ?? ParityFixtures.Options()
                let actual = np.printoptions(
                    precision: options.precision, threshold: options.threshold,
                    edgeitems: options.edgeitems, linewidth: options.linewidth,
                    suppress: options.suppress
                ) { c.inputs[0].tensor.description }
                if actual != c.str {
                    failures += 1
                    if failures <= 10 {
                        Issue.record(
                            """
                            \(c.inputs[0].dtype)\(c.inputs[0].shape) options \(options)
                            numpy: \(c.str!.debugDescription)
                            swift: \(actual.debugDescription)
                            """)
                    }
                }
            }
            #expect(failures == 0, "\(failures) of \(cases.count) print cases differ")
            #expect(np.get_printoptions() == PrintOptions())
        }

        static func within(_ a: Double, _ e: Double, _ ulps: Int64) -> Bool {
            // A NaN's sign bit is not part of its value (numpy's SVML arcsin gives -nan, libm nan).
            if e.isNaN { return a.isNaN }
            if e.isInfinite || e == 0 { return a.bitPattern == e.bitPattern }
            return Swift.abs(Int64(bitPattern: a.bitPattern) - Int64(bitPattern: e.bitPattern)) <= ulps
        }
    }
}

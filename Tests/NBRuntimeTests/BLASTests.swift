import Testing

@_spi(Runner) @testable import NBRuntime

extension Unit {
    @Suite struct BLASTests {
        @Test func openBLASIsFoundAndUsedForLargeProducts() {
            #expect(BLAS.dgemm != nil, "libopenblas is not installed; run scripts/install-deps")
            #expect(usesBLAS(rows: 64, inner: 64, columns: 64))
            #expect(!usesBLAS(rows: 512, inner: 8, columns: 512))  // small k keeps numpy's exact order
            #expect(!usesBLAS(rows: 4, inner: 16, columns: 4))
        }

        @Test func largeProductsAgreeWithASumComputedHere() {
            let (n, k, m) = (48, 40, 56)
            let a = Tensor.uniform(n, k, low: -1, high: 1, seed: 7)
            let b = Tensor.uniform(k, m, low: -1, high: 1, seed: 8)
            let c = a ⋅ b
            #expect(c.shape == [n, m])
            var worst = 0.0
            for i in 0..<n {
                for j in 0..<m {
                    var sum = 0.0
                    for p in 0..<k { sum += a[i, p] * b[p, j] }
                    worst = max(worst, abs(c[i, j] - sum))
                }
            }
            #expect(worst < 1e-12, "largest difference \(worst)")
        }

        @Test func openBLASRunsTheKernelsNumpysOwnPicksForTheCPU() {
            let avx512: Set = ["avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
            #expect(BLAS.coreType(cpuFlags: avx512) == "SkylakeX")
            #expect(BLAS.coreType(cpuFlags: avx512.subtracting(["avx512vl"])) == "Haswell")
            #expect(BLAS.coreType(cpuFlags: ["sse2", "avx", "avx2", "fma"]) == "Haswell")
            #expect(BLAS.coreType(cpuFlags: ["sse2", "avx"]) == nil)
            #expect(
                CPUFeatures.flags(cpuinfo: "processor\t: 0\nflags\t\t: fpu sse2 avx2\nbugs\t: x") == [
                    "fpu", "sse2", "avx2"
                ])
        }

        /// `.T` is a view; products read it in place (BLAS with CblasTrans, or the loop by
        /// strides) and give what the copied transpose gives.
        @Test(arguments: [
            (3, 4, 5), (2, 300, 100), (100, 300, 3), (300, 3, 100), (40, 40, 40), (1, 64, 600), (600, 64, 1)
        ])
        func productsOfTransposedViewsEqualProductsOfCopies(rows: Int, inner: Int, columns: Int) {
            let a = Tensor.uniform(inner, rows, low: -1, high: 1, seed: 3)  // stored transposed
            let b = Tensor.uniform(columns, inner, low: -1, high: 1, seed: 4)
            let aCopy = Tensor(shape: [rows, inner], scalars: a.T.scalars)
            let bCopy = Tensor(shape: [inner, columns], scalars: b.T.scalars)
            let views = a.T ⋅ b.T
            let copies = aCopy ⋅ bCopy
            #expect(views.shape == [rows, columns])
            let worst = zip(views.scalars, copies.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
            #expect(worst < 1e-12, "largest difference \(worst)")
            if !usesBLAS(rows: rows, inner: inner, columns: columns) {
                // The loop sums each element in order whatever the layout: the same bits.
                #expect(views.isBitwiseIdentical(to: copies))
            }
        }

        @Test func aTransposedViewIsAValue() {
            let a = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
            let t = a.T
            #expect(t.shape == [3, 2])
            #expect(t.description == "[[1. 4.]\n [2. 5.]\n [3. 6.]]")
            var u = t
            u[0, 1] = 9
            #expect(t[0, 1] == 4 && a[1, 0] == 4 && u[0, 1] == 9)
            #expect(t.T.isBitwiseIdentical(to: a))
            #expect((t + 1).scalars == [2, 5, 3, 6, 4, 7])
        }
    }
}

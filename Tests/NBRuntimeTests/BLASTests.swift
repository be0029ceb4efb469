import Testing

@testable import NBRuntime

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
    }
}

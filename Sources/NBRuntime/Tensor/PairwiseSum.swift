// MARK: - numpy's pairwise summation

/// Sums `count` doubles (or floats) starting at `base` exactly as numpy's
/// `DOUBLE_pairwise_sum` (`FLOAT_pairwise_sum`, with float32 accumulators;
/// `loops_utils.h.src`) does, so results are bit-identical to `np.add.reduce`
/// over a contiguous axis.
///
/// - fewer than 8 elements: a plain left-to-right loop from 0;
/// - up to 128 (`PW_BLOCKSIZE`): eight running accumulators over strided
///   lanes, combined as `((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))`, then the
///   leftover `count % 8` elements added in order;
/// - larger: split at `n2 = count/2` rounded down to a multiple of 8, and
///   add the two halves' pairwise sums.
///
/// numpy adds the result to the reduction's initial value 0.0, which callers
/// do (it turns a `-0.0` sum into `0.0`, as numpy does).
@usableFromInline
@_specialize(where Element == Double)
@_specialize(where Element == Float)
func pairwiseSum<Element: TensorFloat>(_ base: UnsafePointer<Element>, _ count: Int, stride: Int = 1) -> Element {
    if count < 8 {
        var result: Element = 0
        for i in 0..<count { result += base[i * stride] }
        return result
    }
    if count <= 128 {
        var r0 = base[0]
        var r1 = base[stride]
        var r2 = base[2 * stride]
        var r3 = base[3 * stride]
        var r4 = base[4 * stride]
        var r5 = base[5 * stride]
        var r6 = base[6 * stride]
        var r7 = base[7 * stride]
        var i = 8
        let end = count - count % 8
        while i < end {
            let p = base + i * stride
            r0 += p[0]
            r1 += p[stride]
            r2 += p[2 * stride]
            r3 += p[3 * stride]
            r4 += p[4 * stride]
            r5 += p[5 * stride]
            r6 += p[6 * stride]
            r7 += p[7 * stride]
            i += 8
        }
        var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while i < count {
            result += base[i * stride]
            i += 1
        }
        return result
    }
    var half = count / 2
    half -= half % 8
    return pairwiseSum(base, half, stride: stride) + pairwiseSum(base + half * stride, count - half, stride: stride)
}

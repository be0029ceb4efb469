// MARK: - Histogram

/// Bin edges and counts as numpy's `np.histogram` computes them, so a ported `plt.hist`
/// draws the same bars.
///
/// Non-finite values are left out (matplotlib leaves NaN out; numpy would refuse ±inf
/// when it chooses the range).
struct Histogram: Equatable {
    var edges: [Double]
    var counts: [Double]

    /// `bins` equal bins from the smallest to the largest finite value (numpy widens an
    /// empty or one-value range to ±0.5 around it). Each bin holds `edges[i] <= v <
    /// edges[i+1]`, except the last, which also holds its right edge.
    init(_ values: [Double], bins: Int) {
        let finite = values.filter(\.isFinite)
        var first = finite.min() ?? 0
        var last = finite.max() ?? 1
        if first == last {
            first -= 0.5
            last += 0.5
        }
        edges = Self.linspace(first, last, count: bins + 1)
        counts = [Double](repeating: 0, count: bins)
        let scale = Double(bins) / (last - first)
        for value in finite {
            // A first guess from the value, then corrected against the edges themselves,
            // as numpy does, so rounding never puts a value in the wrong bin.
            var index = min(bins - 1, max(0, Int((value - first) * scale)))
            if value < edges[index] { index -= 1 }
            if index < bins - 1, value >= edges[index + 1] { index += 1 }
            counts[index] += 1
        }
    }

    /// Bins between the given edges, which must increase.
    init(_ values: [Double], edges: [Double]) {
        self.edges = edges
        counts = [Double](repeating: 0, count: max(0, edges.count - 1))
        guard let low = edges.first, let high = edges.last, edges.count >= 2 else { return }
        for value in values where value.isFinite && value >= low && value <= high {
            // The last edge that is <= value, found by bisection; the top edge belongs to the last bin.
            var lower = 0
            var upper = edges.count - 1
            while upper - lower > 1 {
                let middle = (lower + upper) / 2
                if edges[middle] <= value { lower = middle } else { upper = middle }
            }
            counts[value == high ? edges.count - 2 : lower] += 1
        }
    }

    /// numpy's `np.linspace(start, stop, count)`, value for value.
    static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let divisions = Double(count - 1)
        let delta = stop - start
        let step = delta / divisions
        var result = (0..<count).map { step == 0 ? Double($0) / divisions * delta + start : Double($0) * step + start }
        result[count - 1] = stop
        return result
    }
}

// MARK: - numpy's choice

extension RandomState {
    /// One integer from `0..<a`, uniformly or with probabilities `p`.
    /// numpy: `rs.choice(a, replace=True, p=None)`.
    public func choice(_ a: Int, replace: Bool = true, p: Tensor? = nil) -> Int {
        choose(a, shape: [], replace: replace, p: p)[0]
    }

    /// Integers (int64) from `0..<a` of the given shape, with or without
    /// replacement, uniformly or with probabilities `p`. numpy: `rs.choice(a, size, replace=True, p=None)`.
    public func choice<S: ShapeConvertible>(_ a: Int, size: S, replace: Bool = true, p: Tensor? = nil) -> Tensor {
        let shape = size.shapeValue
        return Tensor(unchecked: shape, elements: choose(a, shape: shape, replace: replace, p: p).map { Int64($0) })
    }

    /// One element of the rank-1 tensor `a` (a rank-0 tensor). numpy: `rs.choice(a, replace=True, p=None)`.
    public func choice(_ a: Tensor, replace: Bool = true, p: Tensor? = nil) -> Tensor {
        guard a.rank == 1 else { shapeFailure("choice: a must be 1-dimensional") }
        return a[positions: [.index(choose(a.count, shape: [], replace: replace, p: p)[0])]]
    }

    /// Elements of the rank-1 tensor `a`, in the given shape. numpy: `rs.choice(a, size, replace=True, p=None)`.
    public func choice<S: ShapeConvertible>(_ a: Tensor, size: S, replace: Bool = true, p: Tensor? = nil) -> Tensor {
        guard a.rank == 1 else { shapeFailure("choice: a must be 1-dimensional") }
        let shape = size.shapeValue
        let picks = Tensor(
            unchecked: shape, elements: choose(a.count, shape: shape, replace: replace, p: p).map { Int64($0) })
        return a[positions: [.array(picks)]]
    }

    /// numpy's `choice` on a population of `count`: the positions picked.
    private func choose(_ count: Int, shape: Shape, replace: Bool, p: Tensor?) -> [Int] {
        let size = shape.elementCount
        guard count > 0 || size == 0 else {
            shapeFailure("choice: a must be greater than 0 unless no samples are taken")
        }
        let probabilities = p.map { checkedProbabilities($0, count) }
        if replace {
            guard let probabilities else {
                return state.withLock { s in (0..<size).map { _ in Int(s.bounded(offset: 0, range: UInt64(count - 1))) }
                }
            }
            let cdf = Self.cdf(probabilities)
            return state.withLock { s in (0..<size).map { _ in Self.searchRight(cdf, s.double()) } }
        }
        guard size <= count else {
            shapeFailure("choice: Cannot take a larger sample than population when 'replace=False'")
        }
        guard var weights = probabilities else { return Array(shuffledOrder(count).prefix(size)) }
        guard weights.filter({ $0 > 0 }).count >= size else {
            shapeFailure("choice: Fewer non-zero entries in p than size")
        }
        var found: [Int] = []
        while found.count < size {
            let draws = state.withLock { s in (0..<(size - found.count)).map { _ in s.double() } }
            for i in found { weights[i] = 0 }
            let cdf = Self.cdf(weights)
            var seen = Set(found)
            for u in draws {
                let pick = Self.searchRight(cdf, u)
                if seen.insert(pick).inserted { found.append(pick) }
            }
        }
        return found
    }

    /// numpy's `cumsum` (left to right) divided by its last element.
    private static func cdf(_ weights: [Double]) -> [Double] {
        var total = 0.0
        let sums = weights.map {
            total += $0
            return total
        }
        return sums.map { $0 / total }
    }

    /// numpy's `searchsorted(side='right')`: how many elements are `<= value`.
    private static func searchRight(_ sorted: [Double], _ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if value < sorted[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private func checkedProbabilities(_ p: Tensor, _ count: Int) -> [Double] {
        guard p.rank == 1 else { shapeFailure("choice: 'p' must be 1-dimensional") }
        guard p.count == count else { shapeFailure("choice: 'a' and 'p' must have same size") }
        // numpy sums with Kahan's compensated summation and allows sqrt(eps) of error.
        var sum = 0.0
        var compensation = 0.0
        for value in p.scalars {
            let y = value - compensation
            let t = sum + y
            compensation = (t - sum) - y
            sum = t
        }
        guard !sum.isNaN else { shapeFailure("choice: probabilities contain NaN") }
        guard p.scalars.allSatisfy({ $0 >= 0 }) else { shapeFailure("choice: probabilities are not non-negative") }
        guard Swift.abs(sum - 1) <= Double.ulpOfOne.squareRoot() else {
            shapeFailure("choice: probabilities do not sum to 1")
        }
        return p.scalars
    }
}

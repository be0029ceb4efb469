/// `K/N`: the K-th (1-based) of N deterministic shares of a list of notebooks, for a CI
/// job matrix. Every notebook is in exactly one share, whatever order they are given in.
public struct Shard: Sendable, Equatable {
    public var index: Int
    public var count: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
            return nil
        }
        index = k
        count = n
    }

    /// The files of this share, in the order given; possibly none.
    public func select(_ files: [String]) -> [String] {
        let order = files.sorted()
        return files.filter { file in order.firstIndex(of: file)! % count == index - 1 }
    }

    public var description: String { "\(index)/\(count)" }
}

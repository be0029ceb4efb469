// MARK: - Shape

/// The extents of a tensor's axes, printed the way numpy prints `a.shape`:
/// `(3, 2)`, `(3,)` for one axis and `()` for a scalar.
///
/// numpy: `a.shape` (a tuple of ints).
///
/// A `Shape` is a collection of `Int`s that can be used wherever `[Int]` was:
/// index it (`shape[0]`), count it, map it, append to it, compare it with an
/// array literal (`t.shape == [2, 3]`) or with an `[Int]`. `Array(shape)` gives
/// the plain array. It encodes as a JSON array of numbers.
public struct Shape: Hashable, Sendable {
    /// The extents, outermost axis first. numpy: `list(a.shape)`.
    public var dimensions: [Int]

    /// A shape with the given extents; numpy: `(d0, d1, ...)`.
    public init(_ dimensions: [Int]) {
        self.dimensions = dimensions
    }

    /// The number of elements a tensor of this shape holds (1 for `()`); numpy: `np.prod(shape)`.
    public var elementCount: Int { dimensions.reduce(1, *) }
}

// MARK: - Collection

extension Shape: RandomAccessCollection, MutableCollection, RangeReplaceableCollection {
    /// The empty shape `()`; numpy: `()`.
    public init() { dimensions = [] }
    /// The first axis position (0); numpy: index 0 of the tuple.
    public var startIndex: Int { 0 }
    /// One past the last axis; numpy: `len(shape)`.
    public var endIndex: Int { dimensions.count }

    /// The extent of one axis; numpy: `shape[i]`.
    public subscript(position: Int) -> Int {
        get { dimensions[position] }
        set { dimensions[position] = newValue }
    }

    /// Replaces some extents; numpy: building a new tuple.
    public mutating func replaceSubrange<C: Collection>(_ subrange: Range<Int>, with newElements: C)
    where C.Element == Int {
        dimensions.replaceSubrange(subrange, with: newElements)
    }

    // The collection defaults would go through `replaceSubrange` with a generic
    // `CollectionOfOne`, which costs the XOR training loop several percent; these
    // forward to `Array`'s own fast versions.

    /// A shape with the extents of a sequence; numpy: `tuple(seq)`.
    public init<S: Sequence>(_ elements: S) where S.Element == Int {
        dimensions = Array(elements)
    }

    /// Adds an axis at the end; numpy: `shape + (n,)`.
    public mutating func append(_ extent: Int) {
        dimensions.append(extent)
    }

    /// Inserts an axis; numpy: `shape[:i] + (n,) + shape[i:]`.
    public mutating func insert(_ extent: Int, at position: Int) {
        dimensions.insert(extent, at: position)
    }

    /// Removes an axis and returns its extent; numpy: `shape[:i] + shape[i+1:]`.
    @discardableResult
    public mutating func remove(at position: Int) -> Int {
        dimensions.remove(at: position)
    }
}

extension Shape: ExpressibleByArrayLiteral {
    /// `[2, 3]` as a shape; numpy: `(2, 3)`.
    public init(arrayLiteral elements: Int...) {
        dimensions = elements
    }
}

extension Shape: CustomStringConvertible {
    /// numpy's tuple spelling: `()`, `(3,)`, `(2, 3)`; numpy: `str(a.shape)`.
    public var description: String {
        switch dimensions.count {
        case 0: return "()"
        case 1: return "(\(dimensions[0]),)"
        default: return "(" + dimensions.map(String.init).joined(separator: ", ") + ")"
        }
    }
}

extension Shape: Codable {
    /// Decodes a JSON array of integers; numpy: `tuple(json.load(f))`.
    public init(from decoder: any Decoder) throws {
        dimensions = try decoder.singleValueContainer().decode([Int].self)
    }

    /// Encodes as a JSON array of integers; numpy: `json.dump(list(shape), f)`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(dimensions)
    }
}

// MARK: - Comparing with [Int]

extension Shape {
    /// Whether the extents equal an array's; numpy: `a.shape == (2, 3)`.
    public static func == (lhs: Shape, rhs: [Int]) -> Bool { lhs.dimensions == rhs }
    /// Whether the extents equal an array's; numpy: `(2, 3) == a.shape`.
    public static func == (lhs: [Int], rhs: Shape) -> Bool { lhs == rhs.dimensions }
    /// Whether the extents differ from an array's; numpy: `a.shape != (2, 3)`.
    public static func != (lhs: Shape, rhs: [Int]) -> Bool { lhs.dimensions != rhs }
    /// Whether the extents differ from an array's; numpy: `(2, 3) != a.shape`.
    public static func != (lhs: [Int], rhs: Shape) -> Bool { lhs != rhs.dimensions }
}

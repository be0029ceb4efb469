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
    // A shape is a plain value of seven words, with no reference to count: up to six
    // extents inline, and a longer shape as the number of its extents in a process-wide
    // table (`LongShapes`). A result's shape used to be a heap array: one allocation
    // and a reference count more per operation, which the XOR benchmark's loop of
    // 4 × 4 tensors felt (callgrind).

    /// The number of axes.
    @usableFromInline var rank: Int
    /// The extents, 0 past `rank`; for more than six axes, `slots.0` is the extents'
    /// number in `LongShapes` and the rest are 0.
    @usableFromInline var slots: (Int, Int, Int, Int, Int, Int)

    /// How many extents fit inline.
    static let inlineCapacity = 6

    /// The extents, outermost axis first. numpy: `list(a.shape)`.
    public var dimensions: [Int] {
        get { rank > Self.inlineCapacity ? LongShapes.extents(slots.0) : Array(self) }
        set { self = Shape(newValue) }
    }

    /// A shape with the given extents; numpy: `(d0, d1, ...)`.
    public init(_ dimensions: [Int]) {
        self.init()
        if dimensions.count > Self.inlineCapacity {
            rank = dimensions.count
            slots.0 = LongShapes.number(of: dimensions)
        } else {
            rank = dimensions.count
            withSlots { for (i, extent) in dimensions.enumerated() { $0[i] = extent } }
        }
    }

    /// A shape of one axis.
    @inline(__always)
    init(_ d0: Int) {
        rank = 1
        slots = (d0, 0, 0, 0, 0, 0)
    }

    /// A shape of two axes.
    @inline(__always)
    init(_ d0: Int, _ d1: Int) {
        rank = 2
        slots = (d0, d1, 0, 0, 0, 0)
    }

    /// Runs `body` on the inline extents (all six slots).
    @inline(__always)
    private mutating func withSlots<Result>(_ body: (UnsafeMutableBufferPointer<Int>) -> Result) -> Result {
        withUnsafeMutablePointer(to: &slots) { tuple in
            tuple.withMemoryRebound(to: Int.self, capacity: Self.inlineCapacity) {
                body(UnsafeMutableBufferPointer(start: $0, count: Self.inlineCapacity))
            }
        }
    }

    /// The number of elements a tensor of this shape holds (1 for `()`); numpy: `np.prod(shape)`.
    public var elementCount: Int {
        var product = 1
        for extent in self { product *= extent }
        return product
    }

    /// Whether two shapes have the same extents; numpy: `a.shape == b.shape`.
    public static func == (lhs: Shape, rhs: Shape) -> Bool {
        lhs.rank == rhs.rank && lhs.slots == rhs.slots
    }

    /// Hashes the extents; numpy: `hash(a.shape)`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rank)
        for extent in self { hasher.combine(extent) }
    }
}

// MARK: - Collection

extension Shape: RandomAccessCollection, MutableCollection, RangeReplaceableCollection {
    /// The empty shape `()`; numpy: `()`.
    public init() {
        rank = 0
        slots = (0, 0, 0, 0, 0, 0)
    }
    /// The first axis position (0); numpy: index 0 of the tuple.
    public var startIndex: Int { 0 }
    /// One past the last axis; numpy: `len(shape)`.
    public var endIndex: Int { rank }

    /// The extent of one axis; numpy: `shape[i]`.
    public subscript(position: Int) -> Int {
        @inline(__always) get {
            precondition(position >= 0 && position < rank, "Index out of range")
            guard rank <= Self.inlineCapacity else { return LongShapes.extents(slots.0)[position] }
            switch position {
            case 0: return slots.0
            case 1: return slots.1
            case 2: return slots.2
            case 3: return slots.3
            case 4: return slots.4
            default: return slots.5
            }
        }
        set {
            precondition(position >= 0 && position < rank, "Index out of range")
            guard rank <= Self.inlineCapacity else {
                var extents = dimensions
                extents[position] = newValue
                self = Shape(extents)
                return
            }
            withSlots { $0[position] = newValue }
        }
    }

    /// Replaces some extents; numpy: building a new tuple.
    public mutating func replaceSubrange<C: Collection>(_ subrange: Range<Int>, with newElements: C)
    where C.Element == Int {
        var extents = dimensions
        extents.replaceSubrange(subrange, with: newElements)
        self = Shape(extents)
    }

    // The collection defaults would go through `replaceSubrange`, which builds arrays;
    // these keep a shape of up to six axes inline.

    /// A shape with the extents of a sequence; numpy: `tuple(seq)`.
    public init<S: Sequence>(_ elements: S) where S.Element == Int {
        self.init()
        for extent in elements { append(extent) }
    }

    /// Adds an axis at the end; numpy: `shape + (n,)`.
    public mutating func append(_ extent: Int) {
        if rank < Self.inlineCapacity {
            let slot = rank
            rank += 1
            self[slot] = extent
        } else {
            var extents = dimensions
            extents.append(extent)
            self = Shape(extents)
        }
    }

    /// Inserts an axis; numpy: `shape[:i] + (n,) + shape[i:]`.
    public mutating func insert(_ extent: Int, at position: Int) {
        precondition(position >= 0 && position <= rank, "Index out of range")
        guard rank < Self.inlineCapacity else {
            var extents = dimensions
            extents.insert(extent, at: position)
            self = Shape(extents)
            return
        }
        rank += 1
        var axis = rank - 1
        while axis > position {
            self[axis] = self[axis - 1]
            axis -= 1
        }
        self[position] = extent
    }

    /// Removes an axis and returns its extent; numpy: `shape[:i] + shape[i+1:]`.
    @discardableResult
    public mutating func remove(at position: Int) -> Int {
        let extent = self[position]
        guard rank <= Self.inlineCapacity else {
            var extents = dimensions
            extents.remove(at: position)
            self = Shape(extents)
            return extent
        }
        for axis in position..<(rank - 1) { self[axis] = self[axis + 1] }
        self[rank - 1] = 0
        rank -= 1
        return extent
    }
}

/// The extents of shapes of more than six axes, numbered, each kept once for the life of
/// the process: few programs make any, and a shape must stay a plain value.
enum LongShapes {
    private static let table = Locked<(all: [[Int]], numbers: [[Int]: Int])>(([], [:]))

    /// The number of `extents` in the table, added if new.
    static func number(of extents: [Int]) -> Int {
        table.withLock { table in
            if let number = table.numbers[extents] { return number }
            table.all.append(extents)
            table.numbers[extents] = table.all.count - 1
            return table.all.count - 1
        }
    }

    /// The extents numbered `number`.
    static func extents(_ number: Int) -> [Int] {
        table.withLock { $0.all[number] }
    }
}

extension Shape: ExpressibleByArrayLiteral {
    /// `[2, 3]` as a shape; numpy: `(2, 3)`.
    public init(arrayLiteral elements: Int...) {
        self.init(elements)
    }
}

extension Shape: CustomStringConvertible {
    /// numpy's tuple spelling: `()`, `(3,)`, `(2, 3)`; numpy: `str(a.shape)`.
    public var description: String {
        switch rank {
        case 0: return "()"
        case 1: return "(\(self[0]),)"
        default: return "(" + map(String.init).joined(separator: ", ") + ")"
        }
    }
}

extension Shape: Codable {
    /// Decodes a JSON array of integers; numpy: `tuple(json.load(f))`.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([Int].self))
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

import Foundation

// MARK: - Values the execution cache can keep

/// A value a cell marked `cache=true` declared, as the execution cache keeps it: a tensor
/// of any dtype, a number, a truth value, a string, or arrays and string-keyed
/// dictionaries of those. Anything else (a class instance, a closure, a struct of the
/// notebook's own) can't be kept, and the cell then runs every time.
@_spi(Runner) public indirect enum SavedValue: Codable, Equatable, Sendable {
    /// A tensor: its shape, its dtype's name and its values as float64 (checked to come back bit for bit).
    case tensor(shape: [Int], dtype: String, values: Data)
    case double(Double)
    case int(Int)
    case bool(Bool)
    case string(String)
    case array([SavedValue])
    case dictionary([String: SavedValue])
}

/// The types whose values the execution cache can keep, and how.
protocol CacheableValue {
    var savedValue: SavedValue? { get }
    init?(savedValue: SavedValue)
}

extension SavedValue {
    /// `value` as the cache keeps it, or nil when its type can't be kept or it wouldn't come back the same.
    static func saving(_ value: Any) -> SavedValue? {
        (value as? any CacheableValue)?.savedValue
    }

    /// The value of type `type` this stands for, or nil when `type` can't be kept or this isn't one.
    func restored<T>(as type: T.Type) -> T? {
        guard let cacheable = type as? any CacheableValue.Type else { return nil }
        return cacheable.init(savedValue: self) as? T
    }
}

extension Tensor: CacheableValue {
    var savedValue: SavedValue? {
        let values = scalars
        let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
        let saved = SavedValue.tensor(shape: Array(shape), dtype: dtype.description, values: data)
        // A dtype whose values float64 doesn't hold exactly (int64 beyond 2^53) isn't kept.
        guard let back = Tensor(savedValue: saved), back.isBitwiseIdentical(to: self) else { return nil }
        return saved
    }

    init?(savedValue: SavedValue) {
        guard case .tensor(let shape, let name, let data) = savedValue,
            let dtype = DType.allCases.first(where: { $0.description == name }),
            data.count % MemoryLayout<Double>.size == 0
        else { return nil }
        let values = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == values.count else { return nil }
        self.init(shape: Shape(shape), scalars: values, dtype: dtype)
    }
}

extension Double: CacheableValue {
    var savedValue: SavedValue? { .double(self) }
    init?(savedValue: SavedValue) {
        guard case .double(let value) = savedValue else { return nil }
        self = value
    }
}

extension Int: CacheableValue {
    var savedValue: SavedValue? { .int(self) }
    init?(savedValue: SavedValue) {
        guard case .int(let value) = savedValue else { return nil }
        self = value
    }
}

extension Bool: CacheableValue {
    var savedValue: SavedValue? { .bool(self) }
    init?(savedValue: SavedValue) {
        guard case .bool(let value) = savedValue else { return nil }
        self = value
    }
}

extension String: CacheableValue {
    var savedValue: SavedValue? { .string(self) }
    init?(savedValue: SavedValue) {
        guard case .string(let value) = savedValue else { return nil }
        self = value
    }
}

extension Array: CacheableValue where Element: CacheableValue {
    var savedValue: SavedValue? {
        var saved: [SavedValue] = []
        saved.reserveCapacity(count)
        for element in self {
            guard let value = element.savedValue else { return nil }
            saved.append(value)
        }
        return .array(saved)
    }

    init?(savedValue: SavedValue) {
        guard case .array(let saved) = savedValue else { return nil }
        var elements: [Element] = []
        for value in saved {
            guard let element = Element(savedValue: value) else { return nil }
            elements.append(element)
        }
        self = elements
    }
}

extension Dictionary: CacheableValue where Key == String, Value: CacheableValue {
    var savedValue: SavedValue? {
        var saved: [String: SavedValue] = [:]
        for (key, element) in self {
            guard let value = element.savedValue else { return nil }
            saved[key] = value
        }
        return .dictionary(saved)
    }

    init?(savedValue: SavedValue) {
        guard case .dictionary(let saved) = savedValue else { return nil }
        var elements: [String: Value] = [:]
        for (key, value) in saved {
            guard let element = Value(savedValue: value) else { return nil }
            elements[key] = element
        }
        self = elements
    }
}

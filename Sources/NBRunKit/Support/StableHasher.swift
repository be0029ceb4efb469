import Foundation
import RuntimeBuildSpec

/// A 64-bit FNV-1a hash that is the same on every run and machine (unlike `Hasher`),
/// for cache keys: each text or data combined is followed by a byte no UTF-8 text holds.
public struct StableHasher {
    private var fnv = FNV1a()

    public init() {}

    public mutating func combine(_ text: String) {
        fnv.add(text.utf8)
        fnv.add(0xFF)  // a separator no UTF-8 text contains, so ("ab","c") != ("a","bc")
    }

    public mutating func combine(_ data: Data) {
        fnv.add(data)
        fnv.add(0xFF)
    }

    public var hexDigest: String { fnv.hexDigest }
}

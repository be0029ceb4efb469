import Foundation

/// A 64-bit FNV-1a hash that is the same on every run and machine (unlike `Hasher`),
/// for cache keys.
public struct StableHasher {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ text: String) {
        for byte in text.utf8 { add(byte) }
        add(0xFF)  // a separator no UTF-8 text contains, so ("ab","c") != ("a","bc")
    }

    public mutating func combine(_ data: Data) {
        data.withUnsafeBytes { buffer in
            for byte in buffer { add(byte) }
        }
        add(0xFF)
    }

    private mutating func add(_ byte: UInt8) {
        state ^= UInt64(byte)
        state &*= 0x100_0000_01b3
    }

    public var hexDigest: String {
        let hex = String(state, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

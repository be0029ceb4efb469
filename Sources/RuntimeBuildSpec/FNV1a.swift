import Foundation

/// FNV-1a, 64 bits: a hash that is the same on every run and machine (unlike `Hasher`),
/// for cache keys and the digests in a runtime library's stamp. Not a cryptographic hash:
/// it tells a damaged or different file from the expected one, not a forged one.
public struct FNV1a: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// The digest of `data` alone, as 16 hex digits.
    public static func digest(of data: Data) -> String {
        var hasher = FNV1a()
        hasher.add(data)
        return hasher.hexDigest
    }

    /// Adds the bytes of `data`, read from its buffer (a library of megabytes is digested
    /// before each compile).
    public mutating func add(_ data: Data) {
        data.withUnsafeBytes { buffer in
            for byte in buffer { add(byte) }
        }
    }

    public mutating func add(_ text: String.UTF8View) {
        for byte in text { add(byte) }
    }

    public mutating func add(_ byte: UInt8) {
        state ^= UInt64(byte)
        state &*= 0x100_0000_01b3
    }

    public var value: UInt64 { state }

    /// The state as 16 hex digits, zero-padded.
    public var hexDigest: String {
        let hex = String(state, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

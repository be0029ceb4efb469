import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where the preview listens: loopback (127.0.0.1) unless the user names another address.
public struct PreviewAddress: Sendable, Equatable {
    /// An IPv4 or IPv6 address, or `localhost`.
    public var host: String
    /// The TCP port; 0 lets the system pick a free one.
    public var port: UInt16

    public init(host: String = "127.0.0.1", port: UInt16 = 8000) {
        self.host = host
        self.port = port
    }

    /// True for addresses only this machine can reach.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The address to bind: `host`, with `localhost` as 127.0.0.1; throws for a host that
    /// isn't an IP address (a name would be looked up, and could mean anything).
    func bindHost() throws(PreviewError) -> String {
        if host == "localhost" { return "127.0.0.1" }
        guard Self.isIPAddress(host) else { throw .badHost(host) }
        return host
    }

    static func isIPAddress(_ text: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, text, &buffer) == 1 || inet_pton(AF_INET6, text, &buffer) == 1
    }

    /// The page's address once the server listens on `port`.
    public func url(port: UInt16) -> URL {
        let name = host.contains(":") ? "[\(host)]" : host
        return URL(string: "http://\(name):\(port)/")!
    }

    /// Whether a request's `Host` header names this preview: `127.0.0.1:PORT`,
    /// `localhost:PORT`, `[::1]:PORT` or the `--host` given, with the port it listens on.
    ///
    /// A page elsewhere on the web can make a browser send requests here under a name of
    /// its own (DNS rebinding: `attacker.example` resolving to 127.0.0.1), and read the
    /// answers as its own; a name that isn't one of these gets 403. A preview bound to every
    /// interface (`--host 0.0.0.0` or `::`) also answers to any IP address, which no DNS
    /// name can stand for, but still to no other name.
    func accepts(hostHeader: String?, port: Int) -> Bool {
        guard let hostHeader else { return false }
        let name: Substring
        let rest: Substring
        if hostHeader.hasPrefix("["), let end = hostHeader.firstIndex(of: "]") {
            name = hostHeader[hostHeader.index(after: hostHeader.startIndex)..<end]
            rest = hostHeader[hostHeader.index(after: end)...]
        } else {
            let parts = hostHeader.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            name = parts[0]
            rest = parts.count > 1 ? hostHeader[hostHeader.index(name.endIndex, offsetBy: 0)...] : ""
        }
        // Browsers leave the port out only when it is HTTP's own.
        guard rest == ":\(port)" || (rest.isEmpty && port == 80) else { return false }
        if ["127.0.0.1", "localhost", "::1", host].contains(String(name)) { return true }
        return ["0.0.0.0", "::"].contains(host) && Self.isIPAddress(String(name))
    }

    /// The names ``accepts(hostHeader:port:)`` takes, for the message that refuses others.
    var names: String {
        let given = ["127.0.0.1", "localhost", "::1"].contains(host) ? [] : [host.contains(":") ? "[\(host)]" : host]
        return (["127.0.0.1", "localhost", "[::1]"] + given).joined(separator: ", ") + " (with its port)"
    }
}

/// Why the preview can't start.
public enum PreviewError: Error, Equatable, Sendable, LocalizedError {
    case badHost(String)
    case cannotListen(String, String)
    case cannotWatch(String)
    case noBrowserOpener

    public var errorDescription: String? {
        switch self {
        case .badHost(let host):
            "--host \(host): give an IP address, such as 127.0.0.1 (the default), ::1 or 0.0.0.0"
        case .cannotListen(let address, let reason):
            "can't listen on \(address): \(reason); choose another port with --port (0 picks a free one)"
        case .cannotWatch(let reason):
            reason
        case .noBrowserOpener:
            "can't find xdg-open (Debian package xdg-utils) to open a browser"
        }
    }
}

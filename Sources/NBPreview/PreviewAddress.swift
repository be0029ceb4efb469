import FlyingSocks
import Foundation

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

    /// The socket address to bind; throws for a host that isn't an IP address.
    func socketAddress() throws(PreviewError) -> any SocketAddress {
        do {
            if host == "localhost" { return try sockaddr_in.inet(ip4: "127.0.0.1", port: port) }
            if host.contains(":") { return try sockaddr_in6.inet6(ip6: host, port: port) }
            return try sockaddr_in.inet(ip4: host, port: port)
        } catch {
            throw .badHost(host)
        }
    }

    /// The page's address once the server listens on `port`.
    public func url(port: UInt16) -> URL {
        let name = host.contains(":") ? "[\(host)]" : host
        return URL(string: "http://\(name):\(port)/")!
    }

    /// Whether a request's `Host` header names this machine. A page elsewhere on the web
    /// can make a browser send requests here under its own name (DNS rebinding); a
    /// loopback preview answers only to loopback names.
    func accepts(hostHeader: String?) -> Bool {
        guard isLoopback else { return true }
        guard let hostHeader else { return false }
        let name: Substring
        if hostHeader.hasPrefix("["), let end = hostHeader.firstIndex(of: "]") {
            name = hostHeader[hostHeader.index(after: hostHeader.startIndex)..<end]
        } else {
            name = hostHeader.split(separator: ":", maxSplits: 1).first ?? ""
        }
        return name == "localhost" || name == "::1" || name.hasPrefix("127.")
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

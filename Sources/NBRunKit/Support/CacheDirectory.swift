import Foundation

/// Where nbrun keeps what it compiled: `$XDG_CACHE_HOME/nbrun`, else `~/.cache/nbrun`.
public enum CacheDirectory {
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("nbrun", isDirectory: true)
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/nbrun", isDirectory: true)
    }
}

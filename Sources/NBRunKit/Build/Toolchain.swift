import Foundation
import RuntimeBuildSpec

/// The Swift compiler nbrun builds notebooks with.
public struct Toolchain: Sendable, Equatable {
    /// The `swiftc` to run.
    public var swiftc: URL

    public init(swiftc: URL) {
        self.swiftc = swiftc
    }

    /// Finds `swiftc`: `override` first, then `$NBRUN_SWIFTC`, then `PATH`.
    public static func locate(
        swiftc override: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    )
        throws(BuildError) -> Toolchain
    {
        if let path = override ?? environment["NBRUN_SWIFTC"] {
            guard FileManager.default.isExecutableFile(atPath: path) else { throw .compilerNotFound(path) }
            return Toolchain(swiftc: URL(fileURLWithPath: path))
        }
        for dir in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(dir)/swiftc"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return Toolchain(swiftc: URL(fileURLWithPath: candidate))
            }
        }
        throw .compilerNotFound(nil)
    }

    /// A cheap fingerprint of the compiler: its resolved path, size and modification time.
    ///
    /// Cheaper than running `swiftc -version` on every run; any reinstall changes it.
    var fingerprint: String { RuntimeBuildSpec.fingerprint(ofCompilerAt: swiftc) }
}

import Foundation

/// Which debuggers can be used on a notebook's program here, found by starting them.
///
/// A notebook's program carries line tables that name notebook lines (through
/// `#sourceLocation`), so a debugger stops at `notebook.md:LINE`; only lldb shows Swift
/// values. The Swift toolchain's lldb needs the Python it was built with (libpython3.10
/// for the Linux toolchains built on Ubuntu 22.04), which Debian 12 lacks, so there it
/// doesn't start at all.
public enum Debuggers {
    /// One line per debugger: where it is and whether it starts, with the reason when it doesn't.
    public static func report(swiftc: URL?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> [String]
    {
        let besideSwiftc = swiftc.map { $0.resolvingSymlinksInPath().deletingLastPathComponent().path }
        return [
            status(of: "lldb", in: [besideSwiftc].compactMap { $0 }, environment: environment),
            status(of: "gdb", in: [], environment: environment)
        ]
    }

    private static func status(of name: String, in folders: [String], environment: [String: String]) -> String {
        let path = (folders + (environment["PATH"] ?? "").split(separator: ":").map(String.init))
            .map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { return "\(name): not installed" }
        let output: ProcessOutput
        do {
            output = try SystemProcessRunner().run(
                URL(fileURLWithPath: path), ["--version"], environment: nil, directory: nil,
                deadline: Date().addingTimeInterval(10))
        } catch {
            return "\(name): can't start: \(error.localizedDescription) (\(path))"
        }
        let said =
            String(decoding: output.stdout + output.stderr, as: UTF8.self)
            .split(separator: "\n").first.map(String.init) ?? ""
        guard output.status == 0, !output.signaled else {
            return "\(name): doesn't start here: \(said) (\(path))"
        }
        return "\(name): starts: \(said) (\(path))"
    }
}

import Foundation
import TestSupport
import Testing

@testable import NBRunKit

#if canImport(Glibc)
    import Glibc
#endif

/// What a notebook starts ends with it: at its timeout, when nbrun is interrupted, and when
/// nbrun itself is killed.
@Suite(.serialized) struct ProcessLifetimeTests {
    /// Whether `pid` is still a live process (a zombie waiting for its parent counts as gone).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    /// Waits up to `seconds` for `pid` to be gone.
    static func waitUntilGone(_ pid: Int32, seconds: Double = 3) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while isAlive(pid), Date() < deadline { usleep(20_000) }
        return !isAlive(pid)
    }

    /// Reads the pid a cell wrote into `file`, waiting up to `seconds` for it to appear.
    static func pid(in file: URL, seconds: Double = 120) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let text = try? String(contentsOf: file, encoding: .utf8), text.hasSuffix("\n"),
                let pid = Int32(text.dropLast())
            {
                return pid
            }
            usleep(50_000)
        }
        return nil
    }

    @Test func aTimeoutKillsWhatTheCellStartedInASessionOfItsOwn() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("sleeper.md")
        // Foundation's Process starts `sleep` in a new session, out of the program's process group.
        try """
        ```swift-cell
        import Foundation
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["300"]
        try sleeper.run()
        try "\\(sleeper.processIdentifier)\\n".write(toFile: "sleep.pid", atomically: true, encoding: .utf8)
        while true { Thread.sleep(forTimeInterval: 0.1) }
        ```

        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try nbrun("render", file.path, "--to", "md", "-o", "-", "--timeout", "5")
        #expect(result.status == 1)
        #expect(result.stderr.contains("timed out"), "\(result.stderr)")
        let sleeper = try #require(Self.pid(in: dir.appendingPathComponent("sleep.pid"), seconds: 1))
        #expect(Self.waitUntilGone(sleeper), "sleep \(sleeper) outlived the notebook's timeout")
        if Self.isAlive(sleeper) { kill(sleeper, SIGKILL) }
    }

    @Test func aKilledNBRunTakesTheProgramWithIt() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("loop.md")
        try """
        ```swift-cell
        import Foundation
        try "\\(ProcessInfo.processInfo.processIdentifier)\\n".write(toFile: "program.pid", atomically: true, encoding: .utf8)
        var spins = 0
        while true { spins &+= 1 }
        ```

        """.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = Fixture.productsDirectory.appendingPathComponent("nbrun")
        process.arguments = ["render", file.path, "--to", "md", "-o", "/dev/null"]
        process.environment = ProcessInfo.processInfo.environment.merging(["XDG_CACHE_HOME": testCache]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let program = try #require(Self.pid(in: dir.appendingPathComponent("program.pid")))
        #expect(Self.isAlive(program))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(Self.waitUntilGone(program), "the notebook's program \(program) outlived nbrun")
        if Self.isAlive(program) { kill(program, SIGKILL) }
    }

    @Test func ctrlCKillsTheProgramAndWhatItStarted() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("interrupted.md")
        try """
        ```swift-cell
        import Foundation
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["300"]
        try sleeper.run()
        try "\\(sleeper.processIdentifier)\\n".write(toFile: "sleep.pid", atomically: true, encoding: .utf8)
        try "\\(ProcessInfo.processInfo.processIdentifier)\\n".write(toFile: "program.pid", atomically: true, encoding: .utf8)
        while true { Thread.sleep(forTimeInterval: 0.1) }
        ```

        """.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = Fixture.productsDirectory.appendingPathComponent("nbrun")
        process.arguments = ["render", file.path, "--to", "md", "-o", "/dev/null"]
        process.environment = ProcessInfo.processInfo.environment.merging(["XDG_CACHE_HOME": testCache]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let program = try #require(Self.pid(in: dir.appendingPathComponent("program.pid")))
        let sleeper = try #require(Self.pid(in: dir.appendingPathComponent("sleep.pid"), seconds: 1))
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(Self.waitUntilGone(program))
        #expect(Self.waitUntilGone(sleeper))
        for pid in [program, sleeper] where Self.isAlive(pid) { kill(pid, SIGKILL) }
    }
}

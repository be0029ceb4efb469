import Foundation
import TestSupport
import Testing

@testable import NBRunKit

#if canImport(Glibc)
    import Glibc
#endif

/// What a cell prints is kept within `--max-output` (plus a tail), in memory too.
@Suite(.serialized) struct OutputBoundsTests {
    /// nbrun's peak resident memory in bytes (VmHWM), read until it exits.
    private func peakMemory(of process: Process) -> Int {
        var peak = 0
        while process.isRunning {
            if let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
            {
                peak = max(peak, kilobytes * 1024)
            }
            usleep(20_000)
        }
        return peak
    }

    @Test func aCellPrinting200MBCostsNBRunLittleMemory() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("loud.md")
        try """
        ```swift-cell
        let line = String(repeating: "x", count: 1023) + "\\n"
        for _ in 0..<200_000 { print(line, terminator: "") }
        ```

        """.write(to: file, atomically: true, encoding: .utf8)
        let report = dir.appendingPathComponent("loud.json")
        let process = Process()
        process.executableURL = Fixture.productsDirectory.appendingPathComponent("nbrun")
        process.arguments = ["render", file.path, "--to", "json", "-o", report.path, "--max-output", "1048576"]
        process.environment = ProcessInfo.processInfo.environment.merging(["XDG_CACHE_HOME": testCache]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let peak = peakMemory(of: process)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // It was 766 MB when nbrun kept the whole stream; the report alone holds 1 MiB of it.
        #expect(peak < 200 << 20, "nbrun peaked at \(peak >> 20) MB")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
        let stdout = try #require((json?["cells"] as? [[String: Any]])?.first?["stdout"] as? String)
        #expect(stdout.hasPrefix(String(repeating: "x", count: 1023) + "\n"))
        #expect(
            stdout.hasSuffix(
                "[nbrun: output cut at 1048576 bytes; \(200_000 * 1024 - 1_048_576) more bytes not shown]\n"))
    }
}

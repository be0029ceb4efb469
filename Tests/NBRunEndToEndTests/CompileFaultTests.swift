import Foundation
import TestSupport
import Testing

@testable import NBRunKit

#if canImport(Glibc)
    import Glibc
#endif

/// A compiler that fails for reasons of the machine (killed, no module cache, a damaged
/// runtime library) is never taken for a verdict on the notebook: nothing is cached, the
/// compile is tried again, and what can be repaired is.
@Suite(.serialized) struct CompileFaultTests {
    /// A notebook whose one cell takes swiftc a moment, and a private cache with the runtime in it.
    private func scratch() throws -> (dir: URL, file: URL, environment: [String: String]) {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("n.md")
        let lines = (0..<300).map { "let v\($0) = [Double](repeating: \($0), count: 3).reduce(0, +)" }
        try ("```swift-cell\n" + lines.joined(separator: "\n") + "\nprint(v299)\n```\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let environment = [
            "XDG_CACHE_HOME": dir.appendingPathComponent("cache").path, "NBRUN_TEST_MARK": UUID().uuidString
        ]
        return (dir, file, environment)
    }

    /// Runs nbrun while killing (with SIGKILL, as the OOM killer does) up to `kills` of the
    /// swift-frontend processes it starts, as they appear. Returns the run and how many were killed.
    private func nbrunKillingFrontends(
        _ arguments: [String], environment: [String: String], kills: Int
    ) throws -> (CommandResult, killed: Int) {
        let mark = "NBRUN_TEST_MARK=\(environment["NBRUN_TEST_MARK"]!)"
        let done = Shared(false)
        let killed = Shared(0)
        let killer = Thread {
            var seen: Set<Int32> = []
            while !done.value, killed.value < kills {
                for pid in Self.processes(named: "swift-frontend", marked: mark) where !seen.contains(pid) {
                    seen.insert(pid)
                    if kill(pid, SIGKILL) == 0 { killed.update { $0 += 1 } }
                    if killed.value == kills { break }
                }
                usleep(5_000)
            }
        }
        killer.start()
        defer { done.update { $0 = true } }
        let result = try nbrun(arguments, environment: environment)
        done.update { $0 = true }
        return (result, killed.value)
    }

    /// The processes called `name` whose environment holds `mark`.
    private static func processes(named name: String, marked mark: String) -> [Int32] {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { Int32($0) } ?? []
        return pids.filter { pid in
            let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
            guard comm.hasPrefix(name) else { return false }
            let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ") ?? Data()
            return environ.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == mark }
        }
    }

    @Test func aFrontendKilledOnceIsCompiledAgainAndTheRunSucceeds() throws {
        let (dir, file, environment) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (run, killed) = try nbrunKillingFrontends(
            ["render", file.path, "--to", "md", "-o", "-"], environment: environment, kills: 1)
        #expect(killed == 1)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("```text\n897.0\n```"))
    }

    @Test func aFrontendKilledEveryTimeIsAnEnvironmentErrorAndNothingIsCached() throws {
        let (dir, file, environment) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (run, killed) = try nbrunKillingFrontends(
            ["render", file.path, "--to", "md", "-o", "-"], environment: environment, kills: 2)
        #expect(killed == 2)
        #expect(run.status == 2)
        #expect(run.stderr.contains("the compiler was killed by signal 9 (nothing was cached)"), "\(run.stderr)")
        #expect(run.stderr.contains("free some and run nbrun again"))
        #expect(!run.stderr.contains(" ok in "), "no summary claims the cells ran")
        // The next run, with nothing killed, compiles and runs the notebook.
        let rerun = try nbrun("render", file.path, "--to", "md", "-o", "-", environment: environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("```text\n897.0\n```"))
    }

    @Test func aModuleCacheThatCantBeWrittenIsReportedWithItsFixAndNotCached() throws {
        let (dir, file, environment) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // swiftc keeps clang's module cache in XDG_CACHE_HOME/clang: make that a file.
        let clang = dir.appendingPathComponent("cache/clang")
        try FileManager.default.createDirectory(
            at: clang.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data().write(to: clang)
        let run = try nbrun("render", file.path, "--to", "md", "-o", "-", environment: environment)
        #expect(run.status == 2)
        #expect(run.stderr.contains("the compiler can't write its module cache (nothing was cached)"), "\(run.stderr)")
        #expect(run.stderr.contains("`rm -rf \(clang.path)/ModuleCache` clears it"))
        #expect(!run.stderr.contains(" ok in "))
        try FileManager.default.removeItem(at: clang)
        let rerun = try nbrun("render", file.path, "--to", "md", "-o", "-", environment: environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("```text\n897.0\n```"))
    }

    @Test(arguments: ["truncated", "deleted", "same size, other bytes"])
    func aDamagedRuntimeLibraryIsReplacedBeforeItIsUsed(damage: String) throws {
        let (dir, file, environment) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try nbrun("render", file.path, "--to", "md", "-o", "-", environment: environment).status == 0)
        let cache = dir.appendingPathComponent("cache/nbrun")
        let runtime = try #require(
            try FileManager.default.contentsOfDirectory(atPath: cache.path).first { $0.hasPrefix("runtime-") })
        let library = cache.appendingPathComponent("\(runtime)/libNBRuntime.so")
        let bytes = try Data(contentsOf: library)
        switch damage {
        case "truncated": try bytes.prefix(bytes.count / 2).write(to: library)
        case "deleted": try FileManager.default.removeItem(at: library)
        default: try (bytes.prefix(bytes.count / 2) + Data(count: bytes.count - bytes.count / 2)).write(to: library)
        }
        // The cached program (its run checks the library's size), and a program that must be
        // compiled against the library (the compile checks its digest too, so it goes first
        // when only the bytes differ).
        let other = dir.appendingPathComponent("other.md")
        try "```swift-cell\nprint(6 * 7)\n```\n".write(to: other, atomically: true, encoding: .utf8)
        let sameSize = damage == "same size, other bytes"
        var compiled =
            sameSize ? try nbrun("render", other.path, "--to", "md", "-o", "-", environment: environment) : nil
        let cached = try nbrun("render", file.path, "--to", "md", "-o", "-", environment: environment)
        compiled = try compiled ?? nbrun("render", other.path, "--to", "md", "-o", "-", environment: environment)
        let compiledRun = try #require(compiled)
        #expect(cached.status == 0, "\(cached.stderr)")
        #expect(cached.stdout.contains("```text\n897.0\n```"))
        #expect(compiledRun.status == 0, "\(compiledRun.stderr)")
        #expect(compiledRun.stdout.contains("```text\n42\n```"))
        #expect(try Data(contentsOf: library) == bytes)
    }
}

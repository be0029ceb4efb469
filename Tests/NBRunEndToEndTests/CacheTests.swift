import Foundation
import TestSupport
import Testing

@testable import NBRunKit

/// The program cache: content-addressed, safe to share, and never trusted blindly.
@Suite(.serialized) struct CacheTests {
    private func scratch() throws -> (dir: URL, file: URL, environment: [String: String]) {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("n.md")
        try "```swift-cell\nlet x = 6 * 7\nprint(x)\n```\n".write(to: file, atomically: true, encoding: .utf8)
        // A private cache: nbrun copies the runtime library `swift build` compiled into it.
        let cache = dir.appendingPathComponent("cache")
        return (dir, file, ["XDG_CACHE_HOME": cache.path])
    }

    // nbrun builds the library as `swift build` prebuilt it, but with `-Onone`
    // (NBRUN_RUNTIME_OPTIMIZATION=none): the same embedded sources, includes and stamp, in
    // 12 s of CPU instead of the 130 s that `-O` takes, which `swift build` has just spent.
    @Test func theRuntimeIsBuiltOnlyWhenAProgramNeedsItAndSaysSo() throws {
        let (dir, file, environment) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let prose = dir.appendingPathComponent("prose.md")
        try "# Only prose\n\nNo cells.\n".write(to: prose, atomically: true, encoding: .utf8)
        let plain = try nbrun("render", prose.path, "--to", "md", "-o", "-", environment: environment)
        #expect(plain.status == 0, "\(plain.stderr)")
        let cache = dir.appendingPathComponent("cache/nbrun")
        let runtimes = {
            (try? FileManager.default.contentsOfDirectory(atPath: cache.path))?.filter { $0.hasPrefix("runtime-") }
                ?? []
        }
        #expect(runtimes().isEmpty)
        // As when nbrun was copied away from the build that compiled a runtime beside it.
        let compiling = environment.merging(
            ["NBRUN_PREBUILT_RUNTIME": "ignore", "NBRUN_RUNTIME_OPTIMIZATION": "none"]) { $1 }
        let first = try nbrun("render", file.path, "--to", "md", "-o", "-", environment: compiling)
        #expect(
            first.stderr.hasPrefix("nbrun: building its runtime library for this swiftc (once, a minute or two)…\n"))
        #expect(first.stdout.contains("```text\n42\n```"), "\(first.stderr)")
        let built = try #require(runtimes().first)
        #expect(runtimes().count == 1)
        let stamp = try String(
            contentsOf: cache.appendingPathComponent("\(built)/nbrun-runtime.stamp"), encoding: .utf8)
        #expect(stamp.hasPrefix("flags -Onone -wmo "), "\(stamp.prefix(80))")
        // Still nothing to adopt: the library it built is used, not built again.
        let second = try nbrun("render", file.path, "--to", "md", "-o", "-", environment: compiling)
        #expect(!second.stderr.contains("building"), "\(second.stderr)")
        #expect(second.stdout.contains("```text\n42\n```"))
        #expect(runtimes() == [built])
        // The unoptimized library is never taken for the optimized one: without the knob,
        // nbrun copies the prebuilt library into a folder of its own.
        let optimized = try nbrun("render", file.path, "--to", "md", "-o", "-", environment: environment)
        #expect(!optimized.stderr.contains("building"), "\(optimized.stderr)")
        #expect(runtimes().count == 2)
    }

    @Test func aCorruptCachedProgramIsRebuiltNotRun() throws {
        let (dir, file, environment) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try nbrun("render", file.path, "--to", "md", "-o", "-", environment: environment).status == 0)
        let programs = dir.appendingPathComponent("cache/nbrun/programs")
        let entries = try FileManager.default.contentsOfDirectory(atPath: programs.path).filter {
            !$0.hasPrefix("tmp-")
        }
        #expect(entries.count == 1)
        let executable = programs.appendingPathComponent("\(entries[0])/notebook")
        // Truncate the cached executable, as a full disk or a killed copy might.
        let data = try Data(contentsOf: executable)
        try data.prefix(data.count / 2).write(to: executable)
        let rerun = try nbrun("render", file.path, "--to", "md", "-o", "-", environment: environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("```text\n42\n```"))
        #expect(try Data(contentsOf: executable).count == data.count)
    }

    @Test func severalNBRunsOnOneNotebookAllSucceedWithWholeReports() throws {
        let (dir, file, environment) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let results = parallelMap(Array(0..<4), jobs: 4) { index in
            let report = dir.appendingPathComponent("r\(index).json").path
            return try? nbrun("render", file.path, "--to", "json", "-o", report, environment: environment)
        }.compactMap { $0 }
        #expect(results.count == 4)
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
        for index in 0..<4 {
            let json = try JSONSerialization.jsonObject(
                with: Data(contentsOf: dir.appendingPathComponent("r\(index).json")))
            let cells = (json as? [String: Any])?["cells"] as? [[String: Any]]
            #expect(cells?.first?["stdout"] as? String == "42\n")
        }
    }

    @Test func cacheInfoAndClean() throws {
        let (dir, file, environment) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try nbrun("render", file.path, "-o", "/dev/null", "--to", "json", environment: environment).status == 0)
        let info = try nbrun("cache", "info", environment: environment)
        #expect(info.stdout.contains("programs: 1 "))
        #expect(try nbrun("cache", "clean", environment: environment).status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("cache/nbrun").path))
    }

    @Test func aFirstRunAfterSwiftBuildUsesTheRuntimeItCompiled() throws {
        let (dir, file, environment) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try nbrun("render", file.path, "--to", "md", "-o", "-", environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stderr.contains("building"), "\(first.stderr)")
        #expect(first.stdout.contains("42"))
        // The stamp comes only with a library `swift build` compiled.
        let cache = dir.appendingPathComponent("cache/nbrun")
        let runtimes = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter {
            $0.hasPrefix("runtime-")
        }
        #expect(runtimes.count == 1)
        #expect(
            FileManager.default.fileExists(
                atPath: cache.appendingPathComponent(runtimes[0]).appendingPathComponent("nbrun-runtime.stamp").path))
    }

    @Test func aCellsAnalysisIsKeptAndNeverTrustedForOtherCode() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = SyntaxCache(directory: dir)
        let analysis = cache.analysis(of: "let a = 1\nprint(a)\n")
        #expect(analysis.syntax.declarations.map(\.name) == ["a"])
        #expect(analysis.highlighted.count == 2)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(files.count == 1)
        #expect(cache.analysis(of: "let a = 1\nprint(a)\n") == analysis)
        // An entry that was made from other code (a hash collision, a hand edit) is not used.
        let other = dir.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        _ = SyntaxCache(directory: other).analysis(of: "let b = 2\n")
        let foreign = try FileManager.default.contentsOfDirectory(atPath: other.path)[0]
        try FileManager.default.removeItem(at: dir.appendingPathComponent(files[0]))
        try FileManager.default.copyItem(
            at: other.appendingPathComponent(foreign), to: dir.appendingPathComponent(files[0]))
        #expect(cache.analysis(of: "let a = 1\nprint(a)\n").syntax.declarations.map(\.name) == ["a"])
        // A damaged one is parsed again.
        try "{ not json".write(to: dir.appendingPathComponent(files[0]), atomically: true, encoding: .utf8)
        #expect(cache.analysis(of: "let a = 1\nprint(a)\n") == analysis)
    }
}

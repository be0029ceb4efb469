import Foundation
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    /// `nbrun cache info` accounts for every file of the cache, in binary units.
    @Suite struct CacheDirectoryTests {
        private func write(_ bytes: Int, to path: String, in root: URL) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(count: bytes).write(to: url)
        }

        @Test func infoListsEveryCacheInMiBAndGiB() throws {
            let root = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: root) }
            // Two programs (a folder each), a runtime, parses, typeset math, KaTeX's assets, compile jobs.
            try write(3 << 20, to: "programs/aa/main", in: root)
            try write(1 << 20, to: "programs/bb/main", in: root)
            try write(5 << 20, to: "runtime-0123/libNBRuntime.so", in: root)
            try write(512 << 10, to: "syntax/x.json", in: root)
            try write(256 << 10, to: "syntax/y.json", in: root)
            try write(100 << 10, to: "math/f.json", in: root)
            try write(2 << 20, to: "katex-abc.json", in: root)
            try write(100 << 10, to: "jobs/0123abcd", in: root)
            try write(10, to: "runtime.lock", in: root)
            // Two cells in the execution cache, and one entry half-written (not counted as a cell).
            try write(300 << 10, to: "executions/k1/values.json", in: root)
            try write(100 << 10, to: "executions/k1/outputs.json", in: root)
            try write(200 << 10, to: "executions/k2/values.json", in: root)
            try write(200 << 10, to: "executions/k2/outputs.json", in: root)
            try write(10, to: "executions/.k3-tmp/values.json", in: root)
            #expect(
                CacheDirectory.info(root: root) == """
                    cache: \(root.path)
                    programs: 2 programs, 4.0 MiB of at most 512.0 MiB
                    runtimes: 1 runtime, 5.0 MiB
                    syntax: 2 files, 0.8 MiB
                    math: 1 file, 0.1 MiB
                    executions: 2 cells, 0.8 MiB of at most 512.0 MiB
                    KaTeX assets: 1 file, 2.0 MiB
                    compile jobs: 1 file, 0.1 MiB
                    total: 12.7 MiB

                    """)
        }

        @Test func sizesFromOneGiBOnAreInGiB() {
            #expect(CacheDirectory.size(0) == "0.0 MiB")
            #expect(CacheDirectory.size(536_870_912) == "512.0 MiB")
            #expect(CacheDirectory.size(1 << 30) == "1.00 GiB")
            #expect(CacheDirectory.size(3 << 29) == "1.50 GiB")
        }
    }
}

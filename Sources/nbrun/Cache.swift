import ArgumentParser
import Foundation
import NBRunKit

struct Cache: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show or empty nbrun's cache of compiled programs and runtimes.",
        subcommands: [Info.self, Clean.self], defaultSubcommand: Info.self)

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show where the cache is and how big.")

        func run() {
            let directory = CacheDirectory.resolve()
            let programs = ProgramCache(directory: directory.appendingPathComponent("programs"))
            let usage = programs.usage()
            let runtimes = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
                .filter { $0.hasPrefix("runtime-") }.count
            print("""
                cache: \(directory.path)
                programs: \(usage.entries) (\(ByteCountFormatter.string(fromByteCount: Int64(usage.bytes), countStyle: .file)) \
                of at most \(ByteCountFormatter.string(fromByteCount: Int64(programs.limit), countStyle: .file)))
                runtimes: \(runtimes)
                """)
        }
    }

    struct Clean: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Empty the cache.")

        func run() throws {
            let directory = CacheDirectory.resolve()
            do {
                if FileManager.default.fileExists(atPath: directory.path) {
                    try FileManager.default.removeItem(at: directory)
                }
            } catch {
                Console().error("\(directory.path): can't remove: \(error.localizedDescription)")
                throw ExitStatus.badInput.exitCode
            }
            print("removed \(directory.path)")
        }
    }
}

import ArgumentParser
import NBRunKit

struct Cache: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show or empty nbrun's cache of compiled programs and runtimes.",
        subcommands: [Info.self, Clean.self], defaultSubcommand: Info.self)

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show where the cache is and how big.")

        func run() { print(CacheDirectory.info(), terminator: "") }
    }

    struct Clean: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Empty the cache.")

        func run() throws {
            do {
                print(try CacheDirectory.clean(), terminator: "")
            } catch {
                Console().error("can't empty the cache: \(error.localizedDescription)")
                throw ExitCode(ExitStatus.badInput.rawValue)
            }
        }
    }
}

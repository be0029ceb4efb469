import ArgumentParser
import NBRunKit

struct Cache: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show (info, the default) or empty (clean) nbrun's cache of compiled programs and runtimes.")

    enum Action: String, ExpressibleByArgument { case info, clean }

    @Argument(help: "info or clean.") var action: Action = .info

    func run() throws {
        let text = try Console().exitingOnError("can't empty the cache: ") {
            action == .info ? CacheDirectory.info() : try CacheDirectory.clean()
        }
        print(text, terminator: "")
    }
}

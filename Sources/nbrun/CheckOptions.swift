import ArgumentParser
import Foundation
import NBRunKit

extension MatchMode: ExpressibleByArgument {}

/// How documented outputs are compared, from the command line.
struct ComparisonOptions: ParsableArguments {
    @Option(help: "Default comparison: exact, numbers or ignore (a block's own match= and the front matter win).")
    var match: MatchMode?

    @Option(help: "Default relative tolerance for numbers (built-in: 1e-9).")
    var rtol: Double?

    @Option(help: "Default absolute tolerance for numbers (built-in: 0).")
    var atol: Double?

    var outputOptions: OutputOptions { OutputOptions(match: match, rtol: rtol, atol: atol) }
}

/// Which notebooks this invocation handles, and how many at once.
struct BatchOptions: ParsableArguments {
    @Option(help: "How many notebooks to run at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Handle only the K-th of N deterministic shares of the notebooks, written K/N.")
    var shard: Shard?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    /// The files this shard handles, in the order given.
    func select(_ files: [String]) -> [String] {
        guard let shard else { return files }
        let order = files.sorted()
        return files.filter { shard.contains(order.firstIndex(of: $0)!) }
    }
}

/// `K/N`: the K-th (1-based) of N shares.
struct Shard: ExpressibleByArgument {
    var index: Int
    var count: Int

    init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
            return nil
        }
        index = k
        count = n
    }

    /// Whether the notebook at `position` (0-based, in sorted order) is in this share.
    func contains(_ position: Int) -> Bool { position % count == index - 1 }
}

import ArgumentParser
import Foundation
import NBRunKit

extension ReportFormat: ExpressibleByArgument {}
extension MatchMode: ExpressibleByArgument {}
extension Paper: ExpressibleByArgument {}
extension Variant: ExpressibleByArgument {}
extension Shard: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// Flags shared by every command that runs notebooks.
struct RunOptions: ParsableArguments {
    @Option(help: "The swiftc to compile cells with (default: $NBRUN_SWIFTC, then PATH).") var swiftc: String?
    @Flag(
        help: "Compile the notebook even if an identical program is in the cache, and run cells marked cache=true."
    ) var noCache = false
    @Option(help: "Stop a notebook's program after this many seconds.")
    var timeout: Double = RunSettings.defaultTimeout
    @Option(help: "Keep at most this many bytes of each cell's stdout and stderr.")
    var maxOutput: Int = RunSettings.defaultMaxOutput
    @Flag(help: "After a cell traps, still run the later cells that don't use what it declares.") var keepGoing = false
    @Flag(help: "Fail when the compiler warns.") var warningsAsErrors = false
    @Option(help: "How many notebooks to run at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Handle only the K-th of N deterministic shares of the notebooks, written K/N.") var shard: Shard?

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
        guard maxOutput > 0 else { throw ValidationError("--max-output must be more than 0 bytes") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    /// The prepared toolchain; exits 2 with the reason when there is none. With
    /// `executionCache`, cells marked `cache=true` use the execution cache.
    func workbench(executionCache: Bool = false) throws -> Workbench {
        Interrupts.install { Console().say((isatty(STDERR_FILENO) != 0 ? "\r\u{1B}[K" : "") + "nbrun: interrupted") }
        let settings = RunSettings(
            swiftc: swiftc, noCache: noCache, timeout: timeout, maxOutput: maxOutput, keepGoing: keepGoing,
            warningsAsErrors: warningsAsErrors, jobs: jobs, shard: shard, prebuiltRuntime: prebuiltRuntimeFolder,
            executionCache: executionCache)
        return try Console().exitingOnError { try Workbench(settings: settings, notice: { Console().say($0) }) }
    }
}

/// The notebooks a command handles: at least one.
struct Notebooks: ParsableArguments {
    @Argument(help: "The notebooks.") var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one notebook") }
    }
}

/// How documented outputs are compared, from the command line.
struct ComparisonOptions: ParsableArguments {
    @Option(help: "Default comparison: exact, numbers or ignore (a block's own match= and the front matter win).")
    var match: MatchMode?
    @Option(help: "Default relative tolerance for numbers (built-in: 1e-9).") var rtol: Double?
    @Option(help: "Default absolute tolerance for numbers (built-in: 0).") var atol: Double?

    var outputOptions: OutputOptions { OutputOptions(match: match, rtol: rtol, atol: atol) }
}

import ArgumentParser

/// Flags shared by every command that runs notebooks.
struct RunOptions: ParsableArguments {
    @Option(help: "The swiftc to compile cells with (default: $NBRUN_SWIFTC, then PATH).")
    var swiftc: String?

    @Flag(help: "Compile the notebook even if an identical program is in the cache.")
    var noCache = false

    @Option(help: "A Mustache template to use instead of the default one.")
    var template: String?

    @Option(help: "Stop a notebook's program after this many seconds.")
    var timeout: Double = 600

    @Option(help: "Keep at most this many bytes of each cell's stdout and stderr.")
    var maxOutput: Int = 1 << 20

    @Flag(help: "After a cell traps, still run the later cells that don't use what it declares.")
    var keepGoing = false

    @Flag(help: "Fail when the compiler warns.")
    var warningsAsErrors = false

    @Flag(help: "Let raw HTML in the notebook's prose into HTML reports as written (default: GFM's tagfilter).")
    var unsafeHTML = false

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
        guard maxOutput > 0 else { throw ValidationError("--max-output must be more than 0 bytes") }
    }
}

import ArgumentParser

/// Flags shared by every command that runs notebooks.
struct RunOptions: ParsableArguments {
    @Option(help: "The swiftc to compile cells with (default: $NBRUN_SWIFTC, then PATH).")
    var swiftc: String?

    @Flag(help: "Compile the notebook even if an identical program is in the cache.")
    var noCache = false

    @Option(help: "A Mustache template to use instead of the default one.")
    var template: String?

    @Flag(help: "Let raw HTML in the notebook's prose into HTML reports as written (default: GFM's tagfilter).")
    var unsafeHTML = false
}

import Testing

/// The edit loop's tier of the runtime: suites that run in this process alone nest here, so
/// that `swift test --filter Unit` takes seconds. The exit tests (`PlotErrorTests`) and the
/// doc-comment scan stay outside it; nothing in this target needs nbrun or swiftc.
@Suite enum Unit {}

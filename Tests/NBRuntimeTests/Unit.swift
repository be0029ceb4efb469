import Testing

/// The edit loop's tier: suites that run in this process, without the nbrun binary, swiftc,
/// Chromium or node, nest here, so that `swift test --filter Unit` takes seconds.
/// Everything else is end to end; the README's test command runs both.
@Suite enum Unit {}

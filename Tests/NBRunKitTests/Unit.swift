import Testing

/// The unit tier of NBRunKit: every suite of this target nests here and runs in this
/// process, with no nbrun binary, no compile, no Chromium (`HTMLReportTests` alone asks
/// node to typeset a few formulas), so that `swift test --filter Unit` takes seconds.
/// A test that runs `nbrun`, swiftc, Chromium, poppler or numpy goes in `NBRunEndToEndTests`.
@Suite enum Unit {}

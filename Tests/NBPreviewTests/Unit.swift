import Testing

/// The edit loop's tier of NBPreview: suites that run in this process alone nest here, so
/// that `swift test --filter Unit` takes seconds. `LivePreviewTests` runs a real server on
/// loopback with a stand-in for nbrun; `nbrun preview` itself is tested in `NBRunEndToEndTests`.
@Suite enum Unit {}

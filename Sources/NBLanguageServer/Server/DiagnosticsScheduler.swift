import Dispatch
import Foundation
import Synchronization

/// Checks each open notebook a short while after its last edit, one check at a time, and
/// publishes only what the latest text gives: a check whose document changed while it
/// ran is thrown away, and the check of the newer text follows it.
final class DiagnosticsScheduler: Sendable {
    typealias Check = @Sendable (TextDocument) -> [LSPDiagnostic]
    typealias Publish = @Sendable (PublishDiagnosticsParams) -> Void

    private let check: Check
    private let publish: Publish
    private let delay: Double
    private let queue = DispatchQueue(label: "nbrun.lsp.diagnostics")
    /// The latest text of each open document; a document that is closed has none.
    private let latest = Mutex<[String: TextDocument]>([:])

    /// `delay` is how long after an edit the check starts, in seconds, so that typing
    /// doesn't start a check per keystroke.
    init(delay: Double, check: @escaping Check, publish: @escaping Publish) {
        self.delay = delay
        self.check = check
        self.publish = publish
    }

    /// The document's text changed (or it was opened).
    func update(_ document: TextDocument) {
        latest.withLock { $0[document.uri] = document }
        queue.asyncAfter(deadline: .now() + delay) { [self] in
            guard isLatest(document) else { return }
            let diagnostics = check(document)
            guard isLatest(document) else { return }
            publish(PublishDiagnosticsParams(uri: document.uri, version: document.version, diagnostics: diagnostics))
        }
    }

    /// The document was closed: its diagnostics go, and no check of it publishes.
    func close(_ uri: String) {
        latest.withLock { $0[uri] = nil }
        queue.async { [self] in
            publish(PublishDiagnosticsParams(uri: uri, version: nil, diagnostics: []))
        }
    }

    /// Waits until every check that was due has run (for tests and for shutdown).
    func drain() {
        queue.sync {}
    }

    private func isLatest(_ document: TextDocument) -> Bool {
        latest.withLock { $0[document.uri] == document }
    }
}

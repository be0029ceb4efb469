@testable import NBRunKit

extension NotebookUpdater {
    /// The new text alone, as most tests want it.
    func update(_ check: CheckResult) -> String? { rewrite(check)?.text }
}

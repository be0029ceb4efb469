/// What one run of the notebook gave the preview.
///
/// The preview doesn't know how a notebook is run: whoever starts it hands in a closure
/// that runs the notebook and renders its HTML report, and returns one of these.
public enum PreviewOutcome: Sendable, Equatable {
    /// The notebook ran (a cell may have failed while running): this report is the page now.
    case report(String)
    /// The notebook could not be run as saved: it doesn't parse or doesn't compile.
    /// `diagnostics` is shown above the last good report, whose outputs are marked stale;
    /// `report` (what could be rendered anyway) is shown only when there is no good one yet.
    case failed(diagnostics: String, report: String?)
}

/// The formats nbrun writes reports in.
public enum ReportFormat: String, CaseIterable, Sendable {
    case html, md, json
    /// A PDF printed from the HTML report (see ``PDFPrinter``); `Report.render(to: .pdf)`
    /// gives the HTML to print.
    case pdf

    /// The file extension of a report in this format.
    public var fileExtension: String { rawValue }
}

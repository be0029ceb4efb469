/// The formats nbrun writes reports in.
public enum ReportFormat: String, CaseIterable, Sendable {
    case html, md, json

    /// The file extension of a report in this format.
    public var fileExtension: String { rawValue }
}

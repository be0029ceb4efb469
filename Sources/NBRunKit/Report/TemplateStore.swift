/// The default report templates, embedded in nbrun from the `templates/` folder.
enum TemplateStore {
    static func defaultTemplate(for format: ReportFormat) throws(ReportError) -> String {
        try resource("report.\(format.rawValue).mustache")
    }

    /// A file of the `templates/` folder, as it was when nbrun was built.
    static func resource(_ name: String) throws(ReportError) -> String {
        guard let text = EmbeddedResources.files["templates/" + name] else { throw .templateNotFound(name) }
        return text
    }

    /// A hash of a resource's text, for cache keys.
    static func resourceDigest(_ name: String) -> String {
        var hasher = StableHasher()
        hasher.combine(EmbeddedResources.files["templates/" + name] ?? "")
        return hasher.hexDigest
    }
}

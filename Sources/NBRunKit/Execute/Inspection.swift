@_spi(Runner) import NBRuntime

/// What `nbrun inspect` saw at its line, one time execution reached it.
public struct Inspection: Sendable, Equatable {
    /// The notebook line.
    public var line: Int
    /// Which time execution reached it (1 the first).
    public var hit: Int
    /// Every variable in scope there, innermost first, each as numpy (or Swift) prints it.
    public var values: [(name: String, text: String)]

    public init(line: Int, hit: Int, values: [(name: String, text: String)]) {
        self.line = line
        self.hit = hit
        self.values = values
    }

    init(_ record: InspectionRecord) {
        self.init(line: record.line, hit: record.hit, values: record.values.map { ($0.name, $0.text) })
    }

    public static func == (a: Inspection, b: Inspection) -> Bool {
        a.line == b.line && a.hit == b.hit && a.values.elementsEqual(b.values) { $0 == $1 }
    }
}

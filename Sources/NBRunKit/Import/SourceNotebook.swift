/// A notebook written for another kernel (a Jupyter notebook or a jupytext script), as
/// much of it as a port needs: its cells in order, and what each code cell printed.
public struct SourceNotebook: Sendable, Equatable {
    public var cells: [Cell]

    public enum Cell: Sendable, Equatable {
        /// Markdown, as written (math and all); `attachments` names the images stored in the cell.
        case markdown(String, attachments: [String] = [])
        /// Code in the original language, and its saved outputs in order.
        case code(String, outputs: [Output] = [])
        /// A raw cell: text passed through untouched by Jupyter.
        case raw(String)
    }

    public enum Output: Sendable, Equatable {
        /// Text printed to stdout, or an expression's `text/plain` value.
        case text(String)
        /// Text printed to stderr (warnings, progress bars): not part of a documented output.
        case stderr(String)
        /// A picture (`image/png`, `image/svg+xml` …) a cell displayed.
        case image(mimeType: String)
        /// The exception that stopped the cell.
        case error(name: String, value: String)
    }

    public init(cells: [Cell]) {
        self.cells = cells
    }
}

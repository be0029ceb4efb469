import Foundation

/// The values a report template sees, built from a run; docs/templates.md lists them,
/// and a test keeps that list and these types the same.
///
/// Plain structs: the compiler checks every name the default templates rely on, and a
/// user's template sees exactly what is documented.
struct ReportContext: Sendable {
    /// The notebook's title: its first level-1 heading, else its file name.
    var title: String
    /// The notebook's path, as given to nbrun.
    var file: String
    /// The language the notebook is written in: the front matter's `lang:`, else `en`.
    var lang: String = "en"
    /// The title as a CSS string, quotes included, for the running title of printed pages.
    var printTitle: String
    /// The notebook in order: prose and cells.
    var blocks: [BlockContext]
    /// Only the cells.
    var cells: [CellContext]
    /// Every cell ran as it should, and every documented output matched.
    var ok: Bool
    /// One line: what ran, what failed, whether the documented outputs matched.
    var status: String
    var version: String
    /// When the report was made: ISO 8601 date and time, and the date alone.
    var generated: String
    var date: String
    /// The table of contents: the level-2 and level-3 headings.
    var toc: [TOCEntry]
    var hasTOC: Bool
    /// The report's CSS (HTML only).
    var style: String
    /// KaTeX's CSS with its fonts inlined (HTML only).
    var katexStyle: String
    /// KaTeX's script and nbrun's set-up, when the reader's browser has to typeset the
    /// math because node is missing (HTML only).
    var katexScript: String?
    /// The page's Content-Security-Policy, for a `<meta http-equiv>` (HTML only): everything
    /// inline or `data:`, nothing from the network or the disk, no script but `katexScript`
    /// (any inline script with `--unsafe-html`).
    var contentSecurityPolicy: String = ""
    /// Everything the page needs in `<head>`: meta tags, title, styles, and the script
    /// when there is one (HTML only; `templates/head.html.mustache`).
    var head: String = ""
    /// The notebook as HTML: prose, cells, outputs and tensors, in a `<main>` (HTML only;
    /// `templates/body.html.mustache`).
    var body: String = ""
    /// A handout for readers (`--clean`, or the front matter's `handout: true`): leave out
    /// nbrun's own chrome.
    var handout: Bool
}

/// One block of the notebook: either `prose` or `cell` is set.
struct BlockContext: Sendable {
    var prose: ProseContext?
    var cell: CellContext?
}

struct ProseContext: Sendable {
    /// The Markdown as written.
    var markdown: String
    /// The prose as HTML, math protected (HTML reports only).
    var html: String?
}

struct TOCEntry: Sendable {
    var level: Int
    var text: String
    /// The heading as HTML (math typeset); in Markdown reports, its text.
    var html: String
    var anchor: String
    /// A level-3 heading.
    var isSub: Bool
}

/// A cell, with what its options let the report show.
struct CellContext: Sendable {
    var index: Int
    /// The line of the opening fence.
    var line: Int
    var id: String?
    /// The id, or the first line of code.
    var label: String
    /// `ok`, `error`, `not-run`, `skipped`, `expected-error` or `exercise`.
    var status: String
    var isOK: Bool
    var isError: Bool
    var isNotRun: Bool
    var isSkipped: Bool
    var isExpectedError: Bool
    /// In a student version: the cell holds a solution, or uses what one declares, so it
    /// didn't run; it shows its documented output (without a `figures=check` cell's figure
    /// data) and the figures the solution drew as the expected ones.
    var isExercise: Bool
    /// Why a not-run cell did not run.
    var reason: String?
    /// The cell printed something else when nbrun ran the notebook again (`--keep-going`).
    var rerunDiffers: Bool
    /// False with `echo=false`: the source is hidden.
    var echo: Bool
    /// The code, ending with a newline, and a fence long enough to hold it (Markdown).
    var source: String
    var fence: String
    /// The code as highlighted HTML lines (HTML reports, unless `echo=false`).
    var sourceLines: [SourceLineContext]?
    /// What the cell printed (unless `output=false`), and fences that can hold it.
    var stdout: String?
    var stdoutFence: String?
    var stderr: String?
    var stderrFence: String?
    /// An exercise's documented output, and a fence that can hold it.
    var expectedOutput: String?
    var expectedOutputFence: String?
    /// How the documented output compared, when the cell documents one.
    var check: CheckContext?
    var error: ErrorContext?
    /// The tensors `tensors=` asks for: by default those the cell added or changed.
    var hasTensors: Bool
    var tensors: [TensorContext]
    /// The figures the cell drew (unless `figures=false`).
    var hasFigures: Bool
    var figures: [FigureContext]
    /// In a student version, for an exercise: the figures the solution drew in the cell,
    /// shown as the expected ones whatever `figures=` says.
    var hasExpectedFigures: Bool = false
    var expectedFigures: [FigureContext] = []
    /// It takes more than about 20 lines on paper (code, outputs, tensors, figures): printed,
    /// it may break across pages between lines, with its header repeated; a shorter cell
    /// stays whole.
    var isLong: Bool = false
    /// Where the outputs come from when not from a run of the notebook as it is
    /// (`earlier-run`, `checkpoint`, `cache`), and a phrase that says so.
    var reuse: String? = nil
    var reuseNote: String? = nil
}

struct FigureContext: Sendable {
    /// HTML only: the figure as inline SVG.
    var svg: String?
    /// The figure's title, else a description such as "line plot of loss, 200 points".
    var caption: String
    /// Markdown only: where the image is, a file beside the report or a `data:` URI.
    var file: String?
}

struct SourceLineContext: Sendable {
    /// The notebook's line number; in a handout (`--clean`), the line's number in its cell, from 1.
    var number: Int
    var html: String
    /// The line an error points at.
    var isError: Bool
}

struct CheckContext: Sendable {
    var matched: Bool
    /// The line of the `output` block, and `file:line`.
    var line: Int
    var location: String
    /// Why it differs.
    var reason: String?
}

struct ErrorContext: Sendable {
    var message: String
    /// `file:line:column`, the line alone, and the line quoted.
    var location: String?
    var line: Int?
    var sourceLine: String?
    /// An `expect=error` cell failed, as it should.
    var isExpected: Bool
    /// Every compiler diagnostic, as text.
    var details: String
    /// For a trap: the notebook lines that led to it, innermost first.
    var callers: [CallerContext]
    var hasCallers: Bool
}

struct CallerContext: Sendable {
    var location: String
    var line: Int
    var sourceLine: String
}

struct TensorContext: Sendable {
    var name: String
    /// numpy's tuple, `(2, 3)`.
    var shape: String
    /// numpy's name for its type: `float64`, `int64` or `bool`.
    var dtype: String
    /// How many values it holds, in digits grouped by threes: `30,000`.
    var size: String
    /// `text` shows its corners with `...`: it has more values than numpy's print threshold
    /// (1000 unless the notebook changed it), or its text would take more than 12 lines.
    var isSummarized: Bool
    /// numpy's `str()`, as `print` shows it (summarised as numpy summarises when it would
    /// take more than 12 lines), and the same on one line.
    var text: String
    var inline: String
    /// HTML only, for a summarised tensor of at most 10,000 values: every value, as numpy
    /// writes them with no threshold.
    var allValues: String?
    /// A summarised tensor of more than 10,000 values: only the JSON report holds them all.
    var valuesInJSONOnly: Bool
    /// A LaTeX `bmatrix` of the values (HTML reports, up to a size).
    var matrix: String?
    /// That matrix typeset as HTML (or, when the browser typesets the math, its TeX
    /// between `\[` and `\]`); nil when there is no matrix to show.
    var matrixHTML: String?
}

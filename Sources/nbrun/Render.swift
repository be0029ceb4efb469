import ArgumentParser
import NBRunKit

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run notebooks and write a report for each.")

    @Option(name: .customLong("to"), help: "The report format: html, md, json or pdf (printed by headless Chromium).")
    var format: ReportFormat = .html
    @Option(help: "The paper of PDF reports: a4 (the default) or letter.") var paper: Paper?
    @Option(name: .shortAndLong, help: """
        Where to write the report: a file, '-' for stdout, or a folder (ending in /) for several \
        notebooks, with an index. Default: beside the notebook.
        """)
    var output: String?
    @Option(help: "A Mustache template to use instead of the default one.") var template: String?
    @Flag(help: "Let raw HTML in the notebook's prose into HTML reports as written (default: GFM's tagfilter).")
    var unsafeHTML = false
    @Flag(help: "Leave nbrun's own chrome out of HTML and Markdown reports: the status lines, cell headers, '✓ matches'.")
    var clean = false
    @Flag(help: "Fail (exit 2) when a formula can't be typeset, a $ opens no formula, or node is missing to check the math.")
    var strict = false
    @Option(help: """
        The version of a notebook with solutions: solution (everything, markers removed) or student \
        (placeholders; exercises not run).
        """)
    var variant: Variant = .solution
    @OptionGroup var options: RunOptions
    @OptionGroup var notebooks: Notebooks

    func validate() throws {
        if paper != nil, format != .pdf { throw ValidationError("--paper is for --to pdf") }
    }

    func run() throws {
        let job = RenderJob(
            workbench: try options.workbench(), format: format, output: output, templatePath: template,
            unsafeHTML: unsafeHTML, paper: paper ?? .a4, clean: clean, strict: strict, variant: variant)
        throw Console().finish(job.run(notebooks.files, progress: Console().progressHandler))
    }
}

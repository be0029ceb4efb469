import ArgumentParser
import Foundation
import NBRunKit

extension Variant: ExpressibleByArgument {}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run notebooks and write a report for each.")

    @Option(name: .customLong("to"), help: "The report format: html, md, json or pdf (printed by headless Chromium).")
    var format: ReportFormat = .html

    @Option(help: "The paper of PDF reports: a4 (the default) or letter.")
    var paper: Paper?

    @Option(name: .shortAndLong, help: """
        Where to write the report: a file, '-' for stdout, or a folder (ending in /) for several \
        notebooks. Default: beside the notebook.
        """)
    var output: String?

    @Option(help: "A Mustache template to use instead of the default one.")
    var template: String?

    @Flag(help: "Let raw HTML in the notebook's prose into HTML reports as written (default: GFM's tagfilter).")
    var unsafeHTML = false

    @Flag(help: "Leave nbrun's own chrome out of HTML and Markdown reports: the status lines, cell headers, '✓ matches'.")
    var clean = false

    @Flag(help: "Fail (exit 2) when a formula can't be typeset, a $ opens no formula, or node is missing to check the math.")
    var strict = false

    @Option(help: "The version of a notebook with solutions: solution (everything, markers removed) or student (placeholders; exercises not run).")
    var variant: Variant = .solution

    @OptionGroup var options: RunOptions

    @Argument(help: "The notebooks to run.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one notebook") }
        if paper != nil, format != .pdf { throw ValidationError("--paper is for --to pdf") }
    }

    func run() throws {
        var job = RenderJob(workbench: try options.workbench())
        job.templatePath = template
        job.format = format
        job.output = output
        job.unsafeHTML = unsafeHTML
        job.paper = paper ?? .a4
        job.clean = clean
        job.strict = strict
        job.variant = variant
        job.jobs = options.jobs
        throw Console().finish(job.run(options.select(files), progress: Console().progressHandler))
    }
}

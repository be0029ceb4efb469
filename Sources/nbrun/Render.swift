import ArgumentParser
import NBRunKit

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run notebooks and write a report for each.")

    @Option(name: .customLong("to"), help: "The report format: html, md, json or pdf (printed by headless Chromium).")
    var format: ReportFormat = .html
    @Option(help: "The paper of PDF reports: a4 (the default) or letter.") var paper: Paper?
    @Option(name: .shortAndLong, help: "The report: a file, '-' (stdout) or a folder/; default: beside the notebook.")
    var output: String?
    @Option(help: "A Mustache template to use instead of the default one.") var template: String?
    @Flag(help: "Keep raw HTML in the prose as written (default: GFM's tagfilter).") var unsafeHTML = false
    @Flag(help: "Leave out nbrun's chrome: status lines, cell headers, '✓ matches'.") var clean = false
    @Flag(help: "Exit 2 on a formula KaTeX rejects, a stray $, or no node to check math.") var strict = false
    @Option(help: "solution, or student: placeholders, exercises not run.") var variant: Variant = .solution
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

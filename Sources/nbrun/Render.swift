import ArgumentParser
import Foundation
import NBPreview
import NBRunKit

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run notebooks and write a report for each.")

    @Option(name: .customLong("to"), help: "The report format: html, md, json or pdf (printed by headless Chromium).")
    var format: ReportFormat = .html
    @Option(help: "The paper of PDF reports: a4 (the default) or letter.") var paper: Paper?
    @Option(name: .shortAndLong, help: "The report: a file, '-' (stdout) or a folder/; default: beside the notebook.")
    var output: String?
    @Option(help: "A Mustache template to use instead of the default one.") var template: String?
    @Flag(help: "Keep raw HTML and its scripts as written (default: an allow-list; docs/security.md).")
    var unsafeHTML = false
    @Flag(help: "Leave out nbrun's chrome: status lines, cell headers, '✓ matches'.") var clean = false
    @Flag(help: "Exit 2 on a formula KaTeX rejects, a stray $, or no node to check math.") var strict = false
    @Option(help: "solution, or student: placeholders, exercises not run.") var variant: Variant = .solution
    @OptionGroup var options: RunOptions
    @OptionGroup var notebooks: Notebooks

    func validate() throws {
        if paper != nil, format != .pdf { throw ValidationError("--paper is for --to pdf") }
    }

    func run() throws {
        var job = RenderJob(
            workbench: try options.workbench(executionCache: true), format: format, output: output,
            templatePath: template,
            unsafeHTML: unsafeHTML, paper: paper ?? .a4, clean: clean, strict: strict, variant: variant)
        job.pageServer = LoopbackPages()
        throw Console().finish(job.run(notebooks.files, progress: Console().progressHandler))
    }
}

/// PDFs are printed from a page NBPreview's `PageServer` serves on 127.0.0.1, never a file.
struct LoopbackPages: PageServing {
    func serving(_ page: Data, _ body: (URL) throws(PDFError) -> Void) throws(PDFError) {
        do {
            try PageServer.serving(page) { url in try body(url) }
        } catch let error as PDFError {
            throw error
        } catch {
            throw .browserFailed(status: -1, message: error.localizedDescription)
        }
    }
}

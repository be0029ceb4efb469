import ArgumentParser
import Foundation
import NBRunKit

extension ReportFormat: ExpressibleByArgument {}
extension Paper: ExpressibleByArgument {}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run notebooks and write a report for each.")

    @Option(name: .customLong("to"), help: "The report format: html, md, json or pdf (printed by headless Chromium).")
    var format: ReportFormat = .html

    @Option(help: "The paper of PDF reports: a4 (the default) or letter.")
    var paper: Paper?

    @Option(name: .shortAndLong, help: "Where to write the report; '-' for stdout. Default: beside the notebook.")
    var output: String?

    @OptionGroup var batch: BatchOptions
    @OptionGroup var options: RunOptions

    @Argument(help: "The notebooks to run.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one notebook") }
        if let output, output != "-", files.count > 1 {
            throw ValidationError("-o names one file, but \(files.count) notebooks were given")
        }
        if paper != nil, format != .pdf { throw ValidationError("--paper is for --to pdf") }
    }

    func run() throws {
        let session = try Session(options: options)
        // Reports on stdout must not interleave, and one progress line can't show several notebooks.
        let jobs = output == "-" ? 1 : batch.jobs
        let files = batch.select(self.files)
        let statuses = parallelMap(files, jobs: jobs) { [format, output, paper] file in
            session.render(file, format: format, output: output, paper: paper ?? .a4,
                           progress: jobs == 1 || files.count == 1)
        }
        throw (statuses.max() ?? .success).exitCode
    }
}

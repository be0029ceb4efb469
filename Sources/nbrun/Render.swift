import ArgumentParser
import Foundation
import NBRunKit

extension ReportFormat: ExpressibleByArgument {}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run notebooks and write a report for each.")

    @Option(name: .customLong("to"), help: "The report format: html, md or json.")
    var format: ReportFormat = .html

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
    }

    func run() throws {
        let session = try Session(options: options)
        // Reports on stdout must not interleave, and one progress line can't show several notebooks.
        let jobs = output == "-" ? 1 : batch.jobs
        let files = batch.select(self.files)
        let statuses = parallelMap(files, jobs: jobs) { [format, output] file in
            session.render(file, format: format, output: output, progress: jobs == 1 || files.count == 1)
        }
        throw (statuses.max() ?? .success).exitCode
    }
}

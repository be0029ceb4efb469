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
        var worst = ExitStatus.success
        for file in files {
            let status = session.render(file, format: format, output: output)
            worst = max(worst, status)
        }
        throw worst.exitCode
    }
}

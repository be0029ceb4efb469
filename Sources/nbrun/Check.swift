import ArgumentParser
import Foundation
import NBRunKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run notebooks and compare each documented output with what the cell prints.",
        discussion: "Exit codes: 0 every output matched, 1 an output differed or a cell failed, 2 bad input, 64 usage.")

    @Flag(help: "Count cells that print something but document no output as failures.")
    var strict = false

    @Option(help: "Write JUnit XML here.")
    var junit: String?

    @Option(help: "Run each notebook N times and fail cells whose output changes between runs.")
    var `repeat` = 1

    @Option(help: "solution: run the notebooks as written and compare outputs; student: only type-check their student versions.")
    var variant: Variant = .solution

    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var options: RunOptions

    @Argument(help: "The notebooks to check.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one notebook") }
        if `repeat` < 1 { throw ValidationError("--repeat must be at least 1") }
        if variant == .student, junit != nil { throw ValidationError("--junit reports outputs, which --variant student doesn't check") }
    }

    func run() throws {
        var job = CheckJob(workbench: try options.workbench())
        job.strict = strict
        job.repeatCount = `repeat`
        job.comparison = comparison.outputOptions
        job.junit = junit
        job.annotations = ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true"
        job.jobs = options.jobs
        job.variant = variant
        throw Console().finish(job.run(options.select(files)))
    }
}

import Foundation
import Synchronization

@testable import NBRunKit

/// Helpers shared by the NBRunKit tests.
enum Fixture {
    /// The path of a fixture notebook.
    static func path(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }

    /// The package's root folder, for the real notebooks.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder that holds the built products (nbrun, the runtime module and library).
    static var productsDirectory: URL {
        Bundle.main.executableURL!.resolvingSymlinksInPath().deletingLastPathComponent()
    }
}

/// A value that test threads share; each access is one critical section.
final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    var value: Value { mutex.withLock { $0 } }
    func update(_ change: (inout Value) -> Void) { mutex.withLock { change(&$0) } }
}

extension NotebookUpdater {
    /// The new text alone, as most tests want it.
    func update(_ check: CheckResult) -> String? { rewrite(check)?.text }
}

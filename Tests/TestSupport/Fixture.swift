import Foundation
import Synchronization

/// The fixture notebooks and the package's own folders, for every test target.
public enum Fixture {
    /// The path of a fixture notebook (a copy in the build folder: a test that writes beside
    /// it never touches the tree).
    public static func path(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
    }

    public static func text(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }

    /// The package's root folder, for the real notebooks.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The fixtures in the tree itself, for golden files that are re-recorded on purpose.
    public static let sourceFolder = packageRoot.appendingPathComponent("Tests/TestSupport/Fixtures")

    /// The folder that holds the built products (nbrun, the runtime module and library).
    public static var productsDirectory: URL {
        Bundle.main.executableURL!.resolvingSymlinksInPath().deletingLastPathComponent()
    }
}

/// A value that test threads share; each access is one critical section.
public final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    public init(_ value: Value) { mutex = Mutex(value) }
    public var value: Value { mutex.withLock { $0 } }
    public func update(_ change: (inout Value) -> Void) { mutex.withLock { change(&$0) } }
}

import Foundation
import TestSupport
import Testing

@testable import NBRunKit

extension Unit {
    /// The syntax cache keeps swift-syntax's analyses between runs, keyed by a version string
    /// that names swift-syntax's version: after an upgrade in Package.swift, analyses made by
    /// the old parser must not be read back.
    @Suite struct SyntaxCacheVersionTests {
        @Test func theCacheKeyNamesTheSwiftSyntaxThatPackageSwiftPins() throws {
            let manifest = try String(
                contentsOf: Fixture.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
            let line = try #require(
                manifest.split(separator: "\n").first { $0.contains("swiftlang/swift-syntax\"") },
                "Package.swift names no swift-syntax")
            let pinned = try #require(line.firstRange(of: "exact: \"").map { line[$0.upperBound...] })
                .prefix { $0 != "\"" }
            #expect(!pinned.isEmpty, "swift-syntax is not pinned with exact: in \(line)")
            #expect(
                SyntaxCache.version.hasSuffix("swift-syntax \(pinned)"),
                "Package.swift pins swift-syntax \(pinned), but the syntax cache's key says \(SyntaxCache.version)")
        }
    }
}

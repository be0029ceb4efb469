// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "nbrun",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "NBRuntime", targets: ["NBRuntime"]),
    ],
    targets: [
        // What every notebook imports: Tensor, NetworkState and the cell bridge.
        .target(
            name: "NBRuntime",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(name: "NBRuntimeTests", dependencies: ["NBRuntime"], resources: [.copy("Fixtures")]),
    ]
)

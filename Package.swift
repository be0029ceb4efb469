// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "nbrun",
    // Linux (Debian 12, x86-64) is what nbrun is built and tested on. macOS 13 is only the
    // deployment target SwiftPM would use there: inotify, fork/exec with PR_SET_PDEATHSIG,
    // `.so` libraries, OpenBLAS and apt are Linux's (see docs/architecture.md#platforms).
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nbrun", targets: ["nbrun"]),
        .library(name: "NBRuntime", targets: ["NBRuntime"]),
        .library(name: "NBRunKit", targets: ["NBRunKit"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-syntax", exact: "603.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The HTTP server of `nbrun preview` (HummingbirdCore on SwiftNIO); only NBPreview links it.
        // No default traits: they would add swift-configuration, which the preview doesn't use.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2")
    ],
    targets: [
        // Debian's cmark-gfm and its GFM extensions, reached through pkg-config.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // What every notebook imports: Tensor, NetworkState and the cell bridge.
        // nbrun embeds these sources and compiles them optimized for the notebooks;
        // this target is for other packages and for the runtime's own tests.
        // The CBLAS header of Debian's OpenBLAS; the runtime opens the library itself.
        .systemLibrary(
            name: "COpenBLAS",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(
            name: "NBRuntime",
            dependencies: ["COpenBLAS"]
        ),
        // posix_spawn's chdir action, which Swift's Glibc module leaves out.
        .target(name: "CSpawn"),
        // Reads swiftc's serialized diagnostics through the toolchain's own libclang.
        .target(name: "CSerializedDiagnostics", linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "NBRunKit",
            dependencies: [
                // The runner↔runtime contract (events, figures) is defined once, in NBRuntime.
                "NBRuntime",
                "CCmarkGFM",
                "CSpawn",
                "CSerializedDiagnostics",
                "RuntimeBuildSpec",
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftIDEUtils", package: "swift-syntax"),
                .product(name: "SwiftLexicalLookup", package: "swift-syntax"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams")
            ],
            plugins: ["EmbedResourcesPlugin"]
        ),
        // Embeds templates/ and the runtime's sources in nbrun, so the binary needs no files beside it;
        // and compiles the runtime library during `swift build` (see Plugins/EmbedResources).
        .executableTarget(name: "EmbedResources", dependencies: ["RuntimeBuildSpec"]),
        // How the runtime library is compiled and stamped: shared by the build tool that
        // prebuilds it and by NBRunKit, which builds or adopts it (Foundation only).
        .target(name: "RuntimeBuildSpec"),
        .plugin(
            name: "EmbedResourcesPlugin", capability: .buildTool(), dependencies: ["EmbedResources"],
            path: "Plugins/EmbedResources"),
        // `nbrun preview`: serves a report, watches the notebook and pushes reloads. It knows
        // nothing of notebooks: running one and rendering its HTML is handed in by the CLI.
        .target(
            name: "NBPreview",
            dependencies: [
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        // `nbrun lsp`: the JSON-RPC framing, the protocol's messages, the server, and its
        // sourcekit-lsp proxy. Only the `lsp` command reaches it.
        .target(name: "NBLanguageServer", dependencies: ["NBRunKit"]),
        // The plugin compiles the runtime library here too, so that a first notebook needn't.
        .executableTarget(
            name: "nbrun",
            dependencies: [
                "NBRunKit",
                "NBPreview",
                "NBLanguageServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ],
            plugins: ["EmbedResourcesPlugin"]
        ),
        // Tests in two tiers (docs/architecture.md#tests). In process, with no nbrun binary:
        // each library's own target (`swift test --filter Unit` runs their `Unit` suites).
        .testTarget(name: "NBRuntimeTests", dependencies: ["NBRuntime"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NBRunKitTests", dependencies: ["NBRunKit", "RuntimeBuildSpec", "TestSupport"]),
        .testTarget(name: "NBPreviewTests", dependencies: ["NBPreview", "TestSupport"]),
        .testTarget(name: "NBLanguageServerTests", dependencies: ["NBLanguageServer", "TestSupport"]),
        // End to end: the built nbrun, swiftc, Chromium, node, poppler and numpy's fixtures.
        .testTarget(
            name: "NBRunEndToEndTests",
            dependencies: [
                "nbrun", "NBRunKit", "NBPreview", "TestSupport",
                // docs/ci.md's workflow, read as YAML.
                .product(name: "Yams", package: "Yams")
            ]),
        // What both tiers share: the fixture notebooks, the `nbrun(...)` runner, temporary
        // folders, the HTTP client of the preview tests.
        .target(
            name: "TestSupport", dependencies: ["NBRunKit"], path: "Tests/TestSupport",
            resources: [.copy("Fixtures")])
    ]
)

// swift-tools-version:6.0
import PackageDescription

// Arrows point one way only:
// earshot -> {EarshotConsole, EarshotConnect} -> {Terminal, EarshotStore, EarshotIngest} -> EarshotCore.
// Terminal knows nothing of Earshot; only Terminal imports CNCurses.
let package = Package(
    name: "Earshot",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "earshot", targets: ["earshot"]),
        .executable(name: "earshot-bench", targets: ["earshot-bench"]),
    ],
    dependencies: [
        // Command-line parsing for the `earshot` executable: verbs, --help, --version.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // SHA-256 for the journal's hash chain and Ed25519 for signed checkpoints (Foundation has neither on Linux).
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // The C binding: a module map and a shim header for what Swift cannot reach.
        // No pkgConfig: ncursesw.pc carries -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600, which
        // SwiftPM refuses with a warning on every build; shim.h asks for the wide API
        // itself and the module map links ncursesw, so nothing from pkg-config is needed.
        .systemLibrary(
            name: "CNCurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "EarshotCore"),
        .target(name: "EarshotStore", dependencies: ["EarshotCore", .product(name: "Crypto", package: "swift-crypto")]),
        // Platform payloads -> receive requests; pure, no I/O.
        .target(name: "EarshotIngest", dependencies: ["EarshotCore"]),
        // Accounts, secrets, the one HTTP client (Foundation's URLSession), fetchers, cursors.
        .target(name: "EarshotConnect", dependencies: ["EarshotIngest", "EarshotStore", "EarshotCore"]),
        .target(name: "Terminal", dependencies: ["CNCurses"]),
        .target(name: "EarshotConsole", dependencies: ["Terminal", "EarshotStore", "EarshotCore"]),
        .executableTarget(
            name: "earshot",
            dependencies: [
                "EarshotConsole",
                "EarshotConnect",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "earshot-bench", dependencies: ["EarshotConsole", "EarshotStore", "EarshotConnect", "Terminal"]),
        .target(name: "TestSupport", dependencies: ["Terminal", "EarshotCore", "EarshotStore"]),
        .testTarget(name: "EarshotCoreTests", dependencies: ["EarshotCore", "TestSupport"]),
        .testTarget(name: "EarshotStoreTests", dependencies: ["EarshotStore", "TestSupport"]),
        .testTarget(name: "EarshotIngestTests", dependencies: ["EarshotIngest", "TestSupport"]),
        .testTarget(name: "EarshotConnectTests", dependencies: ["EarshotConnect", "TestSupport"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "TestSupport"]),
        .testTarget(
            name: "EarshotConsoleTests",
            dependencies: ["EarshotConsole", "TestSupport"],
            exclude: ["__Snapshots__"]
        ),
    ]
)

// Strictness for every Swift target, in one place.
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}

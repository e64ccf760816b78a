// swift-tools-version:6.1
import PackageDescription
#if os(Linux)
import Glibc
#endif

/// Every target: Swift 6 language mode, strict concurrency, `any` spelled out.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

/// The release link of `statusd` (issue 7, idle memory). lld packs the ~85,000 relative relocations
/// into a few KB (DT_RELR), so start-up no longer reads 2 MB of them, and places first the functions
/// that start-up and common requests run (`statusd.order`, made by scripts/link-order): the kernel
/// maps code in 64 KiB or larger pieces, so scattered, they kept about 10 MB of code resident on an
/// idle server. PIE and its address randomisation stay.
let releaseLink: [LinkerSetting] = [
    .unsafeFlags(
        ["-use-ld=lld"]
            + (buildHostLoadsPackedRelocations ? ["-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"] : [])
            + [
                "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/statusd/statusd.order",
                // The list names functions of one build; those gone since are skipped without a word.
                "-Xlinker", "--no-warn-symbol-ordering",
                // `--static-swift-stdlib` links with the toolchain's static-stdlib-args.lnk, which
                // exports every symbol (`-export-dynamic`); nothing loads into the binary, and that
                // 1 MB export table was searched by every symbol binding of the shared libraries at
                // start-up. Given last, this flag wins.
                "-Xlinker", "--no-export-dynamic",
            ],
        .when(platforms: [.linux], configuration: .release)),
]

/// Whether this machine's glibc loads packed relative relocations (2.36 and later; Debian bookworm,
/// the image's base). A binary with them requires that of the glibc it runs on, so a build on an
/// older one (Ubuntu 22.04: 2.35) must not pack them, or it would not start where it was built.
var buildHostLoadsPackedRelocations: Bool {
    #if os(Linux)
    var text = [CChar](repeating: 0, count: 64)
    guard confstr(Int32(_CS_GNU_LIBC_VERSION), &text, text.count) > 0 else { return false }
    // "glibc 2.36"
    let version = text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }.split(separator: " ").last?.split(separator: ".").compactMap { Int($0) } ?? []
    return version.count >= 2 && (version[0], version[1]) >= (2, 36)
    #else
    return false
    #endif
}

let package = Package(
    name: "statusd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "statusd", targets: ["statusd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Logic-less templates for the public status page (no dependencies of its own, no NIO).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // System OpenSSL (libcrypto for hashing and randomness, libssl for TLS).
        .systemLibrary(
            name: "COpenSSL",
            providers: [.apt(["libssl-dev"])]
        ),

        // Process-wide sqlite3_config settings (variadic in C, so wrapped): see its shim.h.
        .systemLibrary(name: "CSQLiteTuning", providers: [.apt(["libsqlite3-dev"])]),

        // Linux's epoll and eventfd (glibc headers; nothing to link).
        .systemLibrary(name: "CLinuxEvents"),

        // PostgreSQL's client library, libpq (issue 21).
        .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),

        // A small wrapper over libpq (loaded on first use) and the PostgreSQL migrator.
        .target(
            name: "StatusdPostgres",
            dependencies: ["CLibPQ"],
            resources: [.copy("../../Migrations/postgres")],
            swiftSettings: strict
        ),

        // HTTP/1.1 server on POSIX sockets and epoll; knows nothing of incidents.
        .target(name: "StatusdSync", swiftSettings: strict),

        .target(
            name: "StatusdHTTP",
            dependencies: [
                "CLinuxEvents",
                "COpenSSL",
                "StatusdSync",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),

        // Domain values and rules: no HTTP, no SQL.
        .target(name: "StatusdCore", swiftSettings: strict),

        // SQLite store (GRDB over the system libsqlite3), migrations, credentials.
        .target(
            name: "StatusdStore",
            dependencies: [
                "StatusdCore",
                "StatusdSync",
                "StatusdPostgres",
                "COpenSSL",
                "CSQLiteTuning",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the one statement every read runs (`Store.changeCounters`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            resources: [.copy("../../Migrations"), .copy("Resources/demo-fixtures.json")],
            swiftSettings: strict
        ),

        // Shared by both API shapes: errors, auth, JSON decoding, paging.
        .target(
            name: "StatusdAPI",
            dependencies: ["StatusdHTTP", "StatusdStore", "StatusdCore", "StatusdSync"],
            swiftSettings: strict
        ),
        .target(
            name: "OnlineOrNotAPI",
            dependencies: ["StatusdAPI", "StatusdHTTP", "StatusdStore", "StatusdCore"],
            swiftSettings: strict
        ),
        .target(
            name: "UptimeIOAPI",
            dependencies: ["StatusdAPI", "StatusdHTTP", "StatusdStore", "StatusdCore"],
            swiftSettings: strict
        ),

        // The webhook sender: background threads, a POSIX-socket HTTP POST client, HMAC signatures.
        .target(
            name: "StatusdOutbox",
            dependencies: [
                "StatusdStore", "StatusdCore", "StatusdSync", "COpenSSL",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // The public status page and its feeds, rendered from the templates in its Templates folder.
        .target(
            name: "StatusPageSite",
            dependencies: [
                "StatusdAPI", "StatusdHTTP", "StatusdStore", "StatusdCore", "StatusdSync", "COpenSSL",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Templates"), .copy("Assets")],
            swiftSettings: strict
        ),

        // Wires store, shapes and server together; shared by the CLI and the tests.
        .target(
            name: "StatusdApp",
            dependencies: [
                "StatusdHTTP", "StatusdStore", "StatusdCore", "StatusdAPI", "StatusdSync",
                "OnlineOrNotAPI", "UptimeIOAPI", "StatusdOutbox", "StatusPageSite",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("../../openapi/statusd.openapi.json")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "statusd",
            dependencies: [
                "StatusdApp", "StatusdStore", "StatusdCore", "StatusdOutbox", "StatusdPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["statusd.order"],
            swiftSettings: strict,
            linkerSettings: releaseLink
        ),

        // Test support: a live server on port 0, a raw HTTP client, JSON helpers, the test
        // PostgreSQL server's databases.
        .target(
            name: "StatusdTesting",
            dependencies: ["StatusdApp", "StatusdHTTP", "StatusdStore", "StatusdCore", "StatusdSync", "StatusdPostgres"],
            swiftSettings: strict
        ),

        // The debug-build replay `main` the fuzz targets share.
        .target(name: "FuzzSupport", swiftSettings: strict),

        // libFuzzer entry point for the request parser (see scripts/fuzz).
        .executableTarget(
            name: "FuzzParser",
            dependencies: ["StatusdHTTP", "FuzzSupport"],
            swiftSettings: strict
        ),

        // libFuzzer entry point for the JSON bodies of every write endpoint of both shapes (see scripts/fuzz).
        .executableTarget(
            name: "FuzzBodies",
            dependencies: [
                "OnlineOrNotAPI", "UptimeIOAPI", "StatusdAPI", "StatusdCore", "StatusdHTTP", "FuzzSupport",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),

        // libFuzzer entry point for query strings and the list parameters of both shapes (see scripts/fuzz).
        .executableTarget(
            name: "FuzzQuery",
            dependencies: ["OnlineOrNotAPI", "UptimeIOAPI", "StatusdAPI", "StatusdHTTP", "FuzzSupport"],
            swiftSettings: strict
        ),

        // Serves a fixed 300-byte JSON route on the HTTP core, for scripts/bench-http.
        .executableTarget(
            name: "BenchHTTPServer",
            dependencies: ["StatusdHTTP", .product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: strict
        ),

        // Durable-create benchmark: one writer against 64 through group commit (see scripts/bench-writes).
        .executableTarget(
            name: "BenchWrites",
            dependencies: ["StatusdStore", "StatusdCore"],
            swiftSettings: strict
        ),

        .testTarget(
            name: "StatusdHTTPTests", dependencies: ["StatusdHTTP", "StatusdTesting", "StatusdSync", "COpenSSL"],
            swiftSettings: strict),
        .testTarget(name: "StatusdAPITests", dependencies: ["StatusdAPI", "StatusdHTTP"], swiftSettings: strict),
        .testTarget(name: "StatusdCoreTests", dependencies: ["StatusdCore"], swiftSettings: strict),
        .testTarget(
            name: "StatusdPostgresTests",
            dependencies: [
                "StatusdPostgres", "StatusdStore", "StatusdCore", "StatusdTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StatusdStoreTests",
            dependencies: ["StatusdStore", "StatusdCore", "StatusdSync", "StatusdTesting", "StatusdPostgres", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OnlineOrNotAPITests",
            dependencies: ["OnlineOrNotAPI", "StatusdTesting", "StatusdApp", "StatusdStore", "StatusdCore", "StatusdOutbox"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "UptimeIOAPITests",
            dependencies: ["UptimeIOAPI", "StatusdTesting", "StatusdApp", "StatusdStore", "StatusdCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StatusPageSiteTests",
            dependencies: ["StatusPageSite", "StatusdTesting", "StatusdApp", "StatusdStore", "StatusdCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StatusdAppTests",
            dependencies: [
                "StatusdApp", "StatusdTesting", "StatusdStore", "StatusdCore", "StatusdSync", "StatusdOutbox", "COpenSSL",
                "OnlineOrNotAPI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)

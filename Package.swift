// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "keda-cert-migrate",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "keda-cert-migrate", targets: ["keda-cert-migrate"]),
        .library(name: "YAMLKit", targets: ["YAMLKit"]),
        .library(name: "CertMigration", targets: ["CertMigration"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // The system libyaml (Debian: libyaml-dev). No vendored copy: the binary links libyaml-0.so.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // Two glibc functions Swift's Glibc module does not declare (renameat2, syncfs); nothing to link but libc.
        .systemLibrary(name: "CGNUCalls"),
        .target(
            name: "YAMLKit",
            dependencies: ["CYAML"]
        ),
        .target(
            name: "CertMigration",
            dependencies: ["YAMLKit"],
            plugins: ["TemplateEmbedderPlugin"]
        ),
        // Builds templates/ into CertMigration as generated Swift source (EmbeddedTemplates.files).
        .executableTarget(name: "TemplateEmbedder"),
        .plugin(
            name: "TemplateEmbedderPlugin",
            capability: .buildTool(),
            dependencies: ["TemplateEmbedder"]
        ),
        .executableTarget(
            name: "keda-cert-migrate",
            dependencies: [
                "CertMigration",
                "CGNUCalls",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The whole pipeline under libFuzzer (scripts/fuzz.sh); built plainly, it replays inputs given as files.
        .executableTarget(
            name: "keda-cert-migrate-fuzz",
            dependencies: ["CertMigration"]
        ),
        .testTarget(
            name: "YAMLKitTests",
            dependencies: ["YAMLKit"]
        ),
        .testTarget(
            name: "CertMigrationTests",
            dependencies: ["CertMigration"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "CommandLineTests",
            dependencies: ["keda-cert-migrate"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

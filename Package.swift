// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "gradscope",
    platforms: [.macOS(.v15)],  // Synchronization (AtomicLazyReference) in Histograms
    products: [
        .executable(name: "gradscope", targets: ["gradscope"]),
        .executable(name: "gradscope-bench", targets: ["gradscope-bench"]),
        .library(name: "Histograms", targets: ["Histograms"]),
        .library(name: "TensorBoardLog", targets: ["TensorBoardLog"]),
        .library(name: "Training", targets: ["Training"]),
        .library(name: "Plotting", targets: ["Plotting"]),
        .library(name: "Diagnosis", targets: ["Diagnosis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", exact: "1.1.1"),
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        // C libraries from Debian, found through pkg-config.
        .systemLibrary(name: "CCairo", pkgConfig: "cairo",
                       providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),

        // CRC-32C with the SSE4.2 crc32 instruction, chosen at run time by TensorBoardLog.
        .target(name: "CRC32CHardware"),

        // Mergeable exponential histograms. No dependencies.
        .target(name: "Histograms"),

        // TensorBoard event files: framing, CRC32C, protobuf, reader, writer, export.
        .target(name: "TensorBoardLog", dependencies: [
            "Histograms", "CRC32CHardware",
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ], exclude: ["Protos", "FORMAT.md"]),

        // Tensors, layers, models, tasks, optimizers, training loop. Never imports plotting.
        .target(name: "Training", dependencies: ["Histograms", "TensorBoardLog", "CBLAS"]),

        // Figures over a renderer protocol with a Cairo backend. Draws data series.
        .target(name: "Plotting", dependencies: ["Histograms", "CCairo"]),

        // Pathology detectors over histograms and scalars.
        .target(name: "Diagnosis", dependencies: ["Histograms", "TensorBoardLog", "Training"]),

        // The HTML report: inline-SVG figures and the diagnosis through a Mustache template.
        .target(name: "Reporting", dependencies: [
            "Plotting", "Diagnosis", "TensorBoardLog",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),

        // The thin command-line front end.
        .executableTarget(name: "gradscope", dependencies: [
            "Histograms", "TensorBoardLog", "Training", "Plotting", "Diagnosis", "Reporting",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .executableTarget(name: "gradscope-bench", dependencies: [
            "Histograms", "TensorBoardLog", "Training", "Plotting",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Shared by the test targets: the fixtures (one copy) and the seeded generator.
        .target(name: "GradscopeTestSupport", dependencies: ["Training"],
                path: "Tests/GradscopeTestSupport", resources: [.copy("Fixtures")]),

        .testTarget(name: "HistogramsTests", dependencies: [
            "Histograms", "GradscopeTestSupport", .product(name: "Numerics", package: "swift-numerics"),
        ]),
        .testTarget(name: "TensorBoardLogTests", dependencies: [
            "TensorBoardLog", "Histograms", "GradscopeTestSupport",
            .product(name: "Numerics", package: "swift-numerics"),
        ]),
        .testTarget(name: "TrainingTests", dependencies: [
            "Training", "Histograms", "TensorBoardLog", "GradscopeTestSupport",
            .product(name: "Numerics", package: "swift-numerics"),
        ]),
        .testTarget(name: "PlottingTests", dependencies: [
            "Plotting", "Histograms", "GradscopeTestSupport",
            .product(name: "Numerics", package: "swift-numerics"),
        ]),
        .testTarget(name: "CLITests", dependencies: [
            "gradscope", "TensorBoardLog", "Histograms", "GradscopeTestSupport", "CCairo",
            .product(name: "Numerics", package: "swift-numerics"),
        ]),
        .testTarget(name: "ReportingTests", dependencies: [
            "Reporting", "Diagnosis", "Plotting", "TensorBoardLog",
        ]),
        .testTarget(name: "DiagnosisTests", dependencies: [
            "Diagnosis", "TensorBoardLog", "Histograms", "GradscopeTestSupport",
            .product(name: "Numerics", package: "swift-numerics"),
        ]),
    ]
)

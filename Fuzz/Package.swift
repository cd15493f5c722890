// swift-tools-version: 6.0
// The libFuzzer target over gradscope's event-file reader and payload decoder (`make fuzz`).
// A package of its own, so that the main build never links a fuzzer entry point.
import PackageDescription

let package = Package(
    name: "gradscope-fuzz",
    dependencies: [.package(name: "gradscope", path: "..")],
    targets: [
        .executableTarget(name: "EventFuzzer", dependencies: [
            .product(name: "TensorBoardLog", package: "gradscope"),
            .product(name: "Histograms", package: "gradscope"),
        ], swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
)

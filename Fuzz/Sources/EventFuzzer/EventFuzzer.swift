import Foundation
import Histograms
import TensorBoardLog

/// libFuzzer's entry point: one input, read two ways.
///
/// 1. As the bytes of one `Event` record, framed with valid CRCs, so that mutations reach the
///    protobuf decoder and the payload checks instead of failing the CRC.
/// 2. As a whole event file, for the framing.
///
/// Every histogram read is then used as the figures and `inspect` use it: its export edges
/// and counts, and its fold onto |x| with a median. A crash, a trap, a sanitizer report or
/// a non-finite edge is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { [UInt8](UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var framed: [UInt8] = []
    TFRecordFraming.append(record: input, to: &framed)
    readAndUse(framed)
    readAndUse(input)
    return 0
}

private let scratch = FileManager.default.temporaryDirectory
    .appendingPathComponent("gradscope-fuzz-\(getpid())", isDirectory: true)

/// Writes `bytes` as a run's only event file and uses everything the reader returns.
private func readAndUse(_ bytes: [UInt8]) {
    try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let path = scratch.appendingPathComponent("events.out.tfevents.fuzz").path
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { fatalError("cannot write \(path)") }
    let run = RunData.load(RunLocation(name: "fuzz", files: [path]))
    for series in run.histograms.values {
        for point in series { use(point.histogram) }
    }
}

private func use(_ histogram: HistogramValue) {
    let buckets = histogram.buckets
    guard buckets.edges.allSatisfy(\.isFinite), buckets.counts.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
        fatalError("non-finite edge or bad count in \(buckets)")
    }
    if case .exponential(let exact) = histogram { _ = exact.magnitudes.quantile(0.5) }
    if let magnitudes = try? histogram.magnitudes() {
        _ = magnitudes.quantile(0.5)
        _ = magnitudes.rebinned(onto: [1e-30, 1e-10, 1, 1e10])
    }
}

/// libFuzzer's driver (`FuzzerDriver.cpp`), which parses libFuzzer's flags and runs the loop.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The executable's entry point (SwiftPM links `main` to `<target>_main`): hands over to
/// libFuzzer's driver, whose own `main` is then never linked.
@_cdecl("EventFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}

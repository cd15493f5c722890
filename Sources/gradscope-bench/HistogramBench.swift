import ArgumentParser
import Foundation
import Histograms
import Training

/// `gradscope-bench hist`: the workload of `../shared/bench/hist_baseline.py` (float32
/// values with log-normal magnitudes `10^N(−5, 2)`, random signs, 1 % exact zeros),
/// timed for a plain read of the array and for recording it into an exponential histogram.
/// Prints the baseline's line format: GB/s of float32 input and ns per value, median of repeats.
struct HistogramBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hist",
        abstract: "Nanoseconds per value to record float32 values into an exponential histogram.")

    @Option(help: "Number of float32 values.") var n: Int = 10_000_000
    @Option(help: "Timed runs; the median is reported.") var `repeat`: Int = 5
    @Option(help: "Histogram scale.") var scale: Int = 3
    @Option(help: "Seed of the value generator.") var seed: UInt64 = 0

    func validate() throws {
        guard n > 0 else { throw ValidationError("--n must be positive") }
        guard `repeat` > 0 else { throw ValidationError("--repeat must be positive") }
        guard ExponentialHistogram.supportedScales.contains(scale) else {
            throw ValidationError("--scale must be in \(ExponentialHistogram.supportedScales)")
        }
    }

    func run() throws {
        let values = gradientLikeValues(count: n, seed: seed)
        var sink = 0.0
        bench("read (sum)") { sink += Double(plainSum(values)) }
        bench("gradscope record, scale \(scale)") {
            var histogram = ExponentialHistogram(scale: scale)
            values.withUnsafeBufferPointer { histogram.record(contentsOf: $0) }
            sink += Double(histogram.count)
        }
        if sink.isNaN { print(sink) }
    }

    /// Runs `body` once to warm up, then `repeat` times; prints the median.
    private func bench(_ name: String, _ body: () -> Void) {
        body()
        var seconds: [Double] = []
        for _ in 0 ..< `repeat` {
            let clock = ContinuousClock()
            let elapsed = clock.measure(body)
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        let t = seconds.sorted()[seconds.count / 2]
        let name = name.padding(toLength: 32, withPad: " ", startingAt: 0)
        print("\(name) \(String(format: "%7.2f", Double(n) * 4 / t / 1e9)) GB/s \(String(format: "%7.2f", t / Double(n) * 1e9)) ns/value")
    }
}

/// Sum of the array with independent SIMD accumulators: a plain read at memory speed.
private func plainSum(_ values: [Float]) -> Float {
    values.withUnsafeBufferPointer { buffer in
        let raw = UnsafeRawPointer(buffer.baseAddress!)
        var a = SIMD8<Float>(), b = SIMD8<Float>(), c = SIMD8<Float>(), d = SIMD8<Float>()
        var i = 0
        while i + 32 <= buffer.count {
            a += raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
            b += raw.loadUnaligned(fromByteOffset: 4 * i + 32, as: SIMD8<Float>.self)
            c += raw.loadUnaligned(fromByteOffset: 4 * i + 64, as: SIMD8<Float>.self)
            d += raw.loadUnaligned(fromByteOffset: 4 * i + 96, as: SIMD8<Float>.self)
            i += 32
        }
        var total = (a + b + c + d).sum()
        while i < buffer.count { total += buffer[i]; i += 1 }
        return total
    }
}

/// `count` float32 values: magnitudes `10^N(−5, 2)`, random signs, 1 % exact zeros (SplitMix64, Box–Muller).
func gradientLikeValues(count: Int, seed: UInt64) -> [Float] {
    var generator = SplitMix64(seed: seed)
    func next() -> UInt64 { generator.next() }
    func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
    var values = [Float](repeating: 0, count: count)
    for i in 0 ..< count {
        let normal = (-2 * log(1 - uniform())).squareRoot() * cos(2 * Double.pi * uniform())
        let magnitude = pow(10, -5 + 2 * normal)
        let signed = next() & 1 == 0 ? magnitude : -magnitude
        values[i] = uniform() < 0.01 ? 0 : Float(signed)
    }
    return values
}

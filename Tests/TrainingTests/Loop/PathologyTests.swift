import Foundation
import Testing
@testable import Training

/// The warmup pathology on a shortened configuration (3 post-LN layers, d = 48, batch 16,
/// 120 steps, warmup 50, seed 0; deterministic with one BLAS thread): without warmup Adam's median |g| collapses in the first 10 steps
/// and its loss stays near chance; with warmup or RAdam it does not collapse and learns faster.
/// The full demo (6 layers, 1000 steps, 3 seeds) runs with GRADSCOPE_FULL_DEMO=1 (release build
/// advised: `swift test -c release --filter PathologyTests`).
@Suite("Warmup pathology")
struct PathologyTests {
    static func config(_ optimizer: String, layers: Int = 3, dModel: Int = 48, batch: Int = 16,
                       steps: Int = 120, warmup: Int = 50, seed: UInt64 = 0, threads: Int = 1) throws -> TrainingConfig {
        var c = TrainingConfig()
        c.layers = layers; c.dModel = dModel; c.heads = 4; c.batchSize = batch; c.steps = steps
        c.warmupSteps = warmup; c.threads = threads; c.seeds = [seed]
        try c.set("optimizer", .string(optimizer))
        return c
    }

    static func run(_ c: TrainingConfig) throws -> TrainingSummary {
        try train(c, sink: InMemoryLogSink(histogramTags: []))
    }

    @Test func adamWithoutWarmupCollapsesOthersLearn() throws {
        let adam = try Self.run(try Self.config("adam"))
        let warm = try Self.run(try Self.config("adam-warmup"))
        let radam = try Self.run(try Self.config("radam"))
        let collapse = try #require(adam.medianLog10GradStep1) - (try #require(adam.medianLog10GradStep10))
        #expect(collapse > 1, "Adam: \(adam.line)")
        for s in [warm, radam] {
            let drop = try #require(s.medianLog10GradStep1) - (try #require(s.medianLog10GradStep10))
            #expect(drop < 0.5, "\(s.line)")
            #expect(s.lossByTenths.last! < adam.lossByTenths.last! - 0.1, "\(s.line) vs \(adam.line)")
        }
        #expect(abs(adam.lossByTenths.last! - adam.chanceLoss) < 0.1, "\(adam.line)")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["GRADSCOPE_FULL_DEMO"] == "1"),
          arguments: [UInt64(0), 1, 2])
    func fullDemo(seed: UInt64) throws {
        let adam = try Self.run(try Self.config("adam", layers: 6, dModel: 64, batch: 32, steps: 1000, warmup: 400, seed: seed))
        #expect(abs(adam.lossByTenths.last! - adam.chanceLoss) < 0.05, "\(adam.line)")
        let collapse = try #require(adam.medianLog10GradStep1) - (try #require(adam.medianLog10GradStep10))
        #expect(collapse > 3, "\(adam.line)")
        for name in ["adam-warmup", "radam"] {
            let s = try Self.run(try Self.config(name, layers: 6, dModel: 64, batch: 32, steps: 1000, warmup: 400, seed: seed))
            #expect(s.lossByTenths.last! < 1, "\(s.line)")
        }
    }
}

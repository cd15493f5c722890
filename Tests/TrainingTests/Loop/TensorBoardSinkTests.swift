import Foundation
import Histograms
import TensorBoardLog
import Testing
@testable import Training

@Suite("TensorBoard sink")
struct TensorBoardSinkTests {
    @Test func trainedRunReadsBackLosslessly() throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("gradscope-sink-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = TrainingConfig()
        c.layers = 1; c.dModel = 8; c.heads = 2; c.batchSize = 2; c.steps = 3; c.threads = 1
        c.logdir = dir
        try c.set("optimizer", .string("adam,radam"))
        let memory = InMemoryLogSink()
        final class Tee: TrainingLogSink {
            let a: TrainingLogSink, b: TrainingLogSink
            init(_ a: TrainingLogSink, _ b: TrainingLogSink) { self.a = a; self.b = b }
            func scalar(_ tag: String, step: Int, value: Double) { a.scalar(tag, step: step, value: value); b.scalar(tag, step: step, value: value) }
            func histogram(_ tag: String, step: Int, _ h: ExponentialHistogram) { a.histogram(tag, step: step, h); b.histogram(tag, step: step, h) }
            func flush() throws { try a.flush(); try b.flush() }
        }
        _ = try trainAll(c, makeSink: { run in
            let tb = try TensorBoardSink(directory: (dir as NSString).appendingPathComponent(run.name))
            return run.name == "adam" ? Tee(tb, memory) : tb
        })
        let runs = try RunData.loadAll(in: dir)
        #expect(runs.map(\.name) == ["adam", "radam"])
        let adam = try #require(runs.first)
        #expect(adam.scalars["loss"]?.map(\.step) == [1, 2, 3])
        // Scalars are stored as float32.
        for (got, want) in zip(adam.scalars["loss"] ?? [], memory.values("loss")) {
            #expect(got.value == Double(Float(want)))
        }
        let written = try #require(memory.histograms["grad/abs_all"]?.last?.histogram)
        let read = try #require(adam.histograms["grad/abs_all"]?.last?.histogram)
        guard case .exponential(let h) = read else {
            Issue.record("expected an exponential histogram")
            return
        }
        #expect(h.count == written.count && h.zeroCount == written.zeroCount)
        #expect(h.positive == written.positive)
        #expect(runs[1].scalars["radam/rho_t"]?.count == 3)
    }
}

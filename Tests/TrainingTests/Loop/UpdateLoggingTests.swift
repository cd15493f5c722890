import Testing
@testable import Training

@Suite("Update logging")
struct UpdateLoggingTests {
    @Test func logUpdatesRecordsUpdateAndAdaptiveStepHistograms() throws {
        var c = try TrainerTests.tinyTransformer("adam", steps: 2)
        c.logUpdates = true
        let sink = InMemoryLogSink(histogramTags: ["update/abs_all", "optimizer/adaptive_step"])
        _ = try train(c, sink: sink)
        let model = ModelFactory.model(c, task: CopyTask(), seed: 0)
        #expect(sink.histograms["update/abs_all"]?.map(\.histogram.count) == [UInt64(model.parameters.count), UInt64(model.parameters.count)])
        #expect(sink.histograms["optimizer/adaptive_step"]?.count == 2)
    }
}

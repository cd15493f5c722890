import Numerics
import Testing
import Training

@Suite("Learning-rate schedules")
struct ScheduleTests {
    @Test func linearWarmupRampsThenHolds() {
        let s = LearningRateSchedule.linearWarmup(base: 0.01, steps: 400)
        #expect(s.learningRate(at: 1).isApproximatelyEqual(to: 0.01 / 400, relativeTolerance: 1e-12))
        #expect(s.learningRate(at: 200).isApproximatelyEqual(to: 0.005, relativeTolerance: 1e-12))
        #expect(s.learningRate(at: 400) == 0.01)
        #expect(s.learningRate(at: 900) == 0.01)
    }

    @Test func inverseSquareRootPeaksAtWarmupEnd() {
        let s = LearningRateSchedule.inverseSquareRoot(base: 1, warmupSteps: 100)
        #expect(s.learningRate(at: 50).isApproximatelyEqual(to: 0.5, relativeTolerance: 1e-12))
        #expect(s.learningRate(at: 100) == 1)
        #expect(s.learningRate(at: 400).isApproximatelyEqual(to: 0.5, relativeTolerance: 1e-12))
    }

    @Test func warmupComposesWithDecay() {
        let s = LearningRateSchedule.warmup(steps: 10, then: .linearDecay(base: 2, start: 10, end: 110))
        #expect(s.learningRate(at: 5).isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
        #expect(s.learningRate(at: 10) == 2)
        #expect(s.learningRate(at: 60).isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
        #expect(s.learningRate(at: 110) == 0)
        #expect(s.learningRate(at: 200) == 0)
    }
}

import Foundation
import Testing
@testable import Training

@Suite("Tasks")
struct TaskTests {
    @Test func copyTaskMatchesReferenceLayout() {
        let task = CopyTask()
        var batch = task.makeBatch(size: 4)
        var rng = Xoshiro256(seed: 1)
        task.fill(&batch, using: &rng)
        #expect(task.length == 32)
        #expect(abs(task.chanceLoss - log(30)) < 1e-12)
        for b in 0..<4 {
            let x = Array(batch.tokens[(b * 32)..<((b + 1) * 32)])
            let y = Array(batch.targets[(b * 32)..<((b + 1) * 32)])
            let m = Array(batch.lossMask[(b * 32)..<((b + 1) * 32)])
            // Rebuild the 33-token sequence: x = s[:-1], y = s[1:].
            let s = x + [y.last!]
            #expect(Array(s.dropFirst()) == y)
            #expect(s[16] == 1)
            #expect(Array(s[0..<16]) == Array(s[17..<33]))
            #expect(s[0..<16].allSatisfy { (2...31).contains($0) })
            #expect(m == Array(repeating: false, count: 16) + Array(repeating: true, count: 16))
        }
    }

    @Test func batchesAreSeededAndReproducible() {
        let task = CopyTask()
        var a = task.makeBatch(size: 8), b = task.makeBatch(size: 8), c = task.makeBatch(size: 8)
        var r1 = Xoshiro256(seed: 42), r2 = Xoshiro256(seed: 42), r3 = Xoshiro256(seed: 43)
        task.fill(&a, using: &r1); task.fill(&b, using: &r2); task.fill(&c, using: &r3)
        #expect(a.tokens == b.tokens)
        #expect(a.tokens != c.tokens)
    }

    @Test func symbolsAreRoughlyUniform() {
        let task = CopyTask()
        var batch = task.makeBatch(size: 512)
        var rng = Xoshiro256(seed: 7)
        task.fill(&batch, using: &rng)
        var counts = [Int](repeating: 0, count: 32)
        for b in 0..<512 { for i in 0..<16 { counts[Int(batch.tokens[b * 32 + i])] += 1 } }
        let expected = Double(512 * 16) / 30
        #expect(counts[0] == 0 && counts[1] == 0)
        #expect(counts[2...].allSatisfy { abs(Double($0) - expected) < 0.25 * expected })
    }

    @Test func spiralsHaveBothClasses() {
        let task = TwoSpirals()
        var batch = task.makeBatch(size: 200)
        var rng = Xoshiro256(seed: 1)
        task.fill(&batch, using: &rng)
        let ones = batch.targets.filter { $0 == 1 }.count
        #expect(ones > 60 && ones < 140)
        #expect(batch.features.allSatisfy { abs($0) < 1.5 })
    }
}

import Foundation

/// The reference script's copy task: `half` symbols drawn uniformly from ids 2 ..< vocabulary,
/// a separator (id 1), then the same symbols again. Input = tokens[:-1], target = tokens[1:];
/// the loss covers the `half` positions that predict the copied half (positions half ... 2·half−1).
/// Uniform guessing over the vocabulary − 2 symbols gives ln(30) ≈ 3.401 for the defaults.
public struct CopyTask: TrainingTask {
    public var half: Int
    public var vocabulary: Int
    public static let separator: Int32 = 1

    public init(half: Int = 16, vocabulary: Int = 32) {
        self.half = half
        self.vocabulary = vocabulary
    }

    public var length: Int { 2 * half }
    public var featureWidth: Int { 0 }
    public var classes: Int { vocabulary }
    public var chanceLoss: Double { log(Double(vocabulary - 2)) }

    public func fill(_ batch: inout Batch, using rng: inout Xoshiro256) {
        // Sequence s = p[0..<h], sep, p[0..<h] (2h+1 tokens); input s[0..<2h], target s[1...2h].
        let t = length, h = half
        for b in 0..<batch.size {
            let row = b * t
            for i in 0..<h { batch.tokens[row + i] = Int32(rng.int(in: 2...(vocabulary - 1))) }
            batch.tokens[row + h] = Self.separator
            for i in 0..<(h - 1) { batch.tokens[row + h + 1 + i] = batch.tokens[row + i] }
            for j in 0..<t {
                let target: Int32 = j < h - 1 ? batch.tokens[row + j + 1]
                    : j == h - 1 ? Self.separator : batch.tokens[row + j - h]
                batch.targets[row + j] = target
                batch.lossMask[row + j] = j >= h
            }
        }
    }
}

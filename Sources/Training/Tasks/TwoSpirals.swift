import Foundation

/// Two interleaved spirals in the plane, a classic non-linear 2-class problem for the MLP.
/// Class k ∈ {0, 1}, u ~ U(0, 1): angle θ = turns · 2π · u, radius r = u,
/// point = (−1)ᵏ r (cos θ, sin θ) + N(0, noise²) per coordinate. Chance loss ln 2.
public struct TwoSpirals: TrainingTask {
    public var turns: Double
    public var noise: Double

    public init(turns: Double = 1.5, noise: Double = 0.02) {
        self.turns = turns
        self.noise = noise
    }

    public var length: Int { 1 }
    public var featureWidth: Int { 2 }
    public var classes: Int { 2 }
    public var chanceLoss: Double { log(2) }

    public func fill(_ batch: inout Batch, using rng: inout Xoshiro256) {
        for b in 0..<batch.size {
            let k = rng.int(in: 0...1)
            let u = rng.uniform()
            let theta = turns * 2 * Double.pi * u
            let sign: Double = k == 0 ? 1 : -1
            batch.features[2 * b] = sign * u * cos(theta) + noise * rng.normal()
            batch.features[2 * b + 1] = sign * u * sin(theta) + noise * rng.normal()
            batch.targets[b] = Int32(k)
            batch.lossMask[b] = true
        }
    }
}

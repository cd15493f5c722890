/// A named optimizer variant as used on the command line: `sgd`, `adam`, `adamw`,
/// `adam-eps` (ε = 1e-4), `adam-2k`, `radam` (PyTorch: ρt > 5, SGD with momentum below),
/// `radam-paper` (ρt > 4), `radam-official` (ρt ≥ 5, no update below), each optionally with a
/// `-warmup` suffix for linear warmup over `warmup` steps.
public struct OptimizerPreset: Sendable, Equatable, CustomStringConvertible {
    public enum Base: String, Sendable, CaseIterable {
        case sgd, adam, adamw, adamEps = "adam-eps", adam2k = "adam-2k", radam,
             radamPaper = "radam-paper", radamOfficial = "radam-official"
    }

    public var base: Base
    public var warmup: Bool

    public init(_ base: Base, warmup: Bool = false) {
        self.base = base
        self.warmup = warmup
    }

    /// Parses e.g. `adam-warmup`; nil for unknown names.
    public init?(name: String) {
        let lower = name.lowercased().trimmingCharacters(in: .whitespaces)
        if let b = Base(rawValue: lower) {
            self.init(b)
        } else if lower.hasSuffix("-warmup"), let b = Base(rawValue: String(lower.dropLast(7))) {
            self.init(b, warmup: true)
        } else {
            return nil
        }
    }

    public var description: String { base.rawValue + (warmup ? "-warmup" : "") }

    public static var allNames: [String] { Base.allCases.flatMap { [$0.rawValue, $0.rawValue + "-warmup"] } }

    /// The optimizer spec, with the shared hyperparameters of `config`.
    public func spec(_ config: TrainingConfig) -> OptimizerSpec {
        var s: OptimizerSpec
        switch base {
        case .sgd: s = OptimizerSpec(algorithm: .sgd)
        case .adam, .adamEps: s = OptimizerSpec(algorithm: .adam)
        case .adamw: s = OptimizerSpec(algorithm: .adamw)
        case .adam2k: s = OptimizerSpec(algorithm: .adam2k)
        case .radam, .radamPaper, .radamOfficial: s = OptimizerSpec(algorithm: .radam)
        }
        s.beta1 = config.beta1
        s.beta2 = config.beta2
        s.epsilon = base == .adamEps ? 1e-4 : config.epsilon
        s.momentum = config.momentum
        s.weightDecay = config.weightDecay
        s.freezeSteps = config.freezeSteps
        switch base {
        case .radamPaper: s.radamThreshold = 4; s.radamComparison = .greater; s.radamBelowThreshold = .sgdMomentum
        case .radamOfficial: s.radamThreshold = 5; s.radamComparison = .greaterOrEqual; s.radamBelowThreshold = .skip
        default: break
        }
        return s
    }

    /// The learning-rate schedule: the config's schedule, with linear warmup on top for `-warmup`.
    public func schedule(_ config: TrainingConfig) -> LearningRateSchedule {
        let lr = config.learningRate, w = config.warmupSteps, n = config.steps
        let base: LearningRateSchedule = switch config.schedule {
        case .constant: .constant(lr)
        case .warmup: .linearWarmup(base: lr, steps: w)
        case .inverseSqrt: .inverseSquareRoot(base: lr, warmupSteps: w)
        case .linearDecay: .linearDecay(base: lr, start: 0, end: n)
        case .warmupLinearDecay: .warmup(steps: w, then: .linearDecay(base: lr, start: w, end: n))
        }
        return warmup ? .warmup(steps: w, then: base) : base
    }
}

import Foundation

/// One training run of an expanded ``TrainingConfig``.
public struct RunSpec: Sendable, Equatable {
    public var name: String
    public var preset: OptimizerPreset
    public var seed: UInt64

    public init(name: String, preset: OptimizerPreset, seed: UInt64) {
        self.name = name
        self.preset = preset
        self.seed = seed
    }
}

extension TrainingConfig {
    /// Optimizers × seeds, in that order. Names: `[runName-]optimizer[-seed<N>]`, the seed
    /// suffix only when there are several seeds; a single run with a run name is just the name.
    public func runs() -> [RunSpec] {
        var result: [RunSpec] = []
        for preset in optimizers {
            for seed in seeds {
                var name = preset.description
                if seeds.count > 1 { name += "-seed\(seed)" }
                if !runName.isEmpty {
                    name = optimizers.count == 1 && seeds.count == 1 ? runName : runName + "-" + name
                }
                result.append(RunSpec(name: name, preset: preset, seed: seed))
            }
        }
        return result
    }
}

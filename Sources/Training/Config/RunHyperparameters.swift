import TensorBoardLog

extension RunSpec {
    /// The run's configuration as `train` records it in the log (TensorBoard's hparams):
    /// the optimizer preset and its settings (`lr`, `beta1`, `beta2`, `eps`,
    /// `weight_decay`, `warmup` — the warmup steps, 0 without —, `schedule`; `momentum` for
    /// SGD, `freeze` for Adam-2k, `radam_threshold`, `radam_comparison` and
    /// `radam_fallback` for RAdam), the model and its shape, the task, `seed`, `steps`,
    /// `batch` and `threads`; `log_every` and `log_include` when they differ from the default
    /// (every step, every tensor).
    public func configuration(_ config: TrainingConfig) -> RunConfiguration {
        let spec = preset.spec(config)
        let warmsUp = preset.warmup || [.warmup, .inverseSqrt, .warmupLinearDecay].contains(config.schedule)
        var values: [String: RunConfiguration.Value] = [
            "optimizer": .string(preset.description),
            "lr": .number(config.learningRate),
            "weight_decay": .number(spec.weightDecay),
            "warmup": .number(Double(warmsUp ? config.warmupSteps : 0)),
            "schedule": .string(config.schedule.rawValue),
            "model": .string(config.model.rawValue),
            "task": .string(config.task.rawValue),
            "seed": .number(Double(seed)),
            "steps": .number(Double(config.steps)),
            "batch": .number(Double(config.batchSize)),
            "threads": .number(Double(config.threads)),
        ]
        if config.logEvery != 1 { values["log_every"] = .number(Double(config.logEvery)) }
        if !config.logInclude.isEmpty { values["log_include"] = .string(config.logInclude.joined(separator: ",")) }
        switch spec.algorithm {
        case .sgd:
            values["momentum"] = .number(spec.momentum)
        case .adam, .adamw, .adam2k, .radam:
            values["beta1"] = .number(spec.beta1)
            values["beta2"] = .number(spec.beta2)
            values["eps"] = .number(spec.epsilon)
        }
        if spec.algorithm == .adam2k { values["freeze"] = .number(Double(spec.freezeSteps)) }
        if spec.algorithm == .radam {
            values["radam_threshold"] = .number(spec.radamThreshold)
            values["radam_comparison"] = .string(spec.radamComparison.rawValue)
            values["radam_fallback"] = .string(spec.radamBelowThreshold.rawValue)
        }
        switch config.model {
        case .postln, .preln:
            values["layers"] = .number(Double(config.layers))
            values["d_model"] = .number(Double(config.dModel))
            values["heads"] = .number(Double(config.heads))
        case .mlp:
            values["hidden"] = .string(config.hidden.map(String.init).joined(separator: ","))
            values["activation"] = .string(config.activation.rawValue)
        }
        return RunConfiguration(values)
    }
}

import Testing
@testable import Training

@Suite("Training config")
struct ConfigTests {
    @Test func defaultsAreTheDemo() throws {
        let c = TrainingConfig()
        try c.validate()
        #expect(c.model == .postln && c.layers == 6 && c.dModel == 64 && c.heads == 4)
        #expect(c.batchSize == 32 && c.learningRate == 1e-2 && c.beta2 == 0.999 && c.steps == 1000)
    }

    @Test func setsEveryKnownKey() throws {
        var c = TrainingConfig()
        let values: [String: ConfigValue] = [
            "model": .string("mlp"), "task": .string("spirals"), "layers": .integer(3), "d_model": .integer(32),
            "heads": .integer(2), "hidden": .array([.integer(8), .integer(4)]), "activation": .string("gelu"),
            "optimizer": .string("adam, radam-warmup"), "lr": .double(0.5), "beta1": .double(0.8),
            "beta2": .double(0.99), "eps": .double(1e-6), "momentum": .double(0.5), "weight_decay": .double(0.1),
            "warmup": .integer(7), "freeze": .integer(9), "schedule": .string("inverse-sqrt"), "steps": .integer(11),
            "batch": .integer(5), "seed": .array([.integer(1), .integer(2)]), "threads": .integer(1),
            "logdir": .string("/tmp/x"), "run_name": .string("r"), "histograms": .bool(false),
            "log_updates": .bool(true), "histogram_scale": .integer(2), "progress_every": .integer(3),
            "log_every": .integer(4), "log_include": .string("blocks.*.ff.*, out.*"),
        ]
        #expect(Set(values.keys) == Set(TrainingConfig.keys))
        for (k, v) in values { try c.set(k, v) }
        try c.validate()
        #expect(c.model == .mlp && c.task == .spirals && c.hidden == [8, 4] && c.activation == .gelu)
        #expect(c.optimizers == [OptimizerPreset(.adam), OptimizerPreset(.radam, warmup: true)])
        #expect(c.seeds == [1, 2] && c.steps == 11 && c.warmupSteps == 7 && c.freezeSteps == 9)
        #expect(c.schedule == .inverseSqrt && !c.logHistograms && c.logUpdates && c.histogramScale == 2)
        #expect(c.logEvery == 4 && c.logInclude == ["blocks.*.ff.*", "out.*"])
    }

    @Test func logEveryAndIncludeSelectStepsAndTensors() throws {
        var c = TrainingConfig()
        try c.set("log_every", .integer(5))
        try c.set("log_include", .array([.string("blocks.*.ff.*"), .string("pos")]))
        #expect((1...12).filter(c.logsHistograms(atStep:)) == [5, 10])
        #expect(c.logsTensor(named: "blocks.3.ff.0.weight") && c.logsTensor(named: "pos"))
        #expect(!c.logsTensor(named: "blocks.3.att.in_proj_weight") && !c.logsTensor(named: "position"))
        c.logHistograms = false
        #expect((1...12).filter(c.logsHistograms(atStep:)).isEmpty)
        #expect(TrainingConfig().logsTensor(named: "anything"))
    }

    @Test func unknownKeyIsNamed() {
        var c = TrainingConfig()
        #expect(throws: ConfigError.unknownKey("learning_rate")) { try c.set("learning_rate", .double(1)) }
        #expect(ConfigError.unknownKey("learning_rate").description == "unknown config key 'learning_rate'")
    }

    @Test func badValuesNameTheKey() throws {
        var c = TrainingConfig()
        #expect(throws: ConfigError.wrongType(key: "steps", expected: "an integer")) { try c.set("steps", .string("ten")) }
        let e = #expect(throws: ConfigError.self) { try c.set("optimizer", .string("adam,nadam")) }
        #expect(e?.description.contains("'optimizer'") == true && e?.description.contains("nadam") == true)
        c.heads = 5
        let v = #expect(throws: ConfigError.self) { try c.validate() }
        #expect(v?.description.hasPrefix("invalid value for 'heads'") == true)
        #expect(!(v?.description.contains("\n") ?? true))
    }

    @Test func runsExpandOptimizersTimesSeeds() throws {
        var c = TrainingConfig()
        try c.set("optimizer", .string("adam,adam-warmup,radam"))
        #expect(c.runs().map(\.name) == ["adam", "adam-warmup", "radam"])
        try c.set("seed", .string("0,1"))
        #expect(c.runs().map(\.name) == ["adam-seed0", "adam-seed1", "adam-warmup-seed0", "adam-warmup-seed1",
                                         "radam-seed0", "radam-seed1"])
        try c.set("run_name", .string("demo"))
        #expect(c.runs().first?.name == "demo-adam-seed0")
        try c.set("optimizer", .string("radam")); try c.set("seed", .integer(3))
        #expect(c.runs().map(\.name) == ["demo"])
        #expect(c.runs().first?.seed == 3)
    }

    @Test func presetsMapToTheirOptimizers() {
        let c = TrainingConfig()
        #expect(OptimizerPreset(name: "adam-eps")?.spec(c).epsilon == 1e-4)
        let official = OptimizerPreset(name: "radam-official")!.spec(c)
        #expect(official.radamComparison == .greaterOrEqual && official.radamBelowThreshold == .skip)
        #expect(OptimizerPreset(name: "radam-paper")!.spec(c).radamThreshold == 4)
        let warm = OptimizerPreset(name: "adam-warmup")!.schedule(c)
        #expect(warm.learningRate(at: 200) == 0.005 && warm.learningRate(at: 800) == 0.01)
        #expect(OptimizerPreset(name: "adam")!.schedule(c).learningRate(at: 1) == 0.01)
        #expect(OptimizerPreset(name: "nadam") == nil)
    }
}

@Suite("Training config limits")
struct ConfigLimitTests {
    @Test func hugeConfigurationsAreRefusedNotAllocated() {
        var c = TrainingConfig()
        c.batchSize = 500_000
        let e = #expect(throws: ConfigError.self) { try c.validate() }
        #expect(e?.description.contains("'batch'") == true)
        var m = TrainingConfig()
        m.model = .mlp; m.task = .spirals; m.hidden = [60000, 60000]
        let f = #expect(throws: ConfigError.self) { try m.validate() }
        #expect(f?.description.contains("'hidden'") == true)
        #expect(TrainingConfig().estimatedFloats < 50_000_000)
    }

    @Test(arguments: [("steps", 100_000_000_000_000), ("steps", 0), ("warmup", 10_000_001),
                      ("freeze", -1), ("log_every", 0), ("log_every", 20_000_000)])
    func stepCountsAreBounded(key: String, value: Int) throws {
        var c = TrainingConfig()
        try c.set(key, .integer(value))
        let e = #expect(throws: ConfigError.self) { try c.validate() }
        #expect(e?.description.hasPrefix("invalid value for '\(key)'") == true)
    }
}

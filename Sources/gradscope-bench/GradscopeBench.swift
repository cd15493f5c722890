import ArgumentParser

/// Side-by-side benchmarks. Each subcommand times gradscope on the same workload as a
/// peer baseline script in `../shared/bench/`, so BENCHMARKS.md can report ratios.
@main
struct GradscopeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradscope-bench",
        abstract: "Time gradscope on the workloads of the peer baselines.",
        subcommands: [HistogramBench.self, LogReadBench.self, RenderBench.self, StepBench.self])
}

import ArgumentParser

struct HistogramBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hist",
        abstract: "Nanoseconds per value to record float32 values into an exponential histogram.")
    func run() throws { print("not yet") }
}

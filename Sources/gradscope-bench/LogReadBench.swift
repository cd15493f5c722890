import ArgumentParser

struct LogReadBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "read",
        abstract: "Seconds to read a logdir in full, every histogram.")
    func run() throws { print("not yet") }
}

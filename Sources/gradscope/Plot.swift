import ArgumentParser

struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plot", abstract: "(not yet)")
    func run() throws { throw ValidationError("not implemented yet") }
}

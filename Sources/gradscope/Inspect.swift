import ArgumentParser

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "(not yet)")
    func run() throws { throw ValidationError("not implemented yet") }
}

import ArgumentParser

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "(not yet)")
    func run() throws { throw ValidationError("not implemented yet") }
}

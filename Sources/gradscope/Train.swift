import ArgumentParser

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "(not yet)")
    func run() throws { throw ValidationError("not implemented yet") }
}

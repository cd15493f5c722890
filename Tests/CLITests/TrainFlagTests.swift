import Foundation
import Testing
import GradscopeTestSupport

/// `gradscope train`'s flags and the configuration keys (`TrainingConfig.keys`, which the TOML
/// file takes) name the same settings: every key has its flag and every flag its key.
@Suite("train flags")
struct TrainFlagTests {
    /// Flags whose name is not the key with `_` → `-`.
    static let renamed = ["histograms": "--no-histograms", "log_include": "--include"]

    @Test func everyKeyHasAFlagAndEveryFlagAKey() throws {
        let help = try CommandRunner.run(["train", "--help"])
        #expect(help.status == 0)
        let text = help.stdout
        // The keys, as the help's discussion lists them ("Keys: model, task, …, progress_every.").
        let keyList = try #require(text.range(of: "Keys: ").map { text[$0.upperBound...] })
        let keys = keyList.prefix { $0 != "." }.split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(keys.count >= 29 && keys.contains("log_every") && keys.contains("model"))
        let flags = Set(text.split(whereSeparator: \.isWhitespace).map(String.init)
            .filter { $0.hasPrefix("--") }.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.)")) })
        let wanted = Set(keys.map { Self.renamed[$0] ?? "--" + $0.replacingOccurrences(of: "_", with: "-") })
        #expect(wanted.subtracting(flags).isEmpty, "keys without a flag: \(wanted.subtracting(flags).sorted())")
        let extra = flags.subtracting(wanted).subtracting(["--config", "--help"])
        #expect(extra.isEmpty, "flags without a key: \(extra.sorted())")
    }
}

import Foundation

/// A regular expression searched in tags, safe to share between the threads of
/// `RunData.loadAll`: matching runs under a lock, and each tag's answer is kept (a run has few
/// distinct tags and many values).
final class TagPatternMatcher: @unchecked Sendable {
    private let regex: Regex<AnyRegexOutput>
    private var answers: [String: Bool] = [:]
    private let lock = NSLock()

    init?(_ pattern: String) {
        guard let regex = try? Regex(pattern) else { return nil }
        self.regex = regex
    }

    @Sendable func matches(_ tag: String) -> Bool {
        lock.withLock {
            if let known = answers[tag] { return known }
            let answer = tag.contains(regex)
            answers[tag] = answer
            return answer
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A progress bar on stderr: redraws one line in place when stderr is a terminal
/// (isatty(2)); otherwise prints a plain line every `every` steps. Shows step, loss, steps/s
/// and ETA.
public final class ProgressBar: TrainingProgress {
    public let isTerminal: Bool
    public let every: Int
    private var run = "", runIndex = 0, runCount = 0, steps = 0
    private var start = 0.0, lastDraw = 0.0

    public init(every: Int = 50, forceTerminal: Bool? = nil) {
        isTerminal = forceTerminal ?? (isatty(2) != 0)
        self.every = max(1, every)
    }

    public func runStarted(_ run: RunSpec, index: Int, of count: Int, steps: Int) {
        self.run = run.name
        runIndex = index
        runCount = count
        self.steps = steps
        start = Self.now()
        lastDraw = 0
    }

    public func stepFinished(step: Int, loss: Double) {
        let now = Self.now()
        if isTerminal {
            guard step == steps || now - lastDraw >= 0.1 else { return }
            lastDraw = now
            write("\r\u{1B}[2K" + line(step: step, loss: loss, now: now))
        } else if step % every == 0 || step == steps {
            write(line(step: step, loss: loss, now: now) + "\n")
        }
    }

    public func runFinished(_ summary: TrainingSummary) {
        if isTerminal { write("\r\u{1B}[2K") }
        write(summary.line + "\n")
    }

    func line(step: Int, loss: Double, now: Double) -> String {
        let elapsed = max(now - start, 1e-9)
        let rate = Double(step) / elapsed
        let eta = rate > 0 ? Double(steps - step) / rate : 0
        let width = 24, filled = steps > 0 ? width * step / steps : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        return "[\(runIndex + 1)/\(runCount)] \(run) [\(bar)] \(step)/\(steps) loss "
            + String(format: "%.4f  %.1f steps/s  ETA %@", loss, rate, Self.duration(eta))
    }

    static func duration(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? String(format: "%dh%02dm", t / 3600, (t % 3600) / 60) : String(format: "%d:%02d", t / 60, t % 60)
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    private func write(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }
}

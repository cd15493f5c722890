#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C handling: the SIGINT handler only sets a flag; the training loop checks it once per
/// step, stops, and flushes the log. A second Ctrl-C while stopping exits immediately.
public enum Interrupt {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// Installs the SIGINT handler.
    public static func install() {
        signal(SIGINT) { _ in
            if Interrupt.flagRaised { _exit(130) }
            Interrupt.raise()
        }
    }

    fileprivate static var flagRaised: Bool { flag != 0 }
    fileprivate static func raise() { flag = 1 }

    /// Whether a stop has been requested.
    public static var requested: Bool { flag != 0 }
    /// Requests a stop (as Ctrl-C does).
    public static func request() { flag = 1 }
    /// Clears the request.
    public static func reset() { flag = 0 }
}

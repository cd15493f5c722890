#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// `log2` and `exp2` from the platform C library, used only by quantiles and re-binning
/// (never to map values to buckets).
enum MathFunctions {
    @inline(__always) static func log2(_ x: Double) -> Double {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin) || canImport(ucrt)
        return Foundation_log2(x)
        #endif
    }
    @inline(__always) static func exp2(_ x: Double) -> Double {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin) || canImport(ucrt)
        return Foundation_exp2(x)
        #endif
    }
}

@inline(__always) private func Foundation_log2(_ x: Double) -> Double { log2(x) }
@inline(__always) private func Foundation_exp2(_ x: Double) -> Double { exp2(x) }

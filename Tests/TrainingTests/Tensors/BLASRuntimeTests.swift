import Foundation
import Testing
@testable import Training

@Suite("BLAS runtime")
struct BLASRuntimeTests {
    /// On a CPU with AVX-512 (F, BW, DQ, VL in /proc/cpuinfo) the trainer runs OpenBLAS's
    /// SkylakeX kernels only when the user opted in and chose no core type; otherwise it keeps
    /// the kernels OpenBLAS chose.
    @Test func avx512KernelsOnlyWhenOptedIn() throws {
        let chosenByOpenBLAS = BLASRuntime.coreName
        let core = BLASRuntime.preferAVX512Kernels()
        // /proc files report size 0, so read to the end rather than by size.
        let data = FileHandle(forReadingAtPath: "/proc/cpuinfo")?.readDataToEndOfFile() ?? Data()
        let info = String(decoding: data, as: UTF8.self)
        #expect(info.contains("flags"))
        let flags = Set(info.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").map(String.init) ?? [])
        let avx512 = ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains)
        let environment = ProcessInfo.processInfo.environment
        let optedIn = environment[BLASRuntime.optInVariable] == "1" && environment["OPENBLAS_CORETYPE"] == nil
        if avx512 && optedIn && ["Haswell", "Zen"].contains(chosenByOpenBLAS) {
            #expect(core == "SkylakeX")
        } else if !optedIn {
            #expect(core == chosenByOpenBLAS)
        }
    }

    /// After the switch, sgemm still computes C = A Bᵀ (checked against a plain triple loop in
    /// Double, on a shape with ragged edges).
    @Test func sgemmAfterTheSwitchIsCorrect() {
        BLASRuntime.preferAVX512Kernels()
        let m = 37, n = 29, k = 53
        var rng = Xoshiro256(seed: 8)
        let a = (0..<(m * k)).map { _ in Float(rng.uniform(-1, 1)) }, b = (0..<(n * k)).map { _ in Float(rng.uniform(-1, 1)) }
        var c = [Float](repeating: 0, count: m * n)
        Float.gemm(transposeA: false, transposeB: true, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: k,
                   beta: 0, c: &c, ldc: n)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for l in 0..<k { s += Double(a[i * k + l]) * Double(b[j * k + l]) }
                #expect(abs(Double(c[i * n + j]) - s) < 1e-4)
            }
        }
    }

    /// Linear's backward blocks: ⌊10⁶ / (in · out)⌋ rows where the kernel family has small-matrix
    /// kernels (any spelling of the name) and OpenBLAS runs one thread; all rows otherwise.
    @Test(arguments: [("COOPERLAKE", 1, 1024, 64 * 192, 81), ("SkylakeX", 1, 1024, 64 * 256, 61),
                      ("sapphirerapids", 1, 100, 64 * 64, 100), ("Haswell", 1, 1024, 64 * 192, 1024),
                      ("Zen", 1, 512, 64 * 64, 512), ("Cooperlake", 1, 0, 64, 1), ("Cooperlake", 2, 1024, 64 * 192, 1024)])
    func backwardRowBlocks(core: String, threads: Int, rows: Int, otherDimensions: Int, expected: Int) {
        #expect(BLASRuntime.rowsPerCall(rows: rows, otherDimensions: otherDimensions, core: core, threads: threads) == expected)
    }
}

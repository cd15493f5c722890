import CBLAS
import Foundation

/// Run-time settings of the OpenBLAS library the trainer links.
public enum BLASRuntime {
    /// Sets the number of OpenBLAS threads. The transformer runs data parallel with one BLAS
    /// thread (its matrices are 64 wide, too small to split); the MLP uses BLAS threads.
    public static func setThreads(_ n: Int) {
        openblas_set_num_threads(Int32(max(1, n)))
    }

    /// The kernel family OpenBLAS picked for this CPU (e.g. "Haswell", "SkylakeX").
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// The kernel families of OpenBLAS (0.3.17 and later) with small-matrix GEMM kernels,
    /// which multiply C[m×n] = op(A) op(B) with m·n·k ≤ ``smallMatrixLimit`` straight from
    /// the operands, without packing them into panels first.
    static let coresWithSmallMatrixKernels: Set<String> = ["skylakex", "cooperlake", "sapphirerapids"]

    /// OpenBLAS's bound on m·n·k for its small-matrix kernels (`MNK ≤ 100³` in
    /// `gemm_small_kernel_permit`).
    static let smallMatrixLimit = 1_000_000

    /// Rows per GEMM call for a product over `rows` rows whose other two dimensions multiply to
    /// `otherDimensions` (``Linear``'s backward): ⌊10⁶ / otherDimensions⌋, the largest block the
    /// small-matrix kernels take, where kernel family `core` has them and OpenBLAS runs one
    /// thread (`threads`; the small kernels are single-threaded, so blocks would stop a larger
    /// product from being split over threads, as the MLP's are); all rows otherwise.
    static func rowsPerCall(rows: Int, otherDimensions: Int, core: String = coreName,
                            threads: Int = Int(openblas_get_num_threads())) -> Int {
        guard threads == 1, coresWithSmallMatrixKernels.contains(core.lowercased()) else { return max(rows, 1) }
        return max(1, min(rows, smallMatrixLimit / max(otherDimensions, 1)))
    }

    /// Switches OpenBLAS to its AVX-512 ("SkylakeX") kernels where the user asks for it
    /// (`GRADSCOPE_OPENBLAS_AVX512=1`), the CPU has AVX-512 and the library chose AVX2 kernels
    /// for it, once per process, and returns the core name in use.
    ///
    /// The switch is opt-in: some machines set `OPENBLAS_CORETYPE` because older OpenBLAS
    /// builds compute wrong results or crash on their processors, and a process that leaves it
    /// unset must not be moved onto kernels the library did not choose.
    ///
    /// Debian's OpenBLAS 0.3.21 maps AMD Zen 4 (AVX-512F/BW/DQ/VL) to its Haswell kernels;
    /// later OpenBLAS releases map it to SkylakeX. On the project machine the SkylakeX sgemm
    /// makes the demo's step about a third faster (BENCHMARKS.md). A user's own
    /// `OPENBLAS_CORETYPE` is respected. The switch re-runs OpenBLAS's dynamic-architecture
    /// set-up (`gotoblas_dynamic_quit` / `gotoblas_dynamic_init`, looked up with `dlsym` so a
    /// build without dynamic architectures just keeps its kernels); call it before any BLAS
    /// call is in flight. Results change only by Float32 rounding.
    @discardableResult
    public static func preferAVX512Kernels() -> String {
        switchOnce.lock()
        defer { switchOnce.unlock() }
        if !switchTried {
            switchTried = true
            let environment = ProcessInfo.processInfo.environment
            if environment[optInVariable] == "1", environment["OPENBLAS_CORETYPE"] == nil,
               ["Haswell", "Zen"].contains(coreName), cpuHasAVX512(),
               let quit = symbol("gotoblas_dynamic_quit"), let initialize = symbol("gotoblas_dynamic_init") {
                setenv("OPENBLAS_CORETYPE", "SkylakeX", 1)
                quit()
                initialize()
                unsetenv("OPENBLAS_CORETYPE")
            }
        }
        return coreName
    }

    /// The environment variable that opts into the AVX-512 kernels.
    public static let optInVariable = "GRADSCOPE_OPENBLAS_AVX512"

    nonisolated(unsafe) private static var switchTried = false
    private static let switchOnce = NSLock()

    /// AVX-512 F, BW, DQ and VL (CPUID and the OS's saved state, via the compiler's
    /// `__builtin_cpu_supports`).
    private static func cpuHasAVX512() -> Bool { gradscope_cpu_has_avx512() != 0 }

    private typealias VoidFunction = @convention(c) () -> Void

    private static func symbol(_ name: String) -> VoidFunction? {
        guard let handle = dlopen(nil, RTLD_NOW), let p = dlsym(handle, name) else { return nil }
        return unsafeBitCast(p, to: VoidFunction.self)
    }
}

import CBLAS
import Foundation

/// The element type of tensors: Float32 for training, Double for the finite-difference
/// checks in tests. Layer maths is written once, generic over this protocol; matrix
/// products go through BLAS (`cblas_sgemm` / `cblas_dgemm`).
public protocol TrainingScalar: BinaryFloatingPoint, SIMDScalar, Sendable {
    /// Row-major C[m×n] = α · op(A)[m×k] · op(B)[k×n] + β · C, op = transpose if requested.
    static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                     alpha: Self, a: UnsafePointer<Self>, lda: Int,
                     b: UnsafePointer<Self>, ldb: Int,
                     beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    static func exp(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
}

extension Float: TrainingScalar {
    @inlinable
    public static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                            alpha: Float, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
    @inline(__always) public static func exp(_ x: Float) -> Float { InlineExp.exp(x) }
    @inlinable public static func log(_ x: Float) -> Float { Foundation.logf(x) }
    @inlinable public static func tanh(_ x: Float) -> Float { Foundation.tanhf(x) }
}

extension Double: TrainingScalar {
    @inlinable
    public static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                            alpha: Double, a: UnsafePointer<Double>, lda: Int,
                            b: UnsafePointer<Double>, ldb: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
    @inlinable public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    @inlinable public static func log(_ x: Double) -> Double { Foundation.log(x) }
    @inlinable public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
}

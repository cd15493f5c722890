import Foundation

/// RAdam's variance rectification, computed in Double precision.
///
/// With an exponential moving average of squared gradients of decay β₂, the simple
/// moving average it approximates has maximum length
///
///     ρ∞ = 2 / (1 − β₂) − 1
///
/// and, after t steps, length
///
///     ρt = ρ∞ − 2 t β₂ᵗ / (1 − β₂ᵗ).
///
/// The variance of the adaptive learning rate is finite only for ρt > 4; there the
/// rectification factor is
///
///     rt = √( (ρt − 4)(ρt − 2) ρ∞ / ((ρ∞ − 4)(ρ∞ − 2) ρt) ).
///
/// (Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond", 2020, eq. 6–7.)
public enum Rectification {
    /// ρ∞ = 2 / (1 − β₂) − 1.
    @inlinable
    public static func rhoInfinity(beta2: Double) -> Double {
        2 / (1 - beta2) - 1
    }

    /// ρt = ρ∞ − 2 t β₂ᵗ / (1 − β₂ᵗ), for step t ≥ 1.
    @inlinable
    public static func rho(step t: Int, beta2: Double) -> Double {
        let beta2t = pow(beta2, Double(t))
        return rhoInfinity(beta2: beta2) - 2 * Double(t) * beta2t / (1 - beta2t)
    }

    /// rt = √((ρt − 4)(ρt − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρt)); `nil` where ρt ≤ 4 or ρ∞ ≤ 4
    /// (the variance of the adaptive rate is not finite there).
    @inlinable
    public static func rectification(step t: Int, beta2: Double) -> Double? {
        let rhoInf = rhoInfinity(beta2: beta2)
        let rhoT = rho(step: t, beta2: beta2)
        return rectification(rhoT: rhoT, rhoInfinity: rhoInf)
    }

    /// rt from given ρt and ρ∞; `nil` where ρt ≤ 4 or ρ∞ ≤ 4.
    @inlinable
    public static func rectification(rhoT: Double, rhoInfinity rhoInf: Double) -> Double? {
        guard rhoT > 4, rhoInf > 4 else { return nil }
        return ((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT)).squareRoot()
    }
}

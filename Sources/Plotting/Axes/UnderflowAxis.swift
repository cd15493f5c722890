/// A log |g| axis with a marked band before its lower end for zeros and magnitudes below the
/// axis ("≤e⁻²⁰"), as stacked histograms (x) and heatmaps (y) draw it.
///
/// In log units ℓ = log_b(|g|), the axis spans [ℓ_lo, ℓ_hi] with span s = ℓ_hi − ℓ_lo; the
/// band spans [ℓ_lo − s·(w + g), ℓ_lo − s·g]: a share w of the span, then a gap g.
struct UnderflowAxis {
    let base: LogBase
    /// |g| at the lower and upper end of the log axis proper.
    let lower: Double
    let upper: Double
    /// |g| at the band's outer and inner edge.
    let bandOuter: Double
    let bandInner: Double

    init(lower: Double, upper: Double, base: LogBase, bandShare: Double, gapShare: Double) {
        self.base = base; self.lower = lower; self.upper = upper
        let span = base.log(upper) - base.log(lower)
        bandOuter = base.power(base.log(lower) - span * (bandShare + gapShare))
        bandInner = base.power(base.log(lower) - span * gapShare)
    }

    /// The whole axis, band included.
    var scale: Scale { .log(base, bandOuter, upper) }

    /// |g| at the middle of the band (in log units).
    var bandCenter: Double { base.power((base.log(bandOuter) + base.log(bandInner)) / 2) }

    /// |g| halfway between the band and the axis proper, where a separator goes.
    var separator: Double { base.power((base.log(bandInner) + base.log(lower)) / 2) }

    /// "≤e⁻²⁰" for a whole power of the base, else "≤" and the compact value.
    var bandLabel: String {
        let exponent = Int(base.log(lower).rounded())
        let whole = abs(base.log(lower) - Double(exponent)) < 1e-9
        return "≤" + (whole ? TickFormat.power(base, exponent) : TickFormat.compact(lower))
    }

    /// The axis with ticks on the log part and a labelled tick in the band.
    func spec(label: String?) -> AxisSpec {
        AxisSpec(scale: scale, label: label, tickRange: lower...upper,
                 extraTicks: [Tick(value: bandCenter, label: bandLabel)])
    }
}

import Foundation

/// A colormap: a function from [0, 1] to a colour, sampled from a 256-entry table.
public struct Colormap: Sendable, Hashable {
    public let name: String
    /// 256 colours, index 0 for value 0.
    public let table: [Color]

    public init(name: String, table: [Color]) {
        precondition(!table.isEmpty)
        self.name = name; self.table = table
    }

    init(name: String, flatRGB: [Double]) {
        self.init(name: name, table: stride(from: 0, to: flatRGB.count, by: 3).map {
            Color(red: flatRGB[$0], green: flatRGB[$0 + 1], blue: flatRGB[$0 + 2])
        })
    }

    /// matplotlib's viridis (perceptually uniform, colour-blind safe).
    public static let viridis = Colormap(name: "viridis", flatRGB: ColormapTables.viridis)
    /// matplotlib's magma.
    public static let magma = Colormap(name: "magma", flatRGB: ColormapTables.magma)
    /// matplotlib's cividis (optimised for colour-vision deficiency).
    public static let cividis = Colormap(name: "cividis", flatRGB: ColormapTables.cividis)

    /// A single-hue ramp from near-white to `color` and then darker, like TensorBoard's
    /// offset-view slices.
    public static func ramp(_ color: Color, name: String = "ramp") -> Colormap {
        let light = Color.white.mixed(with: color, 0.25)
        let dark = Color.black.mixed(with: color, 0.55)
        return Colormap(name: name, table: (0..<256).map { i in
            let t = Double(i) / 255
            return t < 0.6 ? light.mixed(with: color, t / 0.6) : color.mixed(with: dark, (t - 0.6) / 0.4)
        })
    }

    /// The colormaps that can be chosen by name (`named(_:)`, the CLI's `--colormap`).
    public static let all: [Colormap] = [.viridis, .magma, .cividis]

    public static func named(_ name: String) throws -> Colormap {
        guard let colormap = all.first(where: { $0.name == name.lowercased() }) else {
            throw PlotError.invalidArgument("unknown colormap '\(name)': use \(PlotError.choices(all.map(\.name)))")
        }
        return colormap
    }

    /// The colour at t ∈ [0, 1] as matplotlib looks it up: entry ⌊t·N⌋, clamped to the
    /// last entry at t = 1. NaN gives entry 0.
    public func color(at t: Double) -> Color {
        let n = table.count
        guard t.isFinite else { return table[0] }
        let i = Int(t * Double(n))
        return table[min(max(i, 0), n - 1)]
    }
}

/// Maps data values to [0, 1] for a colormap.
public struct ColorNormalization: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case linear, log }
    public var kind: Kind
    public var lower: Double
    public var upper: Double

    public init(_ kind: Kind, lower: Double, upper: Double) {
        self.kind = kind; self.lower = lower; self.upper = upper
    }

    /// Log normalisation: t = (ln v − ln lower) / (ln upper − ln lower), clamped to [0, 1].
    public static func log(_ lower: Double, _ upper: Double) -> ColorNormalization { .init(.log, lower: lower, upper: upper) }
    public static func linear(_ lower: Double, _ upper: Double) -> ColorNormalization { .init(.linear, lower: lower, upper: upper) }

    /// t ∈ [0, 1] for v; nil for v ≤ 0 under log (nothing to colour).
    public func normalize(_ v: Double) -> Double? {
        switch kind {
        case .linear:
            guard upper > lower else { return 0.5 }
            return min(max((v - lower) / (upper - lower), 0), 1)
        case .log:
            guard v > 0 else { return nil }
            guard upper > lower, lower > 0 else { return 1 }
            return min(max((Foundation.log(v) - Foundation.log(lower)) / (Foundation.log(upper) - Foundation.log(lower)), 0), 1)
        }
    }
}

import Foundation

/// A text as drawn: its box on the page and the clip region it was drawn in.
public struct RecordedText: Sendable {
    public var text: String
    /// The text's box in points (for a quarter-turn rotation, the rotated box).
    public var box: Rect
    /// The bounding box of the clip in force (a panel's plotting area), nil when unclipped.
    public var clip: Rect?
}

/// A filled path as drawn: its bounding box, colour and the clip in force.
public struct RecordedFill: Sendable {
    public var box: Rect
    public var color: Color
    public var clip: Rect?
}

/// A renderer that writes a text display list, one primitive per line, numbers rounded to
/// two decimals, for snapshot tests; it also keeps every text's box and every fill's
/// bounding box, for layout checks (labels that overlap or leave their panel).
///
/// Text extents are a deterministic approximation, independent of installed fonts:
/// width = 0.6 × size × characters, ascent = 0.8 × size, descent = 0.2 × size.
public final class RecordingRenderer: Renderer {
    public private(set) var lines: [String] = []
    public let rasterScale: Double
    /// Plotting areas of the panels drawn so far, in drawing order.
    public private(set) var panelFrames: [PlotFrame] = []
    public func didPlacePanel(_ frame: PlotFrame) { panelFrames.append(frame) }
    /// Every text drawn, in drawing order.
    public private(set) var texts: [RecordedText] = []
    /// Every fill drawn, in drawing order.
    public private(set) var fills: [RecordedFill] = []
    /// The clip's bounding box at each `save` depth (the renderer draws without transforms).
    private var clipStack: [Rect?] = [nil]

    /// - Parameter rasterScale: image pixels per point; small by default to keep snapshots short.
    public init(rasterScale: Double = 0.1) { self.rasterScale = rasterScale }

    /// The display list, one line per primitive.
    public var displayList: String { lines.joined(separator: "\n") }

    public func save() {
        lines.append("save")
        clipStack.append(clipStack.last ?? nil)
    }
    public func restore() {
        lines.append("restore")
        if clipStack.count > 1 { clipStack.removeLast() }
    }
    public func translate(x: Double, y: Double) { lines.append("translate \(f(x)) \(f(y))") }
    public func scale(x: Double, y: Double) { lines.append("scale \(f(x)) \(f(y))") }
    public func rotate(_ radians: Double) { lines.append("rotate \(f(radians))") }
    public func clip(_ path: Path) {
        lines.append("clip \(describe(path))")
        let box = path.boundingBox
        clipStack[clipStack.count - 1] = clipStack.last!.map { $0.intersection(box) } ?? box
    }

    public func fill(_ path: Path, color: Color) {
        lines.append("fill \(color.hexString) \(describe(path))")
        fills.append(RecordedFill(box: path.boundingBox, color: color, clip: clipStack.last ?? nil))
    }

    public func stroke(_ path: Path, style: StrokeStyle) {
        let dash = style.dashes.isEmpty ? "" : " dash[" + style.dashes.map(f).joined(separator: " ") + "]"
        lines.append("stroke \(style.color.hexString) w\(f(style.width))\(dash) \(describe(path))")
    }

    public func measure(_ text: String, font: Font) -> TextExtents {
        TextExtents(width: 0.6 * font.size * Double(text.count), ascent: 0.8 * font.size, descent: 0.2 * font.size)
    }

    public func text(_ text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double) {
        let rot = rotation == 0 ? "" : " rot\(f(rotation))"
        lines.append("text \"\(text)\" at \(f(point.x)) \(f(point.y)) \(anchor.rawValue) size\(f(font.size))\(font.bold ? " bold" : "")\(rot) \(color.hexString)")
        texts.append(RecordedText(text: text, box: textBox(text, at: point, font: font, anchor: anchor, rotation: rotation),
                                  clip: clipStack.last ?? nil))
    }

    /// The page box of a text: unrotated, or turned by a quarter turn either way about the anchor.
    private func textBox(_ text: String, at point: Point, font: Font, anchor: TextAnchor, rotation: Double) -> Rect {
        let e = measure(text, font: font)
        let w = e.width, h = e.height
        let left = -w * anchor.horizontal, top = -h * anchor.vertical
        let corners = [(left, top), (left + w, top), (left, top + h), (left + w, top + h)].map { x, y in
            (point.x + x * cos(rotation) - y * sin(rotation), point.y + x * sin(rotation) + y * cos(rotation))
        }
        let xs = corners.map(\.0), ys = corners.map(\.1)
        return Rect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!)
    }

    public func image(_ image: RGBAImage, in rect: Rect) {
        // FNV-1a over the pixel bytes: any pixel change changes the line.
        var hash: UInt32 = 2_166_136_261
        for b in image.bytes { hash = (hash ^ UInt32(b)) &* 16_777_619 }
        lines.append("image \(image.width)x\(image.height) in \(f(rect.x)) \(f(rect.y)) \(f(rect.width)) \(f(rect.height)) fnv\(String(hash, radix: 16))")
    }

    private func describe(_ path: Path) -> String {
        path.elements.map { e in
            switch e {
            case .move(let p): "M\(f(p.x)),\(f(p.y))"
            case .line(let p): "L\(f(p.x)),\(f(p.y))"
            case .curve(let a, let b, let p): "C\(f(a.x)),\(f(a.y)),\(f(b.x)),\(f(b.y)),\(f(p.x)),\(f(p.y))"
            case .close: "Z"
            }
        }.joined(separator: " ")
    }

    private func f(_ v: Double) -> String { formatFixed(v, decimals: 2) }
}

/// `v` with exactly `decimals` decimals, "-0.00" normalised to "0.00"; "nan"/"inf" for non-finite.
func formatFixed(_ v: Double, decimals: Int) -> String {
    guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let r = (v * scale).rounded()
    if r == 0 { return decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals) }
    let negative = r < 0
    let magnitude = abs(r)
    guard magnitude < 9e15 else { return String(v) }
    let digits = String(Int64(magnitude))
    var s: String
    if decimals == 0 {
        s = digits
    } else {
        let padded = digits.count <= decimals ? String(repeating: "0", count: decimals - digits.count + 1) + digits : digits
        let cut = padded.index(padded.endIndex, offsetBy: -decimals)
        s = padded[..<cut] + "." + padded[cut...]
    }
    return negative ? "-" + s : s
}

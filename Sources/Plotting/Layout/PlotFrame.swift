/// Maps one panel's data coordinates to figure points (y up in data, down on the page).
public struct PlotFrame: Sendable {
    public let rect: Rect
    public let x: Scale
    public let y: Scale

    public init(rect: Rect, x: Scale, y: Scale) { self.rect = rect; self.x = x; self.y = y }

    /// Page x of data x.
    public func px(_ v: Double) -> Double { rect.minX + x.fraction(v) * rect.width }
    /// Page y of data y.
    public func py(_ v: Double) -> Double { rect.maxY - y.fraction(v) * rect.height }
    public func point(_ dx: Double, _ dy: Double) -> Point { Point(px(dx), py(dy)) }
}

/// One element of a vector path.
public enum PathElement: Sendable, Hashable {
    case move(Point)
    case line(Point)
    /// A cubic Bézier segment from the current point to `to`.
    case curve(control1: Point, control2: Point, to: Point)
    case close
}

/// A vector path in figure coordinates (points).
public struct Path: Sendable, Hashable {
    public private(set) var elements: [PathElement] = []
    public init() {}

    public mutating func move(to p: Point) { elements.append(.move(p)) }
    public mutating func line(to p: Point) { elements.append(.line(p)) }
    public mutating func curve(to p: Point, control1: Point, control2: Point) {
        elements.append(.curve(control1: control1, control2: control2, to: p))
    }
    public mutating func close() { elements.append(.close) }

    public var isEmpty: Bool { elements.isEmpty }

    /// The smallest rectangle holding every point of the path, control points included.
    public var boundingBox: Rect {
        var xs: [Double] = [], ys: [Double] = []
        for e in elements {
            switch e {
            case .move(let p), .line(let p): xs.append(p.x); ys.append(p.y)
            case .curve(let a, let b, let p): xs += [a.x, b.x, p.x]; ys += [a.y, b.y, p.y]
            case .close: break
            }
        }
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return Rect(x: 0, y: 0, width: 0, height: 0) }
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// A closed rectangle.
    public static func rectangle(_ r: Rect) -> Path {
        var p = Path()
        p.move(to: Point(r.minX, r.minY)); p.line(to: Point(r.maxX, r.minY))
        p.line(to: Point(r.maxX, r.maxY)); p.line(to: Point(r.minX, r.maxY)); p.close()
        return p
    }

    /// A straight segment.
    public static func segment(_ a: Point, _ b: Point) -> Path {
        var p = Path(); p.move(to: a); p.line(to: b); return p
    }

    /// A polyline through the points (no close).
    public static func polyline(_ points: [Point]) -> Path {
        var p = Path()
        for (i, q) in points.enumerated() { i == 0 ? p.move(to: q) : p.line(to: q) }
        return p
    }

    /// A circle approximated by four cubic Bézier arcs.
    public static func circle(center c: Point, radius r: Double) -> Path {
        let k = 0.5522847498 * r
        var p = Path()
        p.move(to: Point(c.x + r, c.y))
        p.curve(to: Point(c.x, c.y + r), control1: Point(c.x + r, c.y + k), control2: Point(c.x + k, c.y + r))
        p.curve(to: Point(c.x - r, c.y), control1: Point(c.x - k, c.y + r), control2: Point(c.x - r, c.y + k))
        p.curve(to: Point(c.x, c.y - r), control1: Point(c.x - r, c.y - k), control2: Point(c.x - k, c.y - r))
        p.curve(to: Point(c.x + r, c.y), control1: Point(c.x + k, c.y - r), control2: Point(c.x + r, c.y - k))
        p.close()
        return p
    }
}

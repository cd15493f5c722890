/// How a stroke is drawn.
public struct StrokeStyle: Sendable, Hashable {
    public var color: Color
    /// Line width in points.
    public var width: Double
    /// Alternating on/off lengths in points; empty for a solid line.
    public var dashes: [Double]
    public init(color: Color, width: Double = 1, dashes: [Double] = []) {
        self.color = color; self.width = width; self.dashes = dashes
    }
}

/// A font: family plus size in points.
public struct Font: Sendable, Hashable {
    public var family: String
    public var size: Double
    public var bold: Bool
    public init(family: String = "DejaVu Sans", size: Double, bold: Bool = false) {
        self.family = family; self.size = size; self.bold = bold
    }
}

/// Where a text's anchor point sits on the text box.
public enum TextAnchor: String, Sendable, Hashable {
    case topLeft, top, topRight, left, center, right, bottomLeft, bottom, bottomRight

    /// Horizontal fraction of the width left of the anchor (0, 0.5 or 1).
    var horizontal: Double {
        switch self {
        case .topLeft, .left, .bottomLeft: 0
        case .top, .center, .bottom: 0.5
        case .topRight, .right, .bottomRight: 1
        }
    }
    /// Vertical position: 0 = top, 0.5 = middle, 1 = bottom of the box.
    var vertical: Double {
        switch self {
        case .topLeft, .top, .topRight: 0
        case .left, .center, .right: 0.5
        case .bottomLeft, .bottom, .bottomRight: 1
        }
    }
}

/// The drawing primitives every figure is made of.
///
/// Coordinates are in points (1/72 inch) with the origin at the top left and y down;
/// a backend maps them to its device (pixels for PNG at the figure's DPI, points for SVG/PDF).
public protocol Renderer: AnyObject {
    /// Device pixels per point that a raster image should have to look sharp on this
    /// backend (dpi / 72 for PNG; a fixed resolution for vector formats).
    var rasterScale: Double { get }

    func save()
    func restore()
    func translate(x: Double, y: Double)
    func scale(x: Double, y: Double)
    /// Rotation in radians, clockwise on screen (y is down).
    func rotate(_ radians: Double)
    /// Intersects the clip region with the path.
    func clip(_ path: Path)

    func fill(_ path: Path, color: Color)
    func stroke(_ path: Path, style: StrokeStyle)

    /// The measured extents of the text at this font.
    func measure(_ text: String, font: Font) -> TextExtents
    /// Draws text with the anchor at `point`, rotated by `rotation` radians (clockwise)
    /// about the anchor.
    func text(_ text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double)

    /// Draws the image scaled into `rect` with a nearest-neighbour filter.
    func image(_ image: RGBAImage, in rect: Rect)

    /// Told where each panel's plotting area ended up (for tests and hit-testing);
    /// the default ignores it.
    func didPlacePanel(_ frame: PlotFrame)
}

extension Renderer {
    public func didPlacePanel(_ frame: PlotFrame) {}

    public func text(_ text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor) {
        self.text(text, at: point, font: font, color: color, anchor: anchor, rotation: 0)
    }

    /// Fills the rectangle.
    public func fill(_ rect: Rect, color: Color) { fill(Path.rectangle(rect), color: color) }

    /// Width and height of the text's box once rotated by a quarter turn or not.
    public func box(_ text: String, font: Font, rotated: Bool = false) -> (width: Double, height: Double) {
        let e = measure(text, font: font)
        return rotated ? (e.height, e.width) : (e.width, e.height)
    }
}

/// Offset from the anchor point to the text origin (left end of the baseline), unrotated.
func textOrigin(for extents: TextExtents, anchor: TextAnchor) -> Point {
    let dx = -extents.width * anchor.horizontal
    let dy = -extents.height * anchor.vertical + extents.ascent
    return Point(dx, dy)
}

/// One laid-out page: what to draw where, in points from the page's top left.
public struct DocumentPage: Sendable {
    public enum Item: Sendable {
        /// A line of text with its box's top left at `origin`.
        case text(String, origin: Point, font: Font)
        /// A horizontal rule.
        case rule(y: Double, from: Double, to: Double)
        /// A figure scaled into the rectangle (which has the figure's aspect ratio).
        case figure(Figure, in: Rect)
    }

    public var paper: PaperSize
    public var items: [Item]

    /// The figures' rectangles on this page.
    public var figureRects: [Rect] {
        items.compactMap { if case .figure(_, let rect) = $0 { rect } else { nil } }
    }

    /// Draws the page: white paper, then the items in order.
    public func draw(in renderer: Renderer) {
        renderer.fill(paper.bounds, color: .white)
        for item in items {
            switch item {
            case .text(let text, let origin, let font):
                renderer.text(text, at: origin, font: font, color: .black, anchor: .topLeft)
            case .rule(let y, let x0, let x1):
                renderer.stroke(Path.segment(Point(x0, y), Point(x1, y)), style: StrokeStyle(color: .black, width: 0.5))
            case .figure(let figure, let rect):
                figure.draw(in: renderer, fitting: rect)
            }
        }
    }
}

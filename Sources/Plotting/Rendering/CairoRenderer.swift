import CCairo

/// A renderer drawing through a cairo context. Coordinates are points; the context's
/// base transform maps them to device units (pixels for PNG, points for SVG/PDF).
public final class CairoRenderer: Renderer {
    let context: CairoContext
    public let rasterScale: Double
    /// Plotting areas of the panels drawn so far, in drawing order.
    public private(set) var panelFrames: [PlotFrame] = []
    public func didPlacePanel(_ frame: PlotFrame) { panelFrames.append(frame) }
    private var cr: OpaquePointer { context.pointer }

    init(context: CairoContext, rasterScale: Double) {
        self.context = context
        self.rasterScale = rasterScale
        cairo_set_line_join(context.pointer, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context.pointer, CAIRO_LINE_CAP_BUTT)
    }

    public func save() { cairo_save(cr) }
    public func restore() { cairo_restore(cr) }
    public func translate(x: Double, y: Double) { cairo_translate(cr, x, y) }
    public func scale(x: Double, y: Double) { cairo_scale(cr, x, y) }
    public func rotate(_ radians: Double) { cairo_rotate(cr, radians) }

    public func clip(_ path: Path) {
        trace(path)
        cairo_clip(cr)
    }

    public func fill(_ path: Path, color: Color) {
        trace(path)
        setSource(color)
        cairo_fill(cr)
    }

    public func stroke(_ path: Path, style: StrokeStyle) {
        trace(path)
        setSource(style.color)
        cairo_set_line_width(cr, style.width)
        style.dashes.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        cairo_stroke(cr)
    }

    public func measure(_ text: String, font: Font) -> TextExtents {
        select(font)
        var te = cairo_text_extents_t()
        cairo_text_extents(cr, text, &te)
        var fe = cairo_font_extents_t()
        cairo_font_extents(cr, &fe)
        return TextExtents(width: te.x_advance, ascent: fe.ascent, descent: fe.descent)
    }

    public func text(_ text: String, at point: Point, font: Font, color: Color, anchor: TextAnchor, rotation: Double) {
        let extents = measure(text, font: font)
        let origin = textOrigin(for: extents, anchor: anchor)
        cairo_save(cr)
        cairo_translate(cr, point.x, point.y)
        if rotation != 0 { cairo_rotate(cr, rotation) }
        cairo_move_to(cr, origin.x, origin.y)
        setSource(color)
        cairo_show_text(cr, text)
        cairo_new_path(cr)
        cairo_restore(cr)
    }

    public func image(_ image: RGBAImage, in rect: Rect) {
        guard image.width > 0, image.height > 0, rect.width > 0, rect.height > 0 else { return }
        guard let owned = try? CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(image.width), Int32(image.height)),
                                            operation: "creating an image"),
              let data = cairo_image_surface_get_data(owned.pointer) else { return }
        let surface = owned.pointer
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        image.bytes.withUnsafeBufferPointer { src in
            for y in 0..<image.height {
                let row = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<image.width {
                    let i = 4 * (y * image.width + x)
                    let a = UInt32(src[i + 3])
                    // Premultiplied native-endian ARGB32.
                    let r = (UInt32(src[i]) * a + 127) / 255
                    let g = (UInt32(src[i + 1]) * a + 127) / 255
                    let b = (UInt32(src[i + 2]) * a + 127) / 255
                    row[x] = a << 24 | r << 16 | g << 8 | b
                }
            }
        }
        cairo_surface_mark_dirty(surface)
        cairo_save(cr)
        cairo_translate(cr, rect.x, rect.y)
        cairo_scale(cr, rect.width / Double(image.width), rect.height / Double(image.height))
        cairo_set_source_surface(cr, surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST)
        cairo_rectangle(cr, 0, 0, Double(image.width), Double(image.height))
        cairo_fill(cr)
        cairo_restore(cr)
        withExtendedLifetime(owned) {}
    }

    private func select(_ font: Font) {
        cairo_select_font_face(cr, font.family, CAIRO_FONT_SLANT_NORMAL,
                               font.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, font.size)
    }

    private func setSource(_ c: Color) { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }

    private func trace(_ path: Path) {
        cairo_new_path(cr)
        for e in path.elements {
            switch e {
            case .move(let p): cairo_move_to(cr, p.x, p.y)
            case .line(let p): cairo_line_to(cr, p.x, p.y)
            case .curve(let a, let b, let p): cairo_curve_to(cr, a.x, a.y, b.x, b.y, p.x, p.y)
            case .close: cairo_close_path(cr)
            }
        }
    }
}

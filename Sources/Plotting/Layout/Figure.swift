import CCairo
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Anything a figure can show: draws itself inside `bounds` (points).
public protocol FigureContent: Sendable {
    func draw(in renderer: Renderer, bounds: Rect, theme: Theme)
}

/// A figure: physical size, resolution, theme and content.
///
/// Sizes are in inches; drawing happens in points (1/72 in) so a figure lays out the
/// same in every format. PNG gets `dpi` pixels per inch; SVG and PDF are in points,
/// with raster parts (heatmaps) at `vectorRasterDPI`.
public struct Figure: Sendable {
    public var width: Double
    public var height: Double
    public var dpi: Double
    public var vectorRasterDPI: Double
    public var theme: Theme
    public var content: any FigureContent

    /// A publication default of 6.4 × 4.0 in at 150 dpi.
    public init(content: any FigureContent, width: Double = 6.4, height: Double = 4.0, dpi: Double = 150,
                vectorRasterDPI: Double = 150, theme: Theme = .paper) {
        self.content = content; self.width = width; self.height = height; self.dpi = dpi
        self.vectorRasterDPI = vectorRasterDPI; self.theme = theme
    }

    /// Size in points.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width * 72, height: height * 72) }

    /// Draws background and content on any renderer.
    public func draw(in renderer: Renderer) {
        renderer.fill(bounds, color: theme.background)
        content.draw(in: renderer, bounds: bounds, theme: theme)
    }

    /// The display list of the figure (see `RecordingRenderer`).
    public func displayList(rasterScale: Double = 0.1) -> String {
        let r = RecordingRenderer(rasterScale: rasterScale)
        draw(in: r)
        return r.displayList
    }

    func validate() throws {
        guard width.isFinite, height.isFinite, width > 0, height > 0, width <= 100, height <= 100 else {
            throw PlotError.invalidArgument("figure size must be between 0 and 100 inches, got \(width)×\(height)")
        }
        guard dpi.isFinite, dpi >= 10, dpi <= 2400, Double(pixelWidth) * Double(pixelHeight) <= 400_000_000 else {
            throw PlotError.invalidArgument("dpi must be between 10 and 2400 and the image under 400 megapixels, got \(dpi)")
        }
    }

    var pixelWidth: Int { Int((width * dpi).rounded()) }
    var pixelHeight: Int { Int((height * dpi).rounded()) }

    /// Renders into a cairo image surface and reads the pixels back (straight RGBA).
    public func rasterize() throws -> RGBAImage {
        try rasterizeWithFrames().image
    }

    /// The pixels plus each panel's plotting area, in points (multiply by dpi/72 for pixels).
    public func rasterizeWithFrames() throws -> (image: RGBAImage, frames: [PlotFrame]) {
        var frames: [PlotFrame] = []
        let surface = try rasterSurface { frames = $0.panelFrames }
        return (try readPixels(surface), frames)
    }

    /// A multi-page PDF, one figure per page (each page at its figure's size).
    public static func pdf(pages: [Figure]) throws -> [UInt8] {
        guard let first = pages.first else { throw PlotError.noData("a PDF needs at least one page") }
        for page in pages { try page.validate() }
        let document = try PDFDocument(width: first.width * 72, height: first.height * 72)
        for page in pages {
            try document.addPage(width: page.width * 72, height: page.height * 72,
                                 rasterScale: page.vectorRasterDPI / 72) { page.draw(in: $0) }
        }
        return try document.finish()
    }

    /// The figure scaled uniformly to the largest size that fits `rect`, centred
    /// horizontally, at the top.
    public func fitted(in rect: Rect) -> Rect {
        let box = bounds
        let scale = min(rect.width / box.width, rect.height / box.height)
        guard scale.isFinite, scale > 0 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        return Rect(x: rect.x + (rect.width - box.width * scale) / 2, y: rect.y,
                    width: box.width * scale, height: box.height * scale)
    }

    /// Draws the figure scaled into `fitted(in: rect)`, clipped to it; returns that rectangle.
    @discardableResult
    public func draw(in renderer: Renderer, fitting rect: Rect) -> Rect {
        let placed = fitted(in: rect)
        guard placed.width > 0 else { return placed }
        renderer.save()
        renderer.clip(Path.rectangle(placed))
        renderer.translate(x: placed.x, y: placed.y)
        renderer.scale(x: placed.width / bounds.width, y: placed.height / bounds.height)
        draw(in: renderer)
        renderer.restore()
        return placed
    }

    /// The encoded file in the given format.
    public func encoded(as format: OutputFormat) throws -> [UInt8] {
        try validate()
        let sink = ByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        switch format {
        case .png:
            let surface = try rasterSurface()
            try checkCairo(cairo_surface_write_to_png_stream(surface.pointer, ByteSink.write, closure), "writing PNG")
        case .svg:
            let surface = try CairoSurface(cairo_svg_surface_create_for_stream(ByteSink.write, closure, width * 72, height * 72),
                                           operation: "creating an SVG surface")
            try drawVector(on: surface)
        case .pdf:
            return try Figure.pdf(pages: [self])
        }
        withExtendedLifetime(sink) {}
        return format == .svg ? Self.pixelatedImages(sink.bytes) : sink.bytes
    }

    /// Marks SVG `<image>` elements for nearest-neighbour scaling (cairo's SVG backend does
    /// not say so), so heatmap cells stay crisp in browsers.
    static func pixelatedImages(_ svg: [UInt8]) -> [UInt8] {
        let needle = Array("<image ".utf8)
        let insert = Array("<image style=\"image-rendering:optimizeSpeed;image-rendering:pixelated\" ".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(svg.count + 1024)
        var i = 0
        while i < svg.count {
            if svg[i] == needle[0], i + needle.count <= svg.count, Array(svg[i..<(i + needle.count)]) == needle {
                out += insert
                i += needle.count
            } else {
                out.append(svg[i])
                i += 1
            }
        }
        return out
    }

    /// Writes the figure to `path`, in the format given by its extension unless `format` is set.
    public func write(to path: String, format: OutputFormat? = nil) throws {
        let format = try format ?? OutputFormat(path: path)
        try writeFile(try encoded(as: format), to: path)
    }

    private func rasterSurface(inspect: (CairoRenderer) -> Void = { _ in }) throws -> CairoSurface {
        try validate()
        let surface = try CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(pixelWidth), Int32(pixelHeight)),
                                       operation: "creating a \(pixelWidth)×\(pixelHeight) image")
        let context = try CairoContext(surface: surface)
        cairo_scale(context.pointer, dpi / 72, dpi / 72)
        let renderer = CairoRenderer(context: context, rasterScale: dpi / 72)
        draw(in: renderer)
        inspect(renderer)
        try context.check("drawing the figure")
        cairo_surface_flush(surface.pointer)
        return surface
    }

    private func drawVector(on surface: CairoSurface) throws {
        let context = try CairoContext(surface: surface)
        let renderer = CairoRenderer(context: context, rasterScale: vectorRasterDPI / 72)
        draw(in: renderer)
        try context.check("drawing the figure")
        cairo_show_page(context.pointer)
        try context.check("finishing the page")
        try surface.finish()
    }
}

/// Reads an ARGB32 image surface back as straight RGBA.
func readPixels(_ surface: CairoSurface) throws -> RGBAImage {
    let s = surface.pointer
    let w = Int(cairo_image_surface_get_width(s)), h = Int(cairo_image_surface_get_height(s))
    let stride = Int(cairo_image_surface_get_stride(s))
    guard let data = cairo_image_surface_get_data(s) else { throw PlotError.cairo(operation: "reading pixels", status: "no data") }
    var bytes = [UInt8](repeating: 0, count: w * h * 4)
    for y in 0..<h {
        let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
        for x in 0..<w {
            let v = row[x]
            let a = (v >> 24) & 0xFF
            func un(_ c: UInt32) -> UInt8 { a == 0 ? 0 : UInt8(min(255, (c * 255 + a / 2) / a)) }
            let i = 4 * (y * w + x)
            bytes[i] = un((v >> 16) & 0xFF); bytes[i + 1] = un((v >> 8) & 0xFF); bytes[i + 2] = un(v & 0xFF); bytes[i + 3] = UInt8(a)
        }
    }
    return RGBAImage(width: w, height: h, bytes: bytes)
}

/// Writes bytes to a file, with a one-line error naming the path and the system's reason.
func writeFile(_ bytes: [UInt8], to path: String) throws {
    guard let file = fopen(path, "wb") else {
        throw PlotError.unwritableOutput(path: path, reason: String(cString: strerror(errno)))
    }
    let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    let closed = fclose(file)
    guard written == bytes.count, closed == 0 else {
        throw PlotError.unwritableOutput(path: path, reason: String(cString: strerror(errno)))
    }
}

import CCairo

/// A multi-page PDF drawn through cairo: every page is drawn on a `CairoRenderer` in
/// points, origin at the top left; each page may have its own size.
///
/// The one place gradscope opens a PDF surface: single figures, figure books and reports
/// all go through it.
public final class PDFDocument {
    private let sink = ByteSink()
    private let surface: CairoSurface
    private let context: CairoContext
    private var pageCount = 0

    /// Opens a document whose first page is `width` × `height` points.
    public init(width: Double, height: Double) throws {
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        surface = try CairoSurface(cairo_pdf_surface_create_for_stream(ByteSink.write, closure, width, height),
                                   operation: "creating a PDF surface")
        // A fixed creation date keeps the file deterministic.
        cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATE_DATE, "2020-01-01T00:00:00Z")
        cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATOR, "gradscope")
        context = try CairoContext(surface: surface)
    }

    /// Opens a document of pages of one paper size.
    public convenience init(paper: PaperSize) throws {
        try self.init(width: paper.points.width, height: paper.points.height)
    }

    /// A renderer that measures text with the fonts the pages will use (for laying out
    /// pages before they are drawn). Draw nothing with it.
    public func measuringRenderer() -> Renderer { CairoRenderer(context: context, rasterScale: 1) }

    /// Draws one page of `width` × `height` points (the previous page's size when nil).
    /// - Parameter rasterScale: pixels per point for raster parts (heatmaps).
    public func addPage(width: Double? = nil, height: Double? = nil, rasterScale: Double = 150.0 / 72,
                        draw: (Renderer) -> Void) throws {
        if let width, let height { cairo_pdf_surface_set_size(surface.pointer, width, height) }
        cairo_save(context.pointer)
        draw(CairoRenderer(context: context, rasterScale: rasterScale))
        cairo_restore(context.pointer)
        cairo_show_page(context.pointer)
        try context.check("drawing PDF page \(pageCount + 1)")
        pageCount += 1
    }

    /// Finishes the document and returns its bytes.
    public func finish() throws -> [UInt8] {
        guard pageCount > 0 else { throw PlotError.noData("a PDF needs at least one page") }
        try surface.finish()
        return sink.bytes
    }
}

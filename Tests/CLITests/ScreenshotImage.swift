import CCairo

/// A PNG screenshot decoded by Cairo, as RGB pixels (alpha ignored: screenshots are opaque).
struct ScreenshotImage {
    var width: Int
    var height: Int
    /// Row-major (red, green, blue).
    private var pixels: [(UInt8, UInt8, UInt8)]

    init?(path: String) {
        guard let surface = cairo_image_surface_create_from_png(path) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS,
              let data = cairo_image_surface_get_data(surface) else { return nil }
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        var pixels: [(UInt8, UInt8, UInt8)] = []
        pixels.reserveCapacity(width * height)
        for y in 0..<height {
            for x in 0..<width {
                // CAIRO_FORMAT_(A)RGB32: native-endian 0xAARRGGBB, so B, G, R, A in memory on little-endian.
                let p = data + y * stride + 4 * x
                pixels.append((p[2], p[1], p[0]))
            }
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) { pixels[y * width + x] }

    /// Whether the pixel is coloured (not white, grey or black): the spread of its channels.
    func isColourful(x: Int, y: Int, minimumChroma: Int = 60) -> Bool {
        let (r, g, b) = pixel(x: x, y: y)
        return Int(max(r, g, b)) - Int(min(r, g, b)) >= minimumChroma
    }

    func isWhite(x: Int, y: Int) -> Bool {
        let (r, g, b) = pixel(x: x, y: y)
        return min(r, g, b) >= 250
    }

    /// Runs of rows holding at least `minimumPerRow` colourful pixels, runs closer than
    /// `gap` rows merged: on the report, one band per figure (text and tables are grey).
    func colourfulBands(minimumPerRow: Int = 20, gap: Int = 24) -> [ClosedRange<Int>] {
        var bands: [ClosedRange<Int>] = []
        for y in 0..<height {
            let count = (0..<width).reduce(0) { $0 + (isColourful(x: $1, y: y) ? 1 : 0) }
            guard count >= minimumPerRow else { continue }
            if let last = bands.last, y - last.upperBound <= gap { bands[bands.count - 1] = last.lowerBound...y } else {
                bands.append(y...y)
            }
        }
        return bands
    }

    /// The distinct colours among the colourful pixels of `rows`, each channel quantised to 32 levels.
    func distinctColours(rows: ClosedRange<Int>) -> Int {
        var seen = Set<Int>()
        for y in rows where y < height {
            for x in 0..<width where isColourful(x: x, y: y) {
                let (r, g, b) = pixel(x: x, y: y)
                seen.insert(Int(r >> 3) << 10 | Int(g >> 3) << 5 | Int(b >> 3))
            }
        }
        return seen.count
    }
}

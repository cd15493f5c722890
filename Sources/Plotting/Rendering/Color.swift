/// A straight (not premultiplied) RGBA colour with components in [0, 1].
public struct Color: Sendable, Hashable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red; self.green = green; self.blue = blue; self.alpha = alpha
    }

    /// A colour from a 24-bit `0xRRGGBB` literal.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double((hex >> 16) & 0xFF) / 255, green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255, alpha: alpha)
    }

    public func withAlpha(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// Linear interpolation in RGB: `self` at t = 0, `other` at t = 1.
    public func mixed(with other: Color, _ t: Double) -> Color {
        Color(red: red + (other.red - red) * t, green: green + (other.green - green) * t,
              blue: blue + (other.blue - blue) * t, alpha: alpha + (other.alpha - alpha) * t)
    }

    /// `#rrggbbaa`, each component rounded to 8 bits.
    public var hexString: String {
        func byte(_ v: Double) -> String {
            let b = Int((min(max(v, 0), 1) * 255).rounded())
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + byte(red) + byte(green) + byte(blue) + byte(alpha)
    }

    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let white = Color(red: 1, green: 1, blue: 1)
    public static let clear = Color(red: 0, green: 0, blue: 0, alpha: 0)
}

/// Pixels of a raster image: row-major from the top row, straight RGBA bytes.
public struct RGBAImage: Sendable, Hashable {
    public let width: Int
    public let height: Int
    /// `width * height * 4` bytes: r, g, b, a for each pixel.
    public var bytes: [UInt8]

    public init(width: Int, height: Int, bytes: [UInt8]) {
        precondition(width >= 0 && height >= 0 && bytes.count == width * height * 4)
        self.width = width; self.height = height; self.bytes = bytes
    }

    public init(width: Int, height: Int, fill: Color = .clear) {
        self.width = width; self.height = height
        let px = RGBAImage.pack(fill)
        var bytes = [UInt8](repeating: 0, count: width * height * 4)
        for i in 0..<(width * height) {
            bytes[4 * i] = px.0; bytes[4 * i + 1] = px.1; bytes[4 * i + 2] = px.2; bytes[4 * i + 3] = px.3
        }
        self.bytes = bytes
    }

    public subscript(x: Int, y: Int) -> Color {
        get {
            let i = 4 * (y * width + x)
            return Color(red: Double(bytes[i]) / 255, green: Double(bytes[i + 1]) / 255,
                         blue: Double(bytes[i + 2]) / 255, alpha: Double(bytes[i + 3]) / 255)
        }
        set {
            let i = 4 * (y * width + x)
            let p = RGBAImage.pack(newValue)
            bytes[i] = p.0; bytes[i + 1] = p.1; bytes[i + 2] = p.2; bytes[i + 3] = p.3
        }
    }

    static func pack(_ c: Color) -> (UInt8, UInt8, UInt8, UInt8) {
        func b(_ v: Double) -> UInt8 { UInt8((min(max(v, 0), 1) * 255).rounded()) }
        return (b(c.red), b(c.green), b(c.blue), b(c.alpha))
    }
}

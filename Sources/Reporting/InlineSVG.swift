import Foundation
import Plotting

/// A figure as an `<svg>` element to inline in an HTML page.
///
/// Cairo writes a standalone SVG document: an XML prolog, a fixed size in points and ids
/// (`glyph-0-1`, `clip-3`, `image-…`) that every figure reuses. Inlined as they are, the
/// second figure's `<use href="#glyph-0-1">` would draw the first figure's glyphs. So the
/// prolog is dropped, every id and reference gets the figure's own prefix, and the fixed
/// size gives way to the viewBox, which the stylesheet scales to the page's width.
enum InlineSVG {
    static func markup(of figure: Figure, idPrefix: String) throws -> String {
        let svg = String(decoding: try figure.encoded(as: .svg), as: UTF8.self)
        return prefixingIDs(in: stripProlog(svg), with: idPrefix)
    }

    /// The text from `<svg` on.
    static func stripProlog(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return svg }
        return String(svg[start.lowerBound...])
    }

    /// Prefixes `id="…"`, `href="#…"` and `url(#…)` (with or without the xlink namespace),
    /// and drops the root's width and height so that CSS sizes it from its viewBox.
    static func prefixingIDs(in svg: String, with prefix: String) -> String {
        var text = svg
        text = text.replacingOccurrences(of: " id=\"", with: " id=\"\(prefix)")
        text = text.replacingOccurrences(of: "href=\"#", with: "href=\"#\(prefix)")
        text = text.replacingOccurrences(of: "url(#", with: "url(#\(prefix)")
        if let rootEnd = text.firstIndex(of: ">") {
            var root = String(text[..<rootEnd])
            root = root.replacingOccurrences(of: #" width="[^"]*""#, with: "", options: .regularExpression)
            root = root.replacingOccurrences(of: #" height="[^"]*""#, with: "", options: .regularExpression)
            text = root + text[rootEnd...]
        }
        return text
    }
}

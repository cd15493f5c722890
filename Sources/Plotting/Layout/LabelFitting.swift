/// Fits an axis label, centred on its axis, into the room the figure leaves it.
///
/// `length` is twice the distance from the axis's centre to the nearer figure edge. A label
/// longer than that first drops a trailing parenthetical ("rₜ (variance rectification)" →
/// "rₜ"), then shrinks its font, to `minimumSize` points at least. A label that fits is
/// returned unchanged, so figures of the usual sizes are not affected.
func fittedAxisLabel(_ label: String, length: Double, font: Font, minimumSize: Double = 6,
                     renderer r: any Renderer) -> (text: String, font: Font) {
    var text = label
    if r.measure(text, font: font).width > length, let open = text.range(of: " ("), text.hasSuffix(")") {
        text = String(text[..<open.lowerBound])
    }
    let width = r.measure(text, font: font).width
    guard width > length, width > 0 else { return (text, font) }
    var smaller = font
    smaller.size = max(minimumSize, font.size * length / width)
    return (text, smaller)
}

/// Greedy line breaking: words go onto a line while the line's measured width stays within
/// `width`; a word wider than `width` on its own is cut between characters. A newline in
/// the text always starts a new line. Returns at least one (possibly empty) line.
func wrapLines(_ text: String, font: Font, width: Double, measure: Renderer) -> [String] {
    func fits(_ s: String) -> Bool { measure.measure(s, font: font).width <= width + 1e-6 }  // rounding slack
    var lines: [String] = []
    for hard in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        for word in hard.split(separator: " ").map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if fits(candidate) { line = candidate; continue }
            if !line.isEmpty { lines.append(line) }
            line = ""
            let pieces = cut(word, fits: fits)
            lines += pieces.dropLast()
            line = pieces.last ?? ""
        }
        lines.append(line)
    }
    return lines
}

/// The word cut into pieces that each fit (a single character always counts as a piece).
private func cut(_ word: String, fits: (String) -> Bool) -> [String] {
    var pieces: [String] = []
    var piece = ""
    for ch in word {
        if !piece.isEmpty && !fits(piece + String(ch)) {
            pieces.append(piece)
            piece = ""
        }
        piece.append(ch)
    }
    if !piece.isEmpty { pieces.append(piece) }
    return pieces
}

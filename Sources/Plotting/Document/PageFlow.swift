/// Flows text, tables and figures down pages of one paper size: a cursor moves down the
/// content area (the page inside the margins) and a new page starts whenever the next
/// line, table row or figure would pass the bottom margin.
struct PageFlow {
    let paper: PaperSize
    let style: DocumentStyle
    let measure: Renderer
    /// The page inside the margins.
    let content: Rect
    private var pages: [DocumentPage] = []
    private var items: [DocumentPage.Item] = []
    private var y: Double

    init(paper: PaperSize, style: DocumentStyle, measure: Renderer) {
        self.paper = paper; self.style = style; self.measure = measure
        content = paper.bounds.inset(top: style.margin, left: style.margin, bottom: style.margin, right: style.margin)
        y = content.minY
    }

    func lineHeight(_ font: Font) -> Double { font.size * style.lineSpacing }

    /// Starts a new page unless the current one is still empty.
    mutating func breakPage() {
        guard !items.isEmpty else { return }
        pages.append(DocumentPage(paper: paper, items: items))
        items = []
        y = content.minY
    }

    /// Makes room for `height` points: breaks the page when they would not fit below the cursor.
    /// Returns whether it broke.
    @discardableResult
    mutating func ensure(_ height: Double) -> Bool {
        guard y + height > content.maxY, !items.isEmpty else { return false }
        breakPage()
        return true
    }

    mutating func space(_ height: Double) {
        y = min(y + height, content.maxY)
    }

    /// A wrapped heading (a title or a section name).
    mutating func heading(_ text: String, font: Font) {
        paragraph(text, font: font, keepWithNext: 1)
        space(font.size * 0.3)
    }

    /// A wrapped paragraph, line by line, breaking pages between lines. `keepWithNext`
    /// body lines must fit after it, so a heading never ends a page.
    mutating func paragraph(_ text: String, font: Font, indent: Double = 0, keepWithNext: Int = 0) {
        let lines = wrapLines(text, font: font, width: content.width - indent, measure: measure)
        let height = lineHeight(font)
        ensure(Double(lines.count) * height + Double(keepWithNext) * lineHeight(style.bodyFont))
        for line in lines {
            ensure(height)
            items.append(.text(line, origin: Point(content.minX + indent, y), font: font))
            y += height
        }
    }

    /// One page holding the figure, scaled to the margins, with its caption under it.
    mutating func figurePage(_ captioned: CaptionedFigure) {
        breakPage()
        let font = style.captionFont
        let caption = wrapLines(captioned.caption, font: font, width: content.width, measure: measure)
        let captionHeight = Double(caption.count) * lineHeight(font)
        let area = content.inset(bottom: min(content.height, captionHeight + style.captionGap))
        let placed = captioned.figure.fitted(in: area)
        items.append(.figure(captioned.figure, in: placed))
        y = placed.maxY + style.captionGap
        for line in caption where y + lineHeight(font) <= content.maxY {
            items.append(.text(line, origin: Point(content.minX, y), font: font))
            y += lineHeight(font)
        }
    }

    /// The table: columns as wide as their widest cell, shrunk in proportion when the page is
    /// narrower; cells wrap within their column; the header repeats after each page break.
    mutating func table(_ table: ReportTable) {
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return }
        let widths = columnWidths(table, columns: columns)
        let header = cellLines(table.header, widths: widths, font: style.tableHeaderFont)
        let headerHeight = rowHeight(header, font: style.tableHeaderFont)
        ensure(headerHeight + lineHeight(style.tableFont) + 2 * style.cellPadding)
        drawRow(header, widths: widths, font: style.tableHeaderFont, rule: true)
        // A row never taller than a page below the header.
        let maxLines = max(1, Int((content.height - headerHeight - 2 * style.cellPadding) / lineHeight(style.tableFont)))
        for row in table.rows {
            let lines = cellLines(row, widths: widths, font: style.tableFont).map { Array($0.prefix(maxLines)) }
            if ensure(rowHeight(lines, font: style.tableFont)) {
                drawRow(header, widths: widths, font: style.tableHeaderFont, rule: true)
            }
            drawRow(lines, widths: widths, font: style.tableFont, rule: false)
        }
        items.append(.rule(y: y, from: content.minX, to: content.maxX))
    }

    private func columnWidths(_ table: ReportTable, columns: Int) -> [Double] {
        var natural = [Double](repeating: 2 * style.cellPadding + 1, count: columns)
        for (row, font) in [(table.header, style.tableHeaderFont)] + table.rows.map({ ($0, style.tableFont) }) {
            for (i, cell) in row.prefix(columns).enumerated() {
                let widest = cell.split(separator: "\n").map { measure.measure(String($0), font: font).width }.max() ?? 0
                natural[i] = max(natural[i], widest + 2 * style.cellPadding)
            }
        }
        return fairShares(natural, total: content.width)
    }

    /// Column widths within `total`: columns narrower than an equal share of what is left keep
    /// their width; the wider ones split the rest equally (and wrap).
    private func fairShares(_ natural: [Double], total: Double) -> [Double] {
        guard natural.reduce(0, +) > total else { return natural }
        var widths = natural
        var open = Set(natural.indices)
        var left = total
        while true {
            let share = left / Double(open.count)
            let narrow = open.filter { natural[$0] <= share }
            if narrow.isEmpty {
                for i in open { widths[i] = share }
                return widths
            }
            for i in narrow { left -= natural[i] }
            open.subtract(narrow)
            if open.isEmpty { return widths }
        }
    }

    private func cellLines(_ row: [String], widths: [Double], font: Font) -> [[String]] {
        widths.indices.map { i in
            wrapLines(i < row.count ? row[i] : "", font: font, width: widths[i] - 2 * style.cellPadding, measure: measure)
        }
    }

    private func rowHeight(_ cells: [[String]], font: Font) -> Double {
        Double(cells.map(\.count).max() ?? 1) * lineHeight(font) + 2 * style.cellPadding
    }

    private mutating func drawRow(_ cells: [[String]], widths: [Double], font: Font, rule: Bool) {
        if rule { items.append(.rule(y: y, from: content.minX, to: content.maxX)) }
        var x = content.minX
        for (lines, width) in zip(cells, widths) {
            for (k, line) in lines.enumerated() where !line.isEmpty {
                items.append(.text(line, origin: Point(x + style.cellPadding, y + style.cellPadding + Double(k) * lineHeight(font)), font: font))
            }
            x += width
        }
        y += rowHeight(cells, font: font)
        if rule { items.append(.rule(y: y, from: content.minX, to: content.maxX)) }
    }

    /// The pages so far plus the last one.
    mutating func finish() -> [DocumentPage] {
        breakPage()
        return pages
    }
}

/// A table of text cells; the header row is repeated on every page the table runs onto.
public struct ReportTable: Sendable {
    public var header: [String]
    public var rows: [[String]]
    public init(header: [String], rows: [[String]]) { self.header = header; self.rows = rows }
}

/// A paragraph with a bold heading (a diagnosis finding: kind, severity, tag) and body
/// paragraphs under it (evidence, remedy).
public struct ReportParagraph: Sendable {
    public var heading: String
    public var body: [String]
    public init(heading: String, body: [String]) { self.heading = heading; self.body = body }
}

/// A figure with the caption printed under it.
public struct CaptionedFigure: Sendable {
    public var caption: String
    public var figure: Figure
    public init(caption: String, figure: Figure) { self.caption = caption; self.figure = figure }
}

/// A printable report: the title, the runs table and the findings flow from the first page
/// onto as many pages as they need; then each figure gets a page of its own, scaled to the
/// margins, with its caption under it.
public struct ReportDocument: Sendable {
    public var title: String
    public var runTable: ReportTable
    public var findings: [ReportParagraph]
    public var figures: [CaptionedFigure]
    public var style: DocumentStyle

    public init(title: String, runTable: ReportTable, findings: [ReportParagraph], figures: [CaptionedFigure],
                style: DocumentStyle = DocumentStyle()) {
        self.title = title; self.runTable = runTable; self.findings = findings; self.figures = figures; self.style = style
    }

    /// The laid-out pages, text measured with `measure`.
    public func pages(paper: PaperSize, measure: Renderer) -> [DocumentPage] {
        var flow = PageFlow(paper: paper, style: style, measure: measure)
        flow.heading(title, font: style.titleFont)
        flow.space(style.sectionGap)
        flow.heading("Runs", font: style.headingFont)
        flow.table(runTable)
        flow.space(style.sectionGap)
        flow.heading("Diagnosis", font: style.headingFont)
        if findings.isEmpty { flow.paragraph("No findings.", font: style.bodyFont) }
        for finding in findings {
            flow.paragraph(finding.heading, font: style.findingFont, keepWithNext: 2)
            for text in finding.body { flow.paragraph(text, font: style.bodyFont, indent: style.indent) }
            flow.space(style.paragraphGap)
        }
        for figure in figures { flow.figurePage(figure) }
        return flow.finish()
    }

    /// The report as PDF bytes on pages of `paper`.
    public func pdf(paper: PaperSize) throws -> [UInt8] {
        for figure in figures { try figure.figure.validate() }
        let document = try PDFDocument(paper: paper)
        for page in pages(paper: paper, measure: document.measuringRenderer()) {
            try document.addPage { page.draw(in: $0) }
        }
        return try document.finish()
    }

    /// Writes the report as a PDF file.
    public func writePDF(to path: String, paper: PaperSize) throws {
        try writeFile(try pdf(paper: paper), to: path)
    }
}

/// Fonts, margins and spacing of a printed document (points).
public struct DocumentStyle: Sendable {
    public var margin: Double = 56          // ≈ 2 cm
    public var titleFont = Font(size: 18, bold: true)
    public var headingFont = Font(size: 13, bold: true)
    public var findingFont = Font(size: 10, bold: true)
    public var bodyFont = Font(size: 9.5)
    public var tableFont = Font(size: 8.5)
    public var tableHeaderFont = Font(size: 8.5, bold: true)
    public var captionFont = Font(size: 9)
    /// Baseline-to-baseline distance as a multiple of the font size.
    public var lineSpacing: Double = 1.3
    public var cellPadding: Double = 4
    public var indent: Double = 12
    public var sectionGap: Double = 14
    public var paragraphGap: Double = 6
    public var captionGap: Double = 8
    public init() {}
}

import Diagnosis
import Foundation
import Mustache
import Plotting
import TensorBoardLog

/// Everything a report shows: the runs, their diagnoses and the figures with captions.
public struct ReportPage {
    /// One row of the runs table.
    public struct Run {
        public var name: String
        /// The last step any series of the run reaches (nil for an empty run).
        public var steps: Int64?
        /// The last value of the loss tag (nil when the run has none).
        public var finalLoss: Double?
        /// What the log records of the run's configuration (hparams).
        public var configuration: RunConfiguration

        public init(name: String, steps: Int64?, finalLoss: Double?, configuration: RunConfiguration) {
            self.name = name
            self.steps = steps
            self.finalLoss = finalLoss
            self.configuration = configuration
        }
    }

    /// A figure and the caption that says what to look at.
    public struct Figure {
        public var title: String
        public var caption: String
        public var figure: Plotting.Figure

        public init(title: String, caption: String, figure: Plotting.Figure) {
            self.title = title
            self.caption = caption
            self.figure = figure
        }
    }

    public var title: String
    public var runs: [Run]
    public var diagnoses: [RunDiagnosis]
    public var figures: [Figure]

    public init(title: String, runs: [Run], diagnoses: [RunDiagnosis], figures: [Figure]) {
        self.title = title
        self.runs = runs
        self.diagnoses = diagnoses
        self.figures = figures
    }

    /// The self-contained HTML page: inline SVG figures, an inline stylesheet, no script,
    /// no external URL. Every text from a log is HTML-escaped by the template.
    public func html() throws -> String {
        let template = try MustacheTemplate(string: ReportTemplate.html)
        return template.render(try ReportView(self))
    }
}

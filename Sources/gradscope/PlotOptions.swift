import ArgumentParser
import Plotting

/// Options every `gradscope plot` subcommand takes.
struct PlotFigureOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output file: .png, .svg or .pdf.")
    var output: String

    @Option(help: "Figure width in inches.")
    var width: Double = 6.4

    @Option(help: "Figure height in inches.")
    var height: Double = 4.0

    @Option(help: "Resolution of PNG output (and of raster parts of SVG/PDF), dots per inch.")
    var dpi: Double = 150

    @Option(help: "paper (white) or dark.")
    var theme: Theme = .paper

    @Option(help: "Figure title.")
    var title: String?

    func validate() throws {
        do { _ = try OutputFormat(path: output) } catch let error as PlotError {
            throw ValidationError(error.description)
        }
        guard width > 0, width <= 100, height > 0, height <= 100 else {
            throw ValidationError("--width and --height must be between 0 and 100 inches")
        }
        guard dpi >= 10, dpi <= 2400 else { throw ValidationError("--dpi must be between 10 and 2400") }
    }

    /// Renders `content` and writes it to `--output`.
    func write(_ content: any FigureContent) throws {
        let figure = Figure(content: content, width: width, height: height, dpi: dpi, vectorRasterDPI: dpi,
                            theme: theme)
        try mapPlotError { try figure.write(to: output) }
    }
}

/// Options selecting runs and a tag in the logs.
struct PlotLogOptions: ParsableArguments {
    @Argument(help: "TensorBoard log directories (or event files).")
    var logdirs: [String] = []

    @Option(name: .customLong("run"), help: "Run to plot (repeatable); all runs when omitted.")
    var runs: [String] = []

    @Option(help: "Tag to plot.")
    var tag: String?
}

/// A one-line failure of `gradscope plot` (printed as "Error: …", exit code 1).
struct PlotCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Turns a `PlotError` into a one-line `PlotCommandError`.
func mapPlotError<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as PlotError { throw PlotCommandError(error.description) }
}

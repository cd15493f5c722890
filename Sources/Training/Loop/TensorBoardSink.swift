import Histograms
import TensorBoardLog

/// Writes a run's scalars and histograms to a TensorBoard event file in `logdir/<run>`
/// through `TensorBoardLog.EventFileWriter`.
public final class TensorBoardSink: TrainingLogSink {
    public let writer: EventFileWriter

    /// Creates `directory` (one TensorBoard run) and a new event file in it.
    public init(directory: String) throws {
        writer = try EventFileWriter(logdir: directory)
    }

    public func scalar(_ tag: String, step: Int, value: Double) {
        writer.addScalar(tag, value, step: Int64(step))
    }

    public func histogram(_ tag: String, step: Int, _ histogram: ExponentialHistogram) {
        writer.addHistogram(tag, histogram, step: Int64(step))
    }

    /// Writes the configuration as TensorBoard's hparams, with `loss` as the metric.
    public func configuration(_ configuration: RunConfiguration) {
        writer.addConfiguration(configuration, metrics: ["loss"])
    }

    public func flush() throws { try writer.flush() }

    /// Flushes and closes the event file.
    public func finish() throws { try writer.close() }
}

import Foundation
import SwiftProtobuf

/// Plugin names that decide how a tensor value is read.
enum PluginName {
    static let scalars = "scalars"
    static let histograms = "histograms"
}

/// Turns serialized `Event`s into `LogEvent`s.
///
/// Writers put a value's `SummaryMetadata` only on the first occurrence of its tag, so the
/// decoder remembers the plugin name of every tag it has seen; use one decoder per run
/// (files in name order) to match TensorBoard.
///
/// With a `ReadFilter` other than `.everything`, a summary event is first scanned
/// (`EventWireScan`): only the values the filter wants are decoded, and an event left with
/// nothing is dropped (nil, no warning). Skipped values still teach the decoder their tag's
/// plugin, so a later wanted value reads as in a full read. The result is exactly the full
/// read restricted to the wanted values; problems inside a skipped value's payload (which
/// the full read would report) are not looked for. Framing damage is found either way:
/// `TFRecordReader` checks every record's CRCs before the decoder sees it.
struct EventDecoder {
    private var pluginByTag: [String: String] = [:]

    /// Decodes the values of one record that `filter` wants; nil when there are none or the
    /// record is not a valid `Event` (then with a warning).
    mutating func decode(_ bytes: UnsafeRawBufferPointer, offset: Int, file: String, filter: ReadFilter,
                         warnings: inout [LogWarning]) -> LogEvent? {
        if filter.isEverything {
            return decode(TFRecord(offset: offset, data: Data(bytes)), file: file, warnings: &warnings)
        }
        guard let scanned = EventWireScan.event(bytes) else {
            return decodeInFull(bytes, offset: offset, file: file, filter: filter, warnings: &warnings)
        }
        var result = LogEvent(offset: offset, wallTime: scanned.wallTime, step: scanned.step, values: [])
        var valueWarnings: [LogWarning] = []
        for value in scanned.values {
            let kind = classify(value)
            guard filter.wants(kind, tag: value.tag) else { continue }
            guard let decoded = try? Tensorboard_Summary.Value(serializedBytes: Data(bytes[value.range])) else {
                return decodeInFull(bytes, offset: offset, file: file, filter: filter, warnings: &warnings)
            }
            add(decoded, to: &result, file: file, warnings: &valueWarnings)
        }
        warnings += valueWarnings
        return result.values.isEmpty && result.configuration == nil ? nil : result
    }

    /// The kind of a scanned value, remembering its plugin as `decode(_:file:offset:warnings:)` does.
    private mutating func classify(_ value: EventWireScan.Value) -> ReadFilter.ValueKind {
        if value.pluginName == HParamsSummary.pluginName { return .configuration }
        var plugin = pluginByTag[value.tag]
        if let name = value.pluginName {
            if plugin != name { pluginByTag[value.tag] = name }
            plugin = name
        }
        switch value.contentField {
        case EventWireScan.ContentField.simpleValue: return .scalar
        case EventWireScan.ContentField.histo: return .histogram
        case EventWireScan.ContentField.tensor:
            switch plugin {
            case PluginName.histograms: return .histogram
            case nil, PluginName.scalars, "": return .scalar
            default: return .other
            }
        default: return .other
        }
    }

    /// The full decode of a record, restricted to what `filter` wants.
    private mutating func decodeInFull(_ bytes: UnsafeRawBufferPointer, offset: Int, file: String, filter: ReadFilter,
                                       warnings: inout [LogWarning]) -> LogEvent? {
        guard var event = decode(TFRecord(offset: offset, data: Data(bytes)), file: file, warnings: &warnings) else {
            return nil
        }
        if !filter.configuration { event.configuration = nil }
        event.values.removeAll { value in
            switch value.content {
            case .scalar: !filter.scalars.contains(value.tag)
            case .histogram: !filter.histograms.contains(value.tag)
            }
        }
        return event.values.isEmpty && event.configuration == nil && event.fileVersion == nil ? nil : event
    }

    /// Decodes one record; nil (and a warning) when it is not a valid `Event`.
    mutating func decode(_ record: TFRecord, file: String, warnings: inout [LogWarning]) -> LogEvent? {
        let event: Tensorboard_Event
        do {
            event = try Tensorboard_Event(serializedBytes: record.data)
        } catch {
            warnings.append(LogWarning(file: file, offset: record.offset, message: "undecodable Event: \(error)"))
            return nil
        }
        var result = LogEvent(offset: record.offset, wallTime: event.wallTime, step: event.step, values: [])
        switch event.what {
        case .fileVersion(let version):
            result.fileVersion = version
        case .summary(let summary):
            result.values.reserveCapacity(summary.value.count)
            for value in summary.value {
                add(value, to: &result, file: file, warnings: &warnings)
            }
        default:
            break
        }
        return result
    }

    /// Adds one summary value to `event`: its configuration (hparams) or its scalar or histogram.
    private mutating func add(_ value: Tensorboard_Summary.Value, to event: inout LogEvent, file: String,
                              warnings: inout [LogWarning]) {
        if value.metadata.pluginData.pluginName == HParamsSummary.pluginName {
            do {
                if let configuration = try HParamsSummary.configuration(of: value) {
                    event.configuration = configuration
                }
            } catch {
                warnings.append(LogWarning(file: file, offset: event.offset,
                                           message: "tag \(value.tag): undecodable hparams data: skipped"))
            }
            return
        }
        if let content = decode(value, file: file, offset: event.offset, warnings: &warnings) {
            event.values.append(LogValue(tag: value.tag, content: content))
        }
    }

    private mutating func decode(_ value: Tensorboard_Summary.Value, file: String, offset: Int,
                                 warnings: inout [LogWarning]) -> LogValue.Content? {
        var plugin = pluginByTag[value.tag]
        if value.hasMetadata, value.metadata.hasPluginData {
            let name = value.metadata.pluginData.pluginName
            if plugin != name { pluginByTag[value.tag] = name }
            plugin = name
        }
        func warn(_ message: String) {
            warnings.append(LogWarning(file: file, offset: offset, message: "tag \(value.tag): \(message)"))
        }
        switch value.value {
        case .simpleValue(let x):
            return .scalar(Double(x))
        case .histo(let histo):
            if value.hasMetadata, value.metadata.pluginData.pluginName == ExponentialHistogramPayload.pluginName {
                do {
                    return .histogram(.exponential(try ExponentialHistogramPayload.decode(value.metadata.pluginData.content)))
                } catch {
                    warn("\(error); read as a plain histogram")
                }
            }
            return .histogram(.bucketed(BucketedHistogram(histo)))
        case .tensor(let tensor):
            switch plugin {
            case PluginName.histograms:
                guard let histogram = BucketedHistogram(histogramTensor: tensor) else {
                    warn("histogram tensor is not a [k,3] float/double tensor: skipped")
                    return nil
                }
                return .histogram(.bucketed(histogram))
            case nil, PluginName.scalars, "":
                guard tensor.tensorShape.dim.isEmpty, let elements = tensor.floatingPointElements(),
                      elements.count == 1 else {
                    if plugin == PluginName.scalars { warn("scalar tensor is not a rank-0 float/double: skipped") }
                    return nil
                }
                return .scalar(elements[0])
            default:
                return nil
            }
        default:
            return nil
        }
    }
}

extension BucketedHistogram {
    /// A legacy histogram from a `HistogramProto`.
    init(_ proto: Tensorboard_HistogramProto) {
        self.init(bucketLimits: proto.bucketLimit, bucketCounts: proto.bucket,
                  statistics: Statistics(min: proto.min, max: proto.max, num: proto.num,
                                         sum: proto.sum, sumOfSquares: proto.sumSquares))
    }

    /// A histogram from a TF2 `[k, 3]` tensor of rows `(left, right, count)`; nil if the
    /// tensor has another shape or dtype.
    init?(histogramTensor tensor: Tensorboard_TensorProto) {
        let dims = tensor.dimensions
        guard dims.count == 2, dims[1] == 3, let elements = tensor.floatingPointElements(),
              elements.count % 3 == 0, Int64(elements.count / 3) == dims[0] else { return nil }
        let k = Int(dims[0])
        var lefts = [Double](), rights = [Double](), counts = [Double]()
        lefts.reserveCapacity(k)
        rights.reserveCapacity(k)
        counts.reserveCapacity(k)
        for row in 0..<k {
            lefts.append(elements[3 * row])
            rights.append(elements[3 * row + 1])
            counts.append(elements[3 * row + 2])
        }
        self.init(source: .tensor, leftEdges: lefts, rightEdges: rights, counts: counts, statistics: nil)
    }
}

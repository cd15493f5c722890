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
        let plugin = remember(value.pluginName, of: value.tag)
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
                                           message: "tag \(value.tag), step \(event.step): undecodable hparams data: skipped"))
            }
            return
        }
        if let content = decode(value, file: file, offset: event.offset, step: event.step, warnings: &warnings) {
            event.values.append(LogValue(tag: value.tag, content: content))
        }
    }

    /// One value's content; nil when it is not a scalar or histogram, or fails its checks
    /// (then with a warning naming the tag and the step).
    private mutating func decode(_ value: Tensorboard_Summary.Value, file: String, offset: Int, step: Int64,
                                 warnings: inout [LogWarning]) -> LogValue.Content? {
        let named = value.hasMetadata && value.metadata.hasPluginData ? value.metadata.pluginData.pluginName : nil
        let plugin = remember(named, of: value.tag)
        func warn(_ message: String) {
            warnings.append(LogWarning(file: file, offset: offset, message: "tag \(value.tag), step \(step): \(message)"))
        }
        switch value.value {
        case .simpleValue(let x):
            return .scalar(Double(x))
        case .histo(let histo):
            return decodeHistogram(histo, metadata: value.metadata, plugin: plugin, warn: warn)
        case .tensor(let tensor):
            switch plugin {
            case PluginName.histograms:
                guard let rows = ForeignHistogram.rows(ofHistogramTensor: tensor) else {
                    warn("histogram tensor is not a [k,3] float/double tensor: skipped")
                    return nil
                }
                do {
                    return .histogram(.bucketed(try ForeignHistogram.checked(
                        leftEdges: rows.lefts, rightEdges: rows.rights, counts: rows.counts)))
                } catch {
                    warn(error.description)
                    return nil
                }
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

extension EventDecoder {
    /// The plugin of `tag`: `name` when the value carries a non-empty one (then remembered
    /// for the tag's later values), else the remembered one. Payload version 2 leaves the
    /// name empty after a tag's first value, so an empty name never overwrites.
    fileprivate mutating func remember(_ name: String?, of tag: String) -> String? {
        guard let name, !name.isEmpty else { return pluginByTag[tag] }
        if pluginByTag[tag] != name { pluginByTag[tag] = name }
        return name
    }

    /// A `histo` value: gradscope's exact histogram when the tag's plugin is ours, or when
    /// the value carries plugin content under an empty name on a tag whose plugin is unknown
    /// (its first record lost); else, or when the payload fails its checks (then with a
    /// warning), the legacy buckets as stored, if they pass theirs (else nil, with a warning).
    fileprivate func decodeHistogram(_ histo: Tensorboard_HistogramProto, metadata: Tensorboard_SummaryMetadata,
                                     plugin: String?, warn: (String) -> Void) -> LogValue.Content? {
        let content = metadata.pluginData.content
        let ours = plugin == ExponentialHistogramPayload.pluginName
        if ours || (plugin == nil && !content.isEmpty) {
            do {
                return .histogram(.exponential(try ExponentialHistogramPayload.decode(content, display: histo)))
            } catch {
                if ours { warn("\(error); read as a plain histogram") }
            }
        }
        do {
            return .histogram(.bucketed(try ForeignHistogram(checking: histo)))
        } catch {
            warn(error.description)
            return nil
        }
    }
}

extension ForeignHistogram {
    /// A legacy histogram from a `HistogramProto`, checked (`checked(bucketLimits:…)`).
    init(checking proto: Tensorboard_HistogramProto) throws(ForeignHistogramError) {
        self = try Self.checked(bucketLimits: proto.bucketLimit, bucketCounts: proto.bucket,
                                statistics: Statistics(min: proto.min, max: proto.max, num: proto.num,
                                                       sum: proto.sum, sumOfSquares: proto.sumSquares))
    }

    /// The rows `(left, right, count)` of a TF2 `[k, 3]` histogram tensor; nil if the
    /// tensor has another shape or dtype.
    static func rows(ofHistogramTensor tensor: Tensorboard_TensorProto)
        -> (lefts: [Double], rights: [Double], counts: [Double])? {
        let dims = tensor.dimensions
        guard dims.count == 2, dims[1] == 3, let elements = tensor.floatingPointElements(),
              elements.count % 3 == 0, Int64(elements.count / 3) == dims[0] else { return nil }
        let k = elements.count / 3
        var lefts = [Double](), rights = [Double](), counts = [Double]()
        lefts.reserveCapacity(k)
        rights.reserveCapacity(k)
        counts.reserveCapacity(k)
        for row in 0..<k {
            lefts.append(elements[3 * row])
            rights.append(elements[3 * row + 1])
            counts.append(elements[3 * row + 2])
        }
        return (lefts, rights, counts)
    }
}

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
struct EventDecoder {
    private var pluginByTag: [String: String] = [:]

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
                if value.metadata.pluginData.pluginName == HParamsSummary.pluginName {
                    do {
                        if let configuration = try HParamsSummary.configuration(of: value) {
                            result.configuration = configuration
                        }
                    } catch {
                        warnings.append(LogWarning(file: file, offset: record.offset,
                                                   message: "tag \(value.tag): undecodable hparams data: skipped"))
                    }
                    continue
                }
                if let content = decode(value, file: file, offset: record.offset, warnings: &warnings) {
                    result.values.append(LogValue(tag: value.tag, content: content))
                }
            }
        default:
            break
        }
        return result
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

import Foundation
import SwiftProtobuf

/// The hparams plugin's summaries, as TensorBoard's `hparams.summary` and PyTorch's
/// `SummaryWriter.add_hparams` write them: values without data whose
/// `SummaryMetadata.plugin_data` (plugin "hparams") holds a serialized `HParamsPluginData`.
enum HParamsSummary {
    static let pluginName = "hparams"
    static let experimentTag = "_hparams_/experiment"
    static let sessionStartTag = "_hparams_/session_start_info"
    static let sessionEndTag = "_hparams_/session_end_info"

    /// The hyperparameters of a session-start value; nil for other values. Throws when
    /// the plugin data does not decode.
    static func configuration(of value: Tensorboard_Summary.Value) throws -> RunConfiguration? {
        guard value.hasMetadata, value.metadata.pluginData.pluginName == pluginName else { return nil }
        let data = try Tensorboard_Hparams_HParamsPluginData(serializedBytes: value.metadata.pluginData.content)
        guard case .sessionStartInfo(let info)? = data.data else { return nil }
        var values: [String: RunConfiguration.Value] = [:]
        for (name, value) in info.hparams {
            switch value.kind {
            case .numberValue(let x): values[name] = .number(x)
            case .stringValue(let s): values[name] = .string(s)
            case .boolValue(let b): values[name] = .bool(b)
            default: continue
            }
        }
        return RunConfiguration(values)
    }

    /// The three summary values of a run's configuration: the experiment (the names and
    /// types of the hyperparameters and the metrics), the session start with the values,
    /// and the session end, as `add_hparams` writes them.
    static func values(_ configuration: RunConfiguration, metrics: [String], startTime: Double) throws
        -> [Tensorboard_Summary.Value] {
        var experiment = Tensorboard_Hparams_Experiment()
        var start = Tensorboard_Hparams_SessionStartInfo()
        start.startTimeSecs = startTime
        for name in configuration.names {
            var info = Tensorboard_Hparams_HParamInfo()
            info.name = name
            var value = Google_Protobuf_Value()
            switch configuration.values[name]! {
            case .number(let x): info.type = .float64; value.numberValue = x
            case .string(let s): info.type = .string; value.stringValue = s
            case .bool(let b): info.type = .bool; value.boolValue = b
            }
            experiment.hparamInfos.append(info)
            start.hparams[name] = value
        }
        experiment.metricInfos = metrics.map { tag in
            var metric = Tensorboard_Hparams_MetricInfo()
            metric.name.tag = tag
            return metric
        }
        var end = Tensorboard_Hparams_SessionEndInfo()
        end.status = .success
        var data = [Tensorboard_Hparams_HParamsPluginData(), .init(), .init()]
        data[0].experiment = experiment
        data[1].sessionStartInfo = start
        data[2].sessionEndInfo = end
        return try zip([experimentTag, sessionStartTag, sessionEndTag], data).map { tag, content in
            var value = Tensorboard_Summary.Value()
            value.tag = tag
            value.metadata.pluginData.pluginName = pluginName
            value.metadata.pluginData.content = try content.serializedData()
            return value
        }
    }
}

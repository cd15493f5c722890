import Foundation
import Histograms
import Testing
@testable import TensorBoardLog

/// Scalars and TF2 histograms stored as tensors, in each of their encodings, with the
/// plugin metadata only on a tag's first value.
@Suite struct TensorDecodingTests {
    static func tensor(_ dtype: Tensorboard_DataType, shape: [Int64]) -> Tensorboard_TensorProto {
        var tensor = Tensorboard_TensorProto()
        tensor.dtype = dtype
        tensor.tensorShape.dim = shape.map { size in
            var dim = Tensorboard_TensorShapeProto.Dim()
            dim.size = size
            return dim
        }
        return tensor
    }

    static func littleEndian<T: FixedWidthInteger>(_ words: [T]) -> Data {
        var data = Data()
        for word in words { withUnsafeBytes(of: word.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func value(_ tag: String, _ tensor: Tensorboard_TensorProto, plugin: String?) -> Tensorboard_Summary.Value {
        var value = Tensorboard_Summary.Value()
        value.tag = tag
        value.tensor = tensor
        if let plugin { value.metadata.pluginData.pluginName = plugin }
        return value
    }

    static func file(_ values: [Tensorboard_Summary.Value]) throws -> String {
        var bytes: [UInt8] = []
        for (step, value) in values.enumerated() {
            var event = Tensorboard_Event()
            event.step = Int64(step)
            event.summary.value = [value]
            TFRecordFraming.append(record: try event.serializedBytes() as [UInt8], to: &bytes)
        }
        return try TestSupport.writeTemporaryFile(bytes)
    }

    @Test func scalarTensorsInEveryEncoding() throws {
        var floatVal = Self.tensor(.dtFloat, shape: [])
        floatVal.floatVal = [0.25]
        var doubleVal = Self.tensor(.dtDouble, shape: [])
        doubleVal.doubleVal = [0.1]
        var floatContent = Self.tensor(.dtFloat, shape: [])
        floatContent.tensorContent = Self.littleEndian([Float(1.5).bitPattern])
        var doubleContent = Self.tensor(.dtDouble, shape: [])
        doubleContent.tensorContent = Self.littleEndian([(1.0 / 3).bitPattern])
        var vector = Self.tensor(.dtFloat, shape: [2])
        vector.floatVal = [1, 2]
        let path = try Self.file([
            Self.value("s", floatVal, plugin: "scalars"),
            Self.value("s", doubleVal, plugin: nil),
            Self.value("s", floatContent, plugin: nil),
            Self.value("s", doubleContent, plugin: nil),
            Self.value("s", vector, plugin: nil),
        ])
        let run = RunData.load(RunLocation(name: "t", files: [path]))
        #expect(run.scalars["s"]?.map(\.value) == [0.25, 0.1, 1.5, 1.0 / 3])
        #expect(run.scalars["s"]?.map(\.step) == [0, 1, 2, 3])
        #expect(run.warnings.count == 1)
        #expect(run.warnings.first?.message.contains("rank-0") == true)
    }

    @Test func histogramTensorsInEveryEncodingWithMetadataOnFirstValueOnly() throws {
        let rows: [Double] = [0, 1, 3, 1, 2.5, 4]
        var doubleContent = Self.tensor(.dtDouble, shape: [2, 3])
        doubleContent.tensorContent = Self.littleEndian(rows.map(\.bitPattern))
        var floatContent = Self.tensor(.dtFloat, shape: [2, 3])
        floatContent.tensorContent = Self.littleEndian(rows.map { Float($0).bitPattern })
        var doubleVal = Self.tensor(.dtDouble, shape: [2, 3])
        doubleVal.doubleVal = rows
        var floatVal = Self.tensor(.dtFloat, shape: [2, 3])
        floatVal.floatVal = rows.map(Float.init)
        var badShape = Self.tensor(.dtDouble, shape: [3, 2])
        badShape.doubleVal = rows
        var empty = Self.tensor(.dtDouble, shape: [0, 3])
        empty.tensorContent = Data()
        let path = try Self.file([
            Self.value("h", doubleContent, plugin: "histograms"),
            Self.value("h", floatContent, plugin: nil),
            Self.value("h", doubleVal, plugin: nil),
            Self.value("h", floatVal, plugin: nil),
            Self.value("h", badShape, plugin: nil),
            Self.value("h", empty, plugin: nil),
        ])
        let run = RunData.load(RunLocation(name: "t", files: [path]))
        let expected = ForeignHistogram(source: .tensor, leftEdges: [0, 1], rightEdges: [1, 2.5], counts: [3, 4],
                                         statistics: nil)
        let points = try #require(run.histograms["h"])
        #expect(points.map(\.step) == [0, 1, 2, 3, 5])
        #expect(points.prefix(4).allSatisfy { $0.histogram == .bucketed(expected) })
        #expect(points.last?.histogram.buckets == SignedBuckets(edges: [], counts: []))
        #expect(run.warnings.count == 1)
        #expect(run.warnings.first?.message.contains("[k,3]") == true)
        #expect(run.scalars.isEmpty)
    }
}

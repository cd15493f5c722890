import Foundation
@testable import Histograms

/// JSON round trips for the coding tests (sorted keys, so text edits are predictable).
enum JSONEncoderLite {
    static func encode(_ h: ExponentialHistogram) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(h)
    }

    static func decode(_ data: Data) throws -> ExponentialHistogram {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(ExponentialHistogram.self, from: data)
    }
}

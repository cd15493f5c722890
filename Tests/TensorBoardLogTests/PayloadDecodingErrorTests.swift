import Foundation
import Histograms
import Testing
@testable import TensorBoardLog

/// Every way `ExponentialHistogramPayload.decode` refuses a payload, with the error it names.
/// Each payload is built field by field, so the refused value is the only thing wrong with it.
@Suite struct PayloadDecodingErrorTests {
    /// A valid version 2 payload: scale 0, positive buckets (1, 2] = 2 and (2, 4] = 1.
    static func payload(_ change: (inout Gradscope_ExponentialHistogramProto) -> Void = { _ in })
        -> Gradscope_ExponentialHistogramProto {
        var proto = Gradscope_ExponentialHistogramProto()
        proto.version = 2
        proto.positive.offset = 0
        proto.positive.counts = [2, 1]
        change(&proto)
        return proto
    }

    /// The display proto of the values 1.5, 2, 3 (what version 2 takes its statistics from).
    static func display(min: Double = 1.5, max: Double = 3) -> Tensorboard_HistogramProto {
        var proto = Tensorboard_HistogramProto()
        proto.num = 3
        proto.sum = 6.5
        proto.sumSquares = 15.25
        proto.min = min
        proto.max = max
        return proto
    }

    static func decode(_ proto: Gradscope_ExponentialHistogramProto,
                       display: Tensorboard_HistogramProto = display()) throws(ExponentialHistogramPayload.DecodingError)
        -> ExponentialHistogram {
        try ExponentialHistogramPayload.decode(try! proto.serializedData(), display: display)
    }

    @Test func theValidPayloadReadsExactly() throws {
        let h = try Self.decode(Self.payload())
        #expect(h.scale == 0 && h.positive.offset == 0 && h.positive.counts == [2, 1] && h.count == 3)
        #expect(h.sum == 6.5 && h.sumOfSquares == 15.25 && h.min == 1.5 && h.max == 3)
    }

    @Test func bytesThatAreNotAProtoAreMalformed() {
        let error = #expect(throws: ExponentialHistogramPayload.DecodingError.self) {
            try ExponentialHistogramPayload.decode(Data([0xFF, 0xFF, 0xFF]), display: Self.display())
        }
        guard case .malformed = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test(arguments: [UInt32(0), 3, 99])
    func unknownVersionsAreRefused(version: UInt32) {
        #expect(throws: ExponentialHistogramPayload.DecodingError.unsupportedVersion(version)) {
            try Self.decode(Self.payload { $0.version = version })
        }
    }

    /// Each change makes one field impossible; the message names what was refused.
    @Test(arguments: [
        ("scale 21", "scale 21"), ("scale -11", "scale -11"), ("offset 2^40", "outside"),
        ("offset Int64.max", "overflows"), ("span 2^15 + 1", "span 32769"), ("union", "together span"),
        ("threshold NaN", "zero threshold nan"), ("threshold -0", "zero threshold -0.0"),
        ("counts overflow", "overflow 64 bits"), ("NaN counters overflow", "overflow 64 bits"),
    ])
    func impossibleFieldsAreOutOfRange(change: String, message: String) {
        let proto = Self.payload { p in
            switch change {
            case "scale 21": p.scale = 21
            case "scale -11": p.scale = -11
            case "offset 2^40": p.positive.offset = 1 << 40
            case "offset Int64.max": p.positive.offset = .max
            case "span 2^15 + 1": p.scale = 20; p.positive.counts = [1] + Array(repeating: 0, count: 32767) + [1]
            case "union":
                p.scale = 20; p.positive.offset = 40000; p.positive.counts = [1]
                p.negative.offset = -40000; p.negative.counts = [1]
            case "threshold NaN": p.zeroThreshold = .nan
            case "threshold -0": p.zeroThreshold = -0.0
            case "counts overflow": p.positive.counts = [UInt64.max, 1]
            case "NaN counters overflow": p.nanCount = UInt64.max
            default: Issue.record("unknown change \(change)")
            }
        }
        let error = #expect(throws: ExponentialHistogramPayload.DecodingError.self) { try Self.decode(proto) }
        guard case .outOfRange(let what) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(what.contains(message), "\(what)")
    }

    @Test func versionTwoStatisticsComeFromTheDisplayAndAreChecked() {
        #expect(throws: ExponentialHistogramPayload.DecodingError.self) {
            try Self.decode(Self.payload(), display: Self.display(min: .nan, max: .nan))
        }
        #expect(throws: ExponentialHistogramPayload.DecodingError.self) {
            try Self.decode(Self.payload(), display: Self.display(min: 3, max: 1.5))
        }
        // Version 1 ignores the display and checks its own fields.
        let v1 = Self.payload { $0.version = 1; $0.sum = 6.5; $0.sumOfSquares = 15.25; $0.min = 3; $0.max = 1.5 }
        #expect(throws: ExponentialHistogramPayload.DecodingError.self) { try Self.decode(v1) }
    }

    /// With no finite value, min and max are +∞ and −∞ whatever the display says (0 and 0).
    @Test func noFiniteValueGivesInfiniteMinAndMax() throws {
        let proto = Self.payload { $0.positive.counts = []; $0.nanCount = 2 }
        let h = try Self.decode(proto, display: Self.display(min: 0, max: 0))
        #expect(h.nanCount == 2 && h.count == 2 && h.min == .infinity && h.max == -.infinity)
    }
}

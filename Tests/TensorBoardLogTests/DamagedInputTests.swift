import Foundation
import Testing
@testable import TensorBoardLog

/// Each kind of damage, applied to a copy of a good fixture file.
@Suite struct DamagedInputTests {
    let good: [UInt8]
    let goodRecords: [TFRecord]

    init() throws {
        let path = try TestSupport.fixtureFile(run: "torch_summarywriter")
        good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let (records, warnings) = try TestSupport.records(of: path)
        try #require(warnings.isEmpty)
        try #require(records.count > 10)
        goodRecords = records
    }

    @Test func truncatedTailKeepsEveryCompleteRecord() throws {
        let last = try #require(goodRecords.last)
        for cut in [TFRecordFraming.headerSize / 2, TFRecordFraming.headerSize + 3, last.data.count + 14] {
            let path = try TestSupport.writeTemporaryFile(Array(good[0..<(last.offset + cut)]))
            let (records, warnings) = try TestSupport.records(of: path)
            #expect(records == Array(goodRecords.dropLast()), "cut \(cut)")
            #expect(warnings.count == 1)
            #expect(warnings.first?.offset == last.offset)
            #expect(warnings.first?.file == path)
            #expect(warnings.first?.message.contains("truncated") == true)
        }
    }

    @Test func recordWithBadDataCRCIsSkipped() throws {
        let victim = goodRecords[5]
        var bytes = good
        bytes[victim.offset + TFRecordFraming.headerSize + victim.data.count / 2] ^= 0x10
        let path = try TestSupport.writeTemporaryFile(bytes)
        let (records, warnings) = try TestSupport.records(of: path)
        var expected = goodRecords
        expected.remove(at: 5)
        #expect(records == expected)
        #expect(warnings == [LogWarning(file: path, offset: victim.offset, message: "data CRC mismatch: record skipped")])
    }

    @Test func badLengthCRCEndsTheFile() throws {
        let victim = goodRecords[7]
        var bytes = good
        bytes[victim.offset + 9] ^= 0x01
        let path = try TestSupport.writeTemporaryFile(bytes)
        let (records, warnings) = try TestSupport.records(of: path)
        #expect(records == Array(goodRecords.prefix(7)))
        #expect(warnings.count == 1)
        #expect(warnings.first?.offset == victim.offset)
        #expect(warnings.first?.message.contains("length CRC") == true)
    }

    /// A length field of ~2^63 with a valid CRC: reported as truncation, nothing allocated.
    @Test(arguments: [UInt64.max, UInt64(1) << 62, UInt64(1) << 40, UInt64(1) << 20])
    func hugeLengthFieldIsTruncationNotAllocation(length: UInt64) throws {
        var bytes = Array(good[0..<goodRecords[1].offset])
        let lengthBytes = withUnsafeBytes(of: length.littleEndian) { Array($0) }
        let lengthCRC = lengthBytes.withUnsafeBytes { CRC32C.maskedChecksum($0) }
        bytes += lengthBytes
        bytes += withUnsafeBytes(of: lengthCRC.littleEndian) { Array($0) }
        bytes += [UInt8](repeating: 7, count: 100)
        let path = try TestSupport.writeTemporaryFile(bytes)
        let (records, warnings) = try TestSupport.records(of: path)
        #expect(records == [goodRecords[0]])
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("truncated") == true)
    }

    /// A record with a valid frame but a payload that is not an Event: skipped by the
    /// event reader, with a warning, and the following records still read.
    @Test func undecodableEventIsSkippedWithWarning() throws {
        var bytes = Array(good[0..<goodRecords[2].offset])
        TFRecordFraming.append(record: [0xFF, 0xFF, 0xFF], to: &bytes)
        bytes += good[goodRecords[2].offset...]
        let path = try TestSupport.writeTemporaryFile(bytes)
        let (events, warnings) = TestSupport.events(of: path)
        #expect(events.count == goodRecords.count)
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("undecodable Event") == true)
    }

    @Test func missingFileIsAWarningForTheEventReader() throws {
        let path = (try TestSupport.temporaryDirectory() as NSString).appendingPathComponent("events.out.tfevents.none")
        let (events, warnings) = TestSupport.events(of: path)
        #expect(events.isEmpty)
        #expect(warnings.count == 1)
        #expect(throws: TensorBoardLogError.self) { try TFRecordReader(path: path) }
    }

    @Test func emptyFileHasNoRecordsAndNoWarning() throws {
        let path = try TestSupport.writeTemporaryFile([])
        let (records, warnings) = try TestSupport.records(of: path)
        #expect(records.isEmpty)
        #expect(warnings.isEmpty)
    }
}

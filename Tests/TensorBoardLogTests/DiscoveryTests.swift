import Foundation
import Testing
@testable import TensorBoardLog

@Suite struct DiscoveryTests {
    @Test func runsAreDirectoriesHoldingEventFilesInNameOrder() throws {
        let logdir = try TestSupport.temporaryDirectory()
        let fileManager = FileManager.default
        for relative in ["events.out.tfevents.2.x", "a/b/events.out.tfevents.9.x", "a/b/events.out.tfevents.10.x",
                         "a/notes.txt", "c/d/readme"] {
            let path = (logdir as NSString).appendingPathComponent(relative)
            try fileManager.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                            withIntermediateDirectories: true)
            fileManager.createFile(atPath: path, contents: Data())
        }
        let runs = try RunLocation.discover(in: logdir)
        #expect(runs.map(\.name) == [".", "a/b"])
        #expect(runs[1].files.map { ($0 as NSString).lastPathComponent }
                == ["events.out.tfevents.10.x", "events.out.tfevents.9.x"])
    }

    @Test func singleFileIsOneRun() throws {
        let file = try TestSupport.fixtureFile(run: "tensorboardx")
        let runs = try RunLocation.discover(in: file)
        #expect(runs == [RunLocation(name: "tensorboardx", files: [file])])
    }

    @Test func errorsForMissingPathAndEmptyDirectory() throws {
        let empty = try TestSupport.temporaryDirectory()
        #expect(throws: TensorBoardLogError.noEventFiles(path: empty)) { try RunLocation.discover(in: empty) }
        let missing = empty + "/missing"
        #expect(throws: TensorBoardLogError.self) { try RunLocation.discover(in: missing) }
        #expect(TensorBoardLogError.noEventFiles(path: "x").description.contains("no TensorBoard event files"))
    }
}

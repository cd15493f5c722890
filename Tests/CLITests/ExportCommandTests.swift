import Foundation
import Numerics
import Testing
import GradscopeTestSupport

@Suite("gradscope export")
struct ExportCommandTests {
    let logdir = Fixtures.tensorboard.path

    @Test func jsonlHasOneObjectPerValueMatchingTheReference() throws {
        let expected = try ReferenceExpectations.load()
        let result = try CommandRunner.run(["export", logdir, "--format", "jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try result.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let expectedCount = expected.runs.values.reduce(0) { total, run in
            total + run.scalars.values.reduce(0) { $0 + $1.count } + run.histogramSteps.values.reduce(0) { $0 + $1.count }
        }
        #expect(objects.count == expectedCount)
        for object in objects {
            let run = try #require(object["run"] as? String), tag = try #require(object["tag"] as? String)
            let step = try #require(object["step"] as? Int)
            #expect(object["wall_time"] is Double)
            switch object["kind"] as? String {
            case "scalar":
                let value = try #require(object["value"] as? Double)
                let reference = try #require(expected.runs[run]?.scalars[tag]?.first { $0.step == step })
                #expect(value.isApproximatelyEqual(to: reference.value, relativeTolerance: 1e-12))
            case "histogram":
                let edges = try #require(object["edges"] as? [Double]), counts = try #require(object["counts"] as? [Double])
                let reference = try #require(expected.runs[run]?.histogramBuckets[tag]?[step])
                #expect(Array(edges.dropFirst()) == reference.rightEdges, "\(run) \(tag) \(step)")
                #expect(edges.first.map(reference.acceptsLeftEdge) == true, "\(run) \(tag) \(step): left edge \(edges.first ?? .nan)")
                #expect(counts == reference.counts, "\(run) \(tag) \(step)")
                for key in ["zero_count", "nan_count", "pos_inf_count", "neg_inf_count", "count", "sum", "sum_squares", "min", "max"] {
                    #expect(object.keys.contains(key), "missing \(key)")
                }
            default:
                Issue.record("unexpected kind in \(object)")
            }
        }
    }

    @Test func csvHasAHeaderAndOneRowPerScalar() throws {
        let expected = try ReferenceExpectations.load()
        let result = try CommandRunner.run(["export", logdir, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "run,tag,step,wall_time,value")
        let scalarCount = expected.runs.values.reduce(0) { $0 + $1.scalars.values.reduce(0) { $0 + $1.count } }
        #expect(lines.count == 1 + scalarCount)
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count == 5, "\(line)")
            let reference = try #require(expected.runs[String(fields[0])]?.scalars[String(fields[1])]?
                .first { $0.step == Int(fields[2]) })
            #expect(try #require(Double(fields[4])).isApproximatelyEqual(to: reference.value, relativeTolerance: 1e-12))
        }
    }

    @Test func runAndTagFiltersSelect() throws {
        let result = try CommandRunner.run(["export", logdir, "--run", "torch_summarywriter", "--tag", "loss"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 12)
        #expect(lines.allSatisfy { $0.contains(#""run":"torch_summarywriter""#) && $0.contains(#""tag":"loss""#) })
    }

    @Test func unknownRunListsTheRunsThatExist() throws {
        let result = try CommandRunner.run(["export", logdir, "--run", "nope"])
        #expect(result.status != 0)
        #expect(result.stderr == "Error: no run named nope; runs: tensorboardx, tf2_tensor_histograms, torch_summarywriter\n")
    }

    @Test(arguments: [
        ["export", "LOGDIR", "--format", "xml"],
        ["export", "LOGDIR", "--run", "no-such-run"],
        ["export", "/nonexistent/gradscope-logdir"],
        ["export"],
    ])
    func badArgumentsFailWithAnError(arguments: [String]) throws {
        let result = try CommandRunner.run(arguments.map { $0 == "LOGDIR" ? logdir : $0 })
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("Error: "), "\(result.stderr)")
    }
}

import Foundation
import Numerics
import Testing
import GradscopeTestSupport

@Suite("gradscope inspect")
struct InspectCommandTests {
    let logdir = Fixtures.tensorboard.path

    @Test func listsEveryRunAndTagWithItsSteps() throws {
        let expected = try ReferenceExpectations.load()
        let result = try CommandRunner.run(["inspect", logdir])
        #expect(result.status == 0, "\(result.stderr)")
        let sections = result.stdout.components(separatedBy: "\n\n")
        #expect(sections.count == expected.runs.count)
        for (name, run) in expected.runs {
            let section = try #require(sections.first { $0.hasPrefix("run \(name)\n") })
            for (tag, points) in run.scalars {
                let line = section.split(separator: "\n").first { $0.contains(" \(tag) ") && $0.contains("scalar") }
                #expect(line?.contains("\(points.count) steps") == true, "\(name) \(tag)")
            }
            for (tag, steps) in run.histogramSteps {
                let line = section.split(separator: "\n").first { $0.contains(" \(tag) ") && $0.contains("histogram") }
                #expect(line?.contains("\(steps.count) steps  \(steps.first!)…\(steps.last!)") == true, "\(name) \(tag)")
            }
        }
    }

    /// The median |x| that inspect reports lies inside the bucket where TensorBoard's
    /// own reading of the same histogram crosses half of the magnitudes.
    @Test func jsonMediansFallInTheReferenceMedianBucket() throws {
        let expected = try ReferenceExpectations.load()
        let result = try CommandRunner.run(["inspect", "--json", logdir])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let runs = try #require(root["runs"] as? [[String: Any]])
        #expect(runs.count == expected.runs.count)
        var checked = 0
        for run in runs {
            let name = try #require(run["run"] as? String)
            for tag in try #require(run["tags"] as? [[String: Any]]) {
                guard let summaries = tag["summaries"] as? [[String: Any]] else { continue }
                let tagName = try #require(tag["tag"] as? String)
                for summary in summaries {
                    let step = try #require(summary["step"] as? Int)
                    let median = try #require(summary["median_abs"] as? Double)
                    let buckets = try #require(expected.runs[name]?.histogramBuckets[tagName]?[step])
                    let (low, high) = Self.medianMagnitudeBounds(edges: buckets.boundingEdges, counts: buckets.counts)
                    #expect(median >= low * (1 - 1e-12) && median <= high * (1 + 1e-12),
                            "\(name) \(tagName) step \(step): \(median) not in [\(low), \(high)]")
                    checked += 1
                }
            }
        }
        #expect(checked >= 12)
    }

    @Test(arguments: ["/nonexistent/gradscope-logdir", ""])
    func missingPathIsAOneLineError(path: String) throws {
        let result = try CommandRunner.run(["inspect", path])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: "))
    }

    @Test func emptyLogdirIsAOneLineError() throws {
        let empty = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try CommandRunner.run(["inspect", empty.path])
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("no TensorBoard event files"))
    }

    /// Bounds of |x| for the bucket(s) where the cumulative count of |x| crosses half,
    /// from signed buckets: both the bucket and its mirror image are candidates.
    static func medianMagnitudeBounds(edges: [Double], counts: [Double]) -> (Double, Double) {
        var intervals: [(Double, Double, Double)] = []
        for (i, c) in counts.enumerated() where c > 0 {
            let a = edges[i], b = edges[i + 1]
            intervals.append(a >= 0 ? (a, b, c) : b <= 0 ? (-b, -a, c) : (0, max(-a, b), c))
        }
        let total = intervals.reduce(0) { $0 + $1.2 }
        // At least half lies at or above every lower edge `a` with that much mass in
        // intervals starting at `a` or later, so the median is ≥ the largest such `a`;
        // symmetrically it is ≤ the smallest upper edge with half the mass ending by it.
        let low = intervals.map(\.0).filter { a in
            intervals.filter { $0.0 >= a }.reduce(0) { $0 + $1.2 } >= total / 2
        }.max() ?? 0
        let high = intervals.map(\.1).filter { b in
            intervals.filter { $0.1 <= b }.reduce(0) { $0 + $1.2 } >= total / 2
        }.min() ?? .infinity
        return (min(low, high), max(low, high))
    }
}

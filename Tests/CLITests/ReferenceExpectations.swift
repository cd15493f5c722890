import Foundation
import GradscopeTestSupport

/// What TensorBoard's own loader read from the shared reference logs (`expected.json`):
/// per run, the steps of each scalar tag and of each histogram tag.
struct ReferenceExpectations {
    struct Run {
        var scalars: [String: [(step: Int, value: Double)]] = [:]
        var histogramSteps: [String: [Int]] = [:]
        /// Per histogram tag and step: bucket edges (k+1) and counts (k) as the loader saw them.
        var histogramBuckets: [String: [Int: (edges: [Double], counts: [Double])]] = [:]
    }

    var runs: [String: Run] = [:]

    static func load() throws -> ReferenceExpectations {
        let url = Fixtures.tensorboardExpected
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: [String: Any]]
        var result = ReferenceExpectations()
        for (name, content) in root {
            var run = Run()
            for (tag, points) in content["scalars"] as! [String: [[Double]]] {
                run.scalars[tag] = points.map { (Int($0[0]), $0[1]) }
            }
            for (tag, points) in content["histograms"] as! [String: [[String: Any]]] {
                run.histogramSteps[tag] = points.map { $0["step"] as! Int }
                for point in points {
                    let limits = point["bucket_limit"] as! [Double], counts = point["bucket"] as! [Double]
                    let first = Swift.min(point["min"] as! Double, limits[0])
                    run.histogramBuckets[tag, default: [:]][point["step"] as! Int] = ([first] + limits, counts)
                }
            }
            for (tag, points) in content["tensor_histograms"] as! [String: [[String: Any]]] {
                run.histogramSteps[tag] = points.map { $0["step"] as! Int }
                for point in points {
                    let rows = point["buckets"] as! [[Double]]
                    run.histogramBuckets[tag, default: [:]][point["step"] as! Int] =
                        ([rows[0][0]] + rows.map { $0[1] }, rows.map { $0[2] })
                }
            }
            result.runs[name] = run
        }
        return result
    }
}

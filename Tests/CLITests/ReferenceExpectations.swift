import Foundation
import GradscopeTestSupport

/// What TensorBoard's own loader read from the shared reference logs (`expected.json`):
/// per run, the steps of each scalar tag and of each histogram tag.
struct ReferenceExpectations {
    struct Run {
        var scalars: [String: [(step: Int, value: Double)]] = [:]
        var histogramSteps: [String: [Int]] = [:]
        /// Per histogram tag and step: the buckets as the loader saw them.
        var histogramBuckets: [String: [Int: Buckets]] = [:]
    }

    /// One histogram as TensorBoard's loader read it, with no gradscope rule applied.
    struct Buckets {
        /// The buckets' right edges (`bucket_limit`, or a TF2 tensor row's right column).
        var rightEdges: [Double]
        var counts: [Double]
        /// Bucket 0's left edge where the file stores one (TF2 `[k,3]` tensors); a
        /// `HistogramProto` stores none (bucket 0 is unbounded below).
        var storedLeftEdge: Double?
        /// The smallest value seen (`HistogramProto.min`), where recorded.
        var minimum: Double?

        /// Whether `left` is bucket 0's left edge as the format documents it, stated in the
        /// loader's own values: the stored edge where there is one; else the smallest value seen
        /// when bucket 0 holds values (so bucket 0 spans exactly the values in it), or its right
        /// edge (zero width) when it is empty.
        func acceptsLeftEdge(_ left: Double) -> Bool { left.isFinite && left == lowerBoundOfBucketZero }

        /// A lower bound of bucket 0's values that holds by construction: the stored left edge,
        /// or the smallest value seen when bucket 0 holds values, or its right edge when empty.
        var lowerBoundOfBucketZero: Double {
            if let storedLeftEdge { return storedLeftEdge }
            if let minimum, minimum.isFinite, counts.first ?? 0 > 0 { return minimum }
            return rightEdges.first ?? 0
        }

        /// Edges for interval arithmetic over the buckets: `lowerBoundOfBucketZero` then the
        /// right edges.
        var boundingEdges: [Double] { [lowerBoundOfBucketZero] + rightEdges }
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
                    run.histogramBuckets[tag, default: [:]][point["step"] as! Int] =
                        Buckets(rightEdges: point["bucket_limit"] as! [Double], counts: point["bucket"] as! [Double],
                                storedLeftEdge: nil, minimum: point["min"] as? Double)
                }
            }
            for (tag, points) in content["tensor_histograms"] as! [String: [[String: Any]]] {
                run.histogramSteps[tag] = points.map { $0["step"] as! Int }
                for point in points {
                    let rows = point["buckets"] as! [[Double]]
                    run.histogramBuckets[tag, default: [:]][point["step"] as! Int] =
                        Buckets(rightEdges: rows.map { $0[1] }, counts: rows.map { $0[2] },
                                storedLeftEdge: rows.first?[0], minimum: nil)
                }
            }
            result.runs[name] = run
        }
        return result
    }
}

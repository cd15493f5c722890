import Foundation
import Testing
import GradscopeTestSupport

/// `optimizer_trajectories.json`: a gradient stream and the float64 trajectories
/// (theta[t] after step t+1) that reference optimizers produce from it.
struct TrajectoryFixture: Decodable {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let config: [String: ConfigValue]
        let theta: [[Double]]
        var testDescription: String { name }

        func number(_ key: String) throws -> Double {
            guard case .number(let x)? = config[key] else { throw FixtureError("\(name): no number \(key)") }
            return x
        }
        func text(_ key: String) -> String? {
            if case .text(let s)? = config[key] { return s }
            return nil
        }
    }

    enum ConfigValue: Decodable, Sendable {
        case number(Double), text(String)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let x = try? c.decode(Double.self) { self = .number(x) } else { self = .text(try c.decode(String.self)) }
        }
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    let theta0: [Double]
    let grads: [[Double]]
    let cases: [Case]

    static func load() throws -> TrajectoryFixture {
        let url = Fixtures.reference("optimizer_trajectories.json")
        return try JSONDecoder().decode(TrajectoryFixture.self, from: Data(contentsOf: url))
    }

    static let shared: TrajectoryFixture? = try? load()
}

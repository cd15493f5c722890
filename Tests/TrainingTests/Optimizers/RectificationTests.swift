import Foundation
import Numerics
import Testing
@testable import Training
import GradscopeTestSupport

/// Every row of `rectification.csv` (β₂, t, ρ∞, ρt, rt; rt empty where ρt ≤ 4).
@Suite("RAdam rectification")
struct RectificationTests {
    struct Row { let beta2: Double; let t: Int; let rhoInf: Double; let rhoT: Double; let r: Double? }

    static func rows() throws -> [Row] {
        let url = Fixtures.reference("rectification.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        return try lines.map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(f.count == 5)
            return Row(beta2: try #require(Double(f[0])), t: try #require(Int(f[1])),
                       rhoInf: try #require(Double(f[2])), rhoT: try #require(Double(f[3])),
                       r: f[4].isEmpty ? nil : Double(f[4]))
        }
    }

    @Test func allRowsMatch() throws {
        let rows = try Self.rows()
        #expect(rows.count == 90)
        for row in rows {
            let rhoInf = Rectification.rhoInfinity(beta2: row.beta2)
            let rhoT = Rectification.rho(step: row.t, beta2: row.beta2)
            #expect(rhoInf.isApproximatelyEqual(to: row.rhoInf, relativeTolerance: 1e-9))
            #expect(rhoT.isApproximatelyEqual(to: row.rhoT, relativeTolerance: 1e-9), "β2 \(row.beta2) t \(row.t)")
            let r = Rectification.rectification(step: row.t, beta2: row.beta2)
            if let expected = row.r {
                let got = try #require(r, "β2 \(row.beta2) t \(row.t): expected r_t \(expected)")
                #expect(got.isApproximatelyEqual(to: expected, relativeTolerance: 1e-9), "β2 \(row.beta2) t \(row.t)")
            } else {
                #expect(r == nil, "β2 \(row.beta2) t \(row.t): ρt \(rhoT) should have no r_t")
            }
        }
    }

    @Test func rectificationTendsToOne() {
        let r = Rectification.rectification(step: 1_000_000, beta2: 0.999)
        #expect(r.map { $0.isApproximatelyEqual(to: 1, relativeTolerance: 1e-6) } == true)
    }
}

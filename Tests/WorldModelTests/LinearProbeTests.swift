import Testing
import TensorCore
@testable import WorldModel

@Suite struct LinearProbeTests {
    @Test func recoversAKnownLinearMap() throws {
        var rng = RandomStream(seed: 7)
        let x = Matrix.normal(rows: 200, cols: 3, rng: &rng)
        let w: [[Float]] = [[1.5, -2], [0.25, 0], [-1, 3]]
        let b: [Float] = [0.5, -4]
        var y = Matrix(rows: 200, cols: 2)
        for i in 0..<200 {
            for c in 0..<2 { y[i, c] = b[c] + (0..<3).reduce(0) { $0 + x[i, $1] * w[$1][c] } }
        }
        let probe = try LinearProbe(features: x, targets: y, ridge: 1e-9)
        for a in 0..<3 {
            for c in 0..<2 { #expect(abs(probe.weights[a * 2 + c] - Double(w[a][c])) < 1e-4) }
        }
        #expect(abs(probe.bias[0] - 0.5) < 1e-4 && abs(probe.bias[1] + 4) < 1e-4)
        let predicted = probe.predict(x)
        for i in 0..<200 { #expect(abs(predicted[i, 1] - y[i, 1]) < 1e-3) }
    }

    @Test func ridgeShrinksTowardsTheMean() throws {
        let x = Matrix([[0], [1], [2], [3]])
        let y = Matrix([[0], [2], [4], [6]])
        let probe = try LinearProbe(features: x, targets: y, ridge: 1.25)
        // Centred: Σx² = 5, Σxy = 10, penalty 1.25 * 4 = 5 -> slope 1, bias 3 - 1.5 = 1.5.
        #expect(abs(probe.weights[0] - 1) < 1e-12)
        #expect(abs(probe.bias[0] - 1.5) < 1e-12)
    }

    @Test func choleskySolvesASmallSystem() throws {
        // A = [[4, 2], [2, 3]], b = [2, 1] -> x = [0.5, 0].
        let solver = try CholeskySolver(matrix: [4, 2, 2, 3], size: 2)
        let x = solver.solve([2, 1], columns: 1)
        #expect(abs(x[0] - 0.5) < 1e-12 && abs(x[1]) < 1e-12)
        #expect(throws: LinearProbeError.self) { try CholeskySolver(matrix: [1, 2, 2, 1], size: 2) }
    }
}

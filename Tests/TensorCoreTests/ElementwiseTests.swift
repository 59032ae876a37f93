import Testing
import TensorCore
import TestSupport

/// Element-wise results must equal the plain Float loop exactly: the same operation on the same values.
@Suite("Element-wise operations against plain loops")
struct ElementwiseTests {
    static let shapes = [(0, 3), (1, 1), (1, 17), (17, 1), (7, 13), (64, 129)]

    @Test(arguments: shapes)
    func binaryOperationsMatchLoops(shape: (Int, Int)) {
        let (rows, cols) = shape
        let a = randomMatrix(rows: rows, cols: cols, seed: 1)
        let b = randomMatrix(rows: rows, cols: cols, seed: 2)

        var sum = a; sum.add(b)
        #expect(sum.storage == zip(a.storage, b.storage).map { $0 + $1 })
        #expect(a + b == sum)

        var difference = a; difference.subtract(b)
        #expect(difference.storage == zip(a.storage, b.storage).map { $0 - $1 })
        #expect(a - b == difference)

        var product = a; product.multiply(b)
        #expect(product.storage == zip(a.storage, b.storage).map { $0 * $1 })

        var target = Matrix(rows: rows, cols: cols, repeating: .nan)
        target.setDifference(a, b)
        #expect(target == difference)

        var copy = Matrix(rows: rows, cols: cols, repeating: .nan)
        copy.assign(a)
        #expect(copy == a)

        #expect((2.5 * a).storage == a.storage.map { 2.5 * $0 })
    }

    @Test(arguments: shapes)
    func broadcastsAndScalarsMatchLoops(shape: (Int, Int)) {
        let (rows, cols) = shape
        let a = randomMatrix(rows: rows, cols: cols, in: -3...3, seed: 3)
        let bias = randomVector(cols, seed: 4)

        var withBias = a; withBias.addRowVector(bias)
        for i in 0..<rows {
            #expect(withBias.row(i) == zip(a.row(i), bias).map { $0 + $1 })
        }

        var shifted = a; shifted.addScalar(0.25)
        #expect(shifted.storage == a.storage.map { $0 + 0.25 })

        var clamped = a; clamped.clamp(to: -1...0.5)
        #expect(clamped.storage == a.storage.map { Swift.min(Swift.max($0, -1), 0.5) })
        #expect(clamped.storage.allSatisfy { (-1...0.5).contains($0) })
    }

    @Test func isFiniteFindsAnyNaNOrInfinity() {
        let clean = randomMatrix(rows: 33, cols: 31, in: -1e30...1e30, seed: 5)
        #expect(clean.isFinite)
        #expect(Matrix(rows: 0, cols: 0).isFinite)
        #expect(Matrix([[.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude]]).isFinite)
        for bad: Float in [.nan, -.nan, .signalingNaN, .infinity, -.infinity] {
            for position in [0, 500, clean.count - 1] {
                var m = clean
                m.storage[position] = bad
                #expect(!m.isFinite, "\(bad) at \(position)")
            }
        }
    }
}

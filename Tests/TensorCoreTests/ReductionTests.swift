import Foundation
import Testing
import TensorCore
import TestSupport

/// Log-sum-exp of one row in Double, the plain way (only for moderate values).
private func naiveLogSumExp(_ row: [Float]) -> Double {
    Foundation.log(row.reduce(0.0) { $0 + Foundation.exp(Double($1)) })
}

@Suite("Reductions, log-sum-exp and softmax against plain loops")
struct ReductionTests {
    static let shapes = [(0, 3), (1, 1), (1, 17), (17, 1), (7, 13), (64, 129)]

    @Test(arguments: shapes)
    func sumsMatchLoops(shape: (Int, Int)) {
        let (rows, cols) = shape
        let m = randomMatrix(rows: rows, cols: cols, in: -2...2, seed: 1)
        expectApproximatelyEqual(m.sum(), m.storage.reduce(0.0) { $0 + Double($1) }, relative: 1e-12, absolute: 1e-12)
        // Squares are summed in Float SIMD lanes within blocks of 1024, then in Double.
        expectApproximatelyEqual(m.sumOfSquares(), m.storage.reduce(0.0) { $0 + Double($1) * Double($1) },
                                 relative: 1e-6, absolute: 1e-12)

        let columns = (0..<cols).map { j in (0..<rows).reduce(0.0) { $0 + Double(m[$1, j]) } }
        expectApproximatelyEqual(m.columnSums(), columns.map(Float.init), absolute: 1e-5)
        let rowTotals = (0..<rows).map { i in (0..<cols).reduce(0.0) { $0 + Double(m[i, $1]) } }
        expectApproximatelyEqual(m.rowSums(), rowTotals.map(Float.init), absolute: 1e-5)

        if cols > 0 {
            #expect(m.rowMaxima() == (0..<rows).map { m.row($0).max()! })
        }
    }

    @Test func columnSumsHonourBeta() {
        let m = randomMatrix(rows: 9, cols: 5, seed: 2)
        let plain = m.columnSums()
        var accumulated: [Float] = [1, 2, 3, 4, 5]
        m.columnSums(into: &accumulated, beta: 0.5)
        expectApproximatelyEqual(accumulated, zip([1, 2, 3, 4, 5], plain).map { 0.5 * $0 + $1 }, absolute: 1e-6)
        var nan = [Float](repeating: .nan, count: 5)
        m.columnSums(into: &nan)
        #expect(nan == plain)
    }

    @Test func rowMaximaPropagateNaNWherever() {
        for position in 0..<3 {
            var m = Matrix([[1, 2, 3], [4, 5, 6]])
            m[0, position] = .nan
            let maxima = m.rowMaxima()
            #expect(maxima[0].isNaN && maxima[1] == 6)
        }
        #expect(Matrix([[-.infinity, -.infinity]]).rowMaxima() == [-.infinity])
    }

    @Test func logSumExpMatchesNaiveForModerateLogits() {
        let m = randomMatrix(rows: 16, cols: 37, in: -20...20, seed: 3)
        let expected = (0..<16).map { Float(naiveLogSumExp(m.row($0))) }
        expectApproximatelyEqual(m.rowLogSumExp(), expected, relative: 1e-6, absolute: 1e-6)
    }

    @Test func logSumExpIsStableForHugeAndInfiniteLogits() {
        let m = Matrix([
            [1e4, -1e4, 0],
            [1e4, 1e4, 1e4],
            [-1e4, -1e4, -.infinity],
            [-.infinity, 0, -.infinity],
            [-.infinity, -.infinity, -.infinity],
            [.infinity, 0, 1],
            [.nan, 0, 1],
        ])
        let lse = m.rowLogSumExp()
        #expect(lse[0] == 1e4)
        expectApproximatelyEqual(Double(lse[1]), 1e4 + Foundation.log(3.0), relative: 1e-7)
        expectApproximatelyEqual(Double(lse[2]), -1e4 + Foundation.log(2.0), relative: 1e-7)
        #expect(lse[3] == 0)
        #expect(lse[4] == -.infinity)
        #expect(lse[5] == .infinity)
        #expect(lse[6].isNaN)
        #expect(Matrix(rows: 2, cols: 0).rowLogSumExp() == [-.infinity, -.infinity])
    }

    @Test func softmaxMatchesNaiveAndRowsSumToOne() {
        let logits = randomMatrix(rows: 32, cols: 19, in: -30...30, seed: 4)
        var probabilities = logits
        probabilities.softmaxRows()
        for i in 0..<32 {
            let row = logits.row(i).map(Double.init)
            let top = row.max()!
            let exps = row.map { Foundation.exp($0 - top) }
            let total = exps.reduce(0, +)
            expectApproximatelyEqual(probabilities.row(i), exps.map { Float($0 / total) }, relative: 1e-5, absolute: 1e-7)
            expectApproximatelyEqual(probabilities.row(i).reduce(0.0) { $0 + Double($1) }, 1, absolute: 1e-6)
        }
        #expect(probabilities.storage.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func softmaxIsStableForHugeAndInfiniteLogits() {
        var m = Matrix([
            [1e4, -1e4, 0],
            [1e4, 1e4, -1e4],
            [-1e4, -1e4, -1e4],
            [-.infinity, 2, -.infinity],
            [-.infinity, -.infinity, -.infinity],
            [.nan, 0, 1],
        ])
        m.softmaxRows()
        #expect(m.row(0) == [1, 0, 0])
        #expect(m.row(1) == [0.5, 0.5, 0])
        expectApproximatelyEqual(m.row(2), [1.0 / 3, 1.0 / 3, 1.0 / 3], relative: 1e-6)
        #expect(m.row(3) == [0, 1, 0])
        #expect(m.row(4).allSatisfy { $0.isNaN })
        #expect(m.row(5).allSatisfy { $0.isNaN })
        #expect(m.rows(0..<4).isFinite)
    }
}

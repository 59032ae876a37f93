import Testing
import TensorCore
import TestSupport

@Suite("Matrix storage and reshaping")
struct MatrixTests {
    @Test func initialisersLayOutRowsOneAfterAnother() {
        let m = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(m.rows == 2 && m.cols == 3 && m.count == 6 && m.shape == [2, 3])
        #expect(m.storage == [1, 2, 3, 4, 5, 6])
        #expect(m[1, 0] == 4 && m[0, 2] == 3)
        #expect(Matrix(rows: 2, cols: 3, elements: [1, 2, 3, 4, 5, 6]) == m)
        #expect(Matrix(rows: 2, cols: 2, repeating: 7).storage == [7, 7, 7, 7])
        #expect(Matrix([]).shape == [0, 0])
    }

    @Test func subscriptWritesTheRightElement() {
        var m = Matrix(rows: 3, cols: 4)
        m[2, 1] = 5
        #expect(m.storage[2 * 4 + 1] == 5)
        #expect(m.storage.filter { $0 != 0 } == [5])
    }

    @Test func rowAndRowRangeCopyTheRightElements() {
        let m = randomMatrix(rows: 5, cols: 3, seed: 1)
        for i in 0..<5 {
            #expect(m.row(i) == (0..<3).map { m[i, $0] })
        }
        let middle = m.rows(1..<4)
        #expect(middle.shape == [3, 3])
        #expect(middle.storage == Array(m.storage[3..<12]))
        #expect(m.rows(2..<2).shape == [0, 3])
    }

    @Test func gatherRowsFollowsTheIndexOrder() {
        let m = randomMatrix(rows: 6, cols: 4, seed: 2)
        let indices = [5, 0, 5, 2]
        let gathered = m.gatherRows(indices)
        #expect(gathered.shape == [4, 4])
        for (k, index) in indices.enumerated() {
            #expect(gathered.row(k) == m.row(index))
        }
        #expect(m.gatherRows([]).shape == [0, 4])
    }

    @Test(arguments: [(1, 1), (1, 7), (7, 1), (7, 13), (0, 3)])
    func transposeSwapsIndices(rows: Int, cols: Int) {
        let m = randomMatrix(rows: rows, cols: cols, seed: 3)
        let t = m.transposed()
        #expect(t.shape == [cols, rows])
        for i in 0..<rows {
            for j in 0..<cols { #expect(t[j, i] == m[i, j]) }
        }
        #expect(t.transposed() == m)
    }

    @Test func reshapeKeepsTheElements() {
        let m = randomMatrix(rows: 4, cols: 6, seed: 4)
        let r = m.reshaped(rows: 3, cols: 8)
        #expect(r.shape == [3, 8])
        #expect(r.storage == m.storage)
    }

    @Test func resizeKeepsLeadingRowsAndZeroFillsNewOnes() {
        let original = randomMatrix(rows: 4, cols: 3, seed: 5)
        var m = original
        m.resize(rows: 2)
        #expect(m == original.rows(0..<2))
        m.resize(rows: 5)
        #expect(m.shape == [5, 3])
        #expect(m.rows(0..<2) == original.rows(0..<2))
        #expect(m.rows(2..<5).storage.allSatisfy { $0 == 0 })
        m.resize(rows: 0)
        #expect(m.shape == [0, 3] && m.storage.isEmpty)
    }

    @Test func fillSetsEveryElement() {
        var m = randomMatrix(rows: 3, cols: 5, seed: 6)
        m.fill(-2.5)
        #expect(m.storage == [Float](repeating: -2.5, count: 15))
    }

    @Test func descriptionShowsShapeAndElidesLargeMatrices() {
        let small = Matrix([[1, -2]])
        #expect(small.description == "Matrix(1x2)\n  [ 1.0000, -2.0000]")
        let large = Matrix(rows: 10, cols: 10)
        let lines = large.description.split(separator: "\n")
        #expect(lines.first == "Matrix(10x10)")
        #expect(lines.count == 8)
        #expect(lines.last == "  …")
        #expect(lines[1].hasSuffix(", …]"))
    }
}

import Testing
import TestSupport
@testable import TensorCore

/// Reshaping buffers in place and copying row blocks, against element-by-element references.
@Suite struct MatrixBlockTests {
    @Test func copyRowsMovesExactlyTheBlock() {
        let source = randomMatrix(rows: 6, cols: 3, seed: 1)
        var destination = randomMatrix(rows: 5, cols: 3, seed: 2)
        let before = destination
        destination.copyRows(from: source, at: 2, count: 3, to: 1)
        for r in 0..<5 {
            for c in 0..<3 {
                let expected = (1..<4).contains(r) ? source[r + 1, c] : before[r, c]
                #expect(destination[r, c] == expected, "[\(r), \(c)]")
            }
        }
    }

    @Test func resizeTakesAnyShapeAndKeepsTheStorageWhenShrinking() {
        var m = Matrix(rows: 4, cols: 6)
        let address = m.storage.withUnsafeBufferPointer { $0.baseAddress }
        m.resize(rows: 3, cols: 5)
        #expect(m.shape == [3, 5] && m.count == 15)
        #expect(m.storage.withUnsafeBufferPointer { $0.baseAddress } == address)
        m.resize(rows: 2, cols: 9)
        #expect(m.shape == [2, 9] && m.storage.count == 18)
        m[1, 8] = 7
        #expect(m.storage[17] == 7)
    }
}

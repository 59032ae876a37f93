import Testing
import TensorCore
import TestSupport

/// One GEMM problem: `op(A)` is m x k, `op(B)` is k x n.
struct GEMMShape: Sendable, CustomTestStringConvertible {
    let m: Int, n: Int, k: Int
    var testDescription: String { "\(m)x\(n)x\(k)" }
}

/// A pair of operand transposes.
struct TransposePair: Sendable, CustomTestStringConvertible {
    let a: Transpose, b: Transpose
    static let all = Transpose.allCases.flatMap { a in Transpose.allCases.map { TransposePair(a: a, b: $0) } }
    var testDescription: String { "\(a == .none ? "N" : "T")\(b == .none ? "N" : "T")" }
}

/// Random operands stored so that `op(A)` is m x k and `op(B)` is k x n.
private func operands(_ shape: GEMMShape, _ t: TransposePair, seed: UInt64) -> (a: Matrix, b: Matrix) {
    let a = t.a == .none
        ? randomMatrix(rows: shape.m, cols: shape.k, seed: seed)
        : randomMatrix(rows: shape.k, cols: shape.m, seed: seed)
    let b = t.b == .none
        ? randomMatrix(rows: shape.k, cols: shape.n, seed: seed + 1)
        : randomMatrix(rows: shape.n, cols: shape.k, seed: seed + 1)
    return (a, b)
}

/// Tolerances for a Float GEMM against the Double reference, for operands in [-1, 1].
private func tolerance(k: Int) -> Double { 1e-6 * Double(max(k, 1)) + 1e-6 }

@Suite("BLAS: GEMM, GEMV, AXPY, scale against plain loops")
struct BLASTests {
    static let shapes = [
        GEMMShape(m: 1, n: 1, k: 1), GEMMShape(m: 1, n: 17, k: 5), GEMMShape(m: 9, n: 1, k: 4),
        GEMMShape(m: 4, n: 6, k: 1), GEMMShape(m: 7, n: 13, k: 11), GEMMShape(m: 33, n: 65, k: 17),
        GEMMShape(m: 64, n: 48, k: 130),
    ]

    @Test(arguments: shapes, TransposePair.all)
    func gemmWithAlphaAndBetaMatchesTripleLoop(shape: GEMMShape, t: TransposePair) {
        let (a, b) = operands(shape, t, seed: 10)
        let c0 = randomMatrix(rows: shape.m, cols: shape.n, seed: 12)
        var c = c0
        c.gemm(a, t.a, b, t.b, alpha: 1.5, beta: -0.75)
        let expected = Reference.gemm(a, t.a, b, t.b, alpha: 1.5, beta: -0.75, c: c0)
        expectApproximatelyEqual(c, expected, relative: 1e-5, absolute: tolerance(k: shape.k))
    }

    @Test(arguments: shapes, TransposePair.all)
    func gemmWithZeroBetaIgnoresNaNInOutput(shape: GEMMShape, t: TransposePair) {
        let (a, b) = operands(shape, t, seed: 20)
        var c = Matrix(rows: shape.m, cols: shape.n, repeating: .nan)
        c.gemm(a, t.a, b, t.b, alpha: 0.5)
        #expect(c.isFinite)
        expectApproximatelyEqual(c, Reference.gemm(a, t.a, b, t.b, alpha: 0.5),
                                 relative: 1e-5, absolute: tolerance(k: shape.k))
        expectApproximatelyEqual(Matrix.product(a, t.a, b, t.b), Reference.gemm(a, t.a, b, t.b),
                                 relative: 1e-5, absolute: tolerance(k: shape.k))
    }

    @Test func gemmWithEmptyInnerDimensionScalesOutputByBeta() {
        let a = Matrix(rows: 3, cols: 0), b = Matrix(rows: 0, cols: 4)
        let c0 = randomMatrix(rows: 3, cols: 4, seed: 30)
        var c = c0
        c.gemm(a, .none, b, alpha: 2, beta: 0.5)
        #expect(c.storage == c0.storage.map { $0 * 0.5 })
        var nan = Matrix(rows: 3, cols: 4, repeating: .nan)
        nan.gemm(a, .none, b)
        #expect(nan.storage == [Float](repeating: 0, count: 12))
    }

    @Test func gemmWithEmptyOutputIsANoOp() {
        var rowsEmpty = Matrix(rows: 0, cols: 5)
        rowsEmpty.gemm(Matrix(rows: 0, cols: 3), .none, Matrix(rows: 3, cols: 5))
        #expect(rowsEmpty.shape == [0, 5])
        var colsEmpty = Matrix(rows: 4, cols: 0)
        colsEmpty.gemm(Matrix(rows: 3, cols: 4), .transposed, Matrix(rows: 0, cols: 3), .transposed)
        #expect(colsEmpty.shape == [4, 0])
        #expect(Matrix.product(Matrix(rows: 2, cols: 0), .none, Matrix(rows: 0, cols: 3)) == Matrix(rows: 2, cols: 3))
    }

    @Test func gemmWithUnitBetaAccumulates() {
        let a = randomMatrix(rows: 5, cols: 7, seed: 40), b = randomMatrix(rows: 7, cols: 3, seed: 41)
        var c = Matrix(rows: 5, cols: 3)
        c.gemm(a, .none, b)
        c.gemm(a, .none, b, beta: 1)
        expectApproximatelyEqual(c, Reference.gemm(a, .none, b, .none, alpha: 2), absolute: tolerance(k: 7))
    }

    @Test(arguments: TransposePair.all)
    func rawGEMMWorksOnBlocksOfLargerBuffers(t: TransposePair) {
        // op(A) is 5 x 3 and op(B) 3 x 4, stored as the top-left blocks of wider matrices;
        // C is the block at rows 1..<6, columns 2..<6 of a 7 x 9 buffer.
        let (m, n, k) = (5, 4, 3)
        let wideA = randomMatrix(rows: t.a == .none ? m : k, cols: 10, seed: 90)
        let wideB = randomMatrix(rows: t.b == .none ? k : n, cols: 8, seed: 91)
        let a = Matrix((0..<wideA.rows).map { Array(wideA.row($0).prefix(t.a == .none ? k : m)) })
        let b = Matrix((0..<wideB.rows).map { Array(wideB.row($0).prefix(t.b == .none ? n : k)) })
        let buffer0 = randomMatrix(rows: 7, cols: 9, seed: 92)
        var buffer = buffer0
        wideA.storage.withUnsafeBufferPointer { pa in
            wideB.storage.withUnsafeBufferPointer { pb in
                buffer.storage.withUnsafeMutableBufferPointer { pc in
                    BLAS.gemm(t.a, t.b, m: m, n: n, k: k, alpha: 2, a: pa.baseAddress, lda: 10,
                              b: pb.baseAddress, ldb: 8, beta: 0.5, c: pc.baseAddress! + 9 + 2, ldc: 9)
                }
            }
        }
        let block0 = Matrix((1..<6).map { Array(buffer0.row($0)[2..<6]) })
        let expected = Reference.gemm(a, t.a, b, t.b, alpha: 2, beta: 0.5, c: block0)
        for i in 0..<7 {
            for j in 0..<9 {
                if (1..<6).contains(i) && (2..<6).contains(j) {
                    #expect(isApproximatelyEqual(Double(buffer[i, j]), Double(expected[i - 1, j - 2]), absolute: 1e-5))
                } else {
                    #expect(buffer[i, j] == buffer0[i, j], "element (\(i), \(j)) outside the block changed")
                }
            }
        }
    }

    @Test func rawGEMMWithEmptyInnerDimensionTouchesOnlyTheBlock() {
        var buffer = Matrix(rows: 3, cols: 4, repeating: .nan)
        buffer.storage.withUnsafeMutableBufferPointer { pc in
            BLAS.gemm(.none, .none, m: 2, n: 2, k: 0, a: nil, lda: 1, b: nil, ldb: 2, c: pc.baseAddress! + 1, ldc: 4)
        }
        #expect(buffer[0, 1] == 0 && buffer[0, 2] == 0 && buffer[1, 1] == 0 && buffer[1, 2] == 0)
        #expect(buffer[0, 0].isNaN && buffer[0, 3].isNaN && buffer[1, 0].isNaN && buffer[2, 1].isNaN)
    }

    @Test(arguments: [(1, 1), (1, 9), (9, 1), (7, 13), (64, 33)], Transpose.allCases)
    func gemvMatchesDoubleLoop(shape: (Int, Int), trans: Transpose) {
        let (rows, cols) = shape
        let a = randomMatrix(rows: rows, cols: cols, seed: 50)
        let inCount = trans == .none ? cols : rows, outCount = trans == .none ? rows : cols
        let x = randomVector(inCount, seed: 51)
        let y0 = randomVector(outCount, seed: 52)
        var y = y0
        a.gemv(trans, x: x, into: &y, alpha: -1.25, beta: 0.5)
        expectApproximatelyEqual(y, Reference.gemv(a, trans, x: x, alpha: -1.25, beta: 0.5, y: y0),
                                 absolute: tolerance(k: inCount))
        var nan = [Float](repeating: .nan, count: outCount)
        a.gemv(trans, x: x, into: &nan)
        expectApproximatelyEqual(nan, Reference.gemv(a, trans, x: x, y: y0), absolute: tolerance(k: inCount))
    }

    @Test func gemvWithEmptyInputScalesByBeta() {
        let a = Matrix(rows: 3, cols: 0)
        var y: [Float] = [1, 2, 3]
        a.gemv(x: [], into: &y, beta: 2)
        #expect(y == [2, 4, 6])
        var nan: [Float] = [.nan, .nan, .nan]
        a.gemv(x: [], into: &nan)
        #expect(nan == [0, 0, 0])
        var unchanged: [Float] = [.nan, 1, 2]
        a.gemv(x: [], into: &unchanged, beta: 1)
        #expect(unchanged[1...] == [1, 2] && unchanged[0].isNaN)
    }

    @Test(arguments: [0, 1, 7, 1000])
    func axpyMatchesLoop(count: Int) {
        let x = randomMatrix(rows: 1, cols: count, seed: 60)
        let y0 = randomMatrix(rows: 1, cols: count, seed: 61)
        var y = y0
        y.axpy(-0.3, x)
        let expected = zip(y0.storage, x.storage).map { $0 + -0.3 * $1 }
        expectApproximatelyEqual(y.storage, expected, relative: 1e-6, absolute: 1e-7)
    }

    @Test func scaleMatchesLoopAndZeroClearsNaN() {
        let x0 = randomMatrix(rows: 13, cols: 7, seed: 70)
        var x = x0
        x.scale(by: 3.5)
        #expect(x.storage == x0.storage.map { $0 * 3.5 })
        var bad = Matrix([[.nan, .infinity, 1]])
        bad.scale(by: 0)
        #expect(bad.storage == [0, 0, 0])
        var empty = Matrix(rows: 0, cols: 4)
        empty.scale(by: 2)
        #expect(empty.count == 0)
    }

    /// OpenBLAS runs on one thread unless a benchmark says otherwise, and repeated GEMMs are bit-identical.
    ///
    /// No test sets another count: the count is global to the process, and tests that compare two trainings run beside
    /// this one (across thread counts the last bits of a GEMM may differ, see `BLASThreads`).
    @Test func oneThreadIsTheDefaultAndRepeatedGEMMsAreBitIdentical() {
        let a = randomMatrix(rows: 300, cols: 200, seed: 80), b = randomMatrix(rows: 300, cols: 170, seed: 81)
        let reference = Reference.gemm(a, .transposed, b, .none)
        #expect(BLASThreads.current == 1)
        BLASThreads.set(0)
        #expect(BLASThreads.current == 1, "a count below one means one")
        let first = Matrix.product(a, .transposed, b, .none)
        #expect(Matrix.product(a, .transposed, b, .none) == first)
        expectApproximatelyEqual(first, reference, absolute: tolerance(k: 300))
        #expect(!BLASThreads.coreName.isEmpty && BLASThreads.coreName != "unknown")
        #expect(BLASThreads.configuration.contains("OpenBLAS"))
    }
}

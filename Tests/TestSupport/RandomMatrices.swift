import TensorCore

/// A `rows` x `cols` matrix of uniform values in `range` drawn from `rng`.
public func randomMatrix(rows: Int, cols: Int, in range: ClosedRange<Float> = -1...1,
                         rng: inout RandomStream) -> Matrix {
    Matrix.uniform(rows: rows, cols: cols, low: range.lowerBound, high: range.upperBound, rng: &rng)
}

/// A `rows` x `cols` matrix of uniform values in `range`; the same seed gives the same matrix.
public func randomMatrix(rows: Int, cols: Int, in range: ClosedRange<Float> = -1...1,
                         seed: UInt64) -> Matrix {
    var rng = RandomStream(seed: seed)
    return randomMatrix(rows: rows, cols: cols, in: range, rng: &rng)
}

/// `count` uniform values in `range`; the same seed gives the same values.
public func randomVector(_ count: Int, in range: ClosedRange<Float> = -1...1, seed: UInt64) -> [Float] {
    randomMatrix(rows: 1, cols: count, in: range, seed: seed).storage
}

import TensorCore

/// Per-column standardisation `(x - mean) / std` with statistics from training data.
public struct Normalizer: Sendable, Equatable {
    /// Column means.
    public var mean: [Float]
    /// Column standard deviations (floored, so constant columns stay finite).
    public var std: [Float]

    public init(mean: [Float], std: [Float]) {
        precondition(mean.count == std.count, "Normalizer: mean and std lengths differ")
        self.mean = mean
        self.std = std
    }

    /// The identity transform on `count` columns.
    public init(identity count: Int) {
        self.init(mean: [Float](repeating: 0, count: count), std: [Float](repeating: 1, count: count))
    }

    /// Statistics of the columns of `data` (computed in `Double`); std is floored at `floor`.
    public init(fitting data: Matrix, floor: Float = 1e-6) {
        var mean = [Double](repeating: 0, count: data.cols), square = mean
        for r in 0..<data.rows {
            for c in 0..<data.cols {
                let v = Double(data[r, c])
                mean[c] += v
                square[c] += v * v
            }
        }
        let n = Double(max(data.rows, 1))
        self.init(mean: mean.map { Float($0 / n) },
                  std: zip(mean, square).map { m, s in max(Float((max(s / n - (m / n) * (m / n), 0)).squareRoot()), floor) })
    }

    /// The number of columns.
    public var count: Int { mean.count }

    /// Standardises `data` in place.
    public func apply(_ data: inout Matrix) {
        precondition(data.cols == count, "Normalizer: data has \(data.cols) columns, expected \(count)")
        for r in 0..<data.rows {
            for c in 0..<data.cols { data[r, c] = (data[r, c] - mean[c]) / std[c] }
        }
    }

    /// Undoes `apply` in place.
    public func invert(_ data: inout Matrix) {
        precondition(data.cols == count, "Normalizer: data has \(data.cols) columns, expected \(count)")
        for r in 0..<data.rows {
            for c in 0..<data.cols { data[r, c] = data[r, c] * std[c] + mean[c] }
        }
    }

    /// `[mean; std]` as a 2 x count tensor, for checkpoints.
    public var tensor: Tensor { Tensor(mean + std, shape: [2, count]) }

    /// Reads the tensor written by `tensor`.
    public init(tensor: Tensor) throws {
        let values = try tensor.values(as: Float.self)
        guard tensor.shape.count == 2, tensor.shape[0] == 2 else { throw TensorError.invalidShape(tensor.shape) }
        self.init(mean: Array(values[0..<tensor.shape[1]]), std: Array(values[tensor.shape[1]...]))
    }
}

extension Matrix {
    /// Concatenates the columns of `a` and `b` (same row count): `[a | b]`.
    public static func columns(_ a: Matrix, _ b: Matrix) -> Matrix {
        var out = Matrix(rows: a.rows, cols: a.cols + b.cols)
        out.setColumns(a, b)
        return out
    }

    /// Overwrites this `[rows, a.cols + b.cols]` matrix with `[a | b]`.
    public mutating func setColumns(_ a: Matrix, _ b: Matrix) {
        precondition(a.rows == b.rows && a.rows == rows && a.cols + b.cols == cols,
                     "Matrix.setColumns: \(a.shape) and \(b.shape) into \(shape)")
        for r in 0..<a.rows {
            for c in 0..<a.cols { self[r, c] = a[r, c] }
            for c in 0..<b.cols { self[r, a.cols + c] = b[r, c] }
        }
    }

    /// Stacks `parts` (same column count) on top of each other.
    public static func stacked(_ parts: [Matrix]) -> Matrix {
        let cols = parts.first?.cols ?? 0
        precondition(parts.allSatisfy { $0.cols == cols }, "Matrix.stacked: column counts differ")
        return Matrix(rows: parts.reduce(0) { $0 + $1.rows }, cols: cols, elements: parts.flatMap(\.storage))
    }
}

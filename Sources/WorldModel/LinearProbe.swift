import TensorCore

/// A ridge-regression readout from features to targets (e.g. latents to body positions).
///
/// Fitted in `Double` through the normal equations of the centred data,
/// `(XᵀX + λI) W = XᵀY`, solved by Cholesky; the bias is not penalised.
public struct LinearProbe: Sendable, Equatable {
    /// Weights, `inputs x outputs`, row-major.
    public let weights: [Double]
    /// Bias, one per output.
    public let bias: [Double]
    /// Feature count.
    public let inputs: Int
    /// Target count.
    public let outputs: Int

    /// Creates a probe from explicit weights (`inputs x outputs`, row-major) and bias.
    public init(weights: [Double], bias: [Double], inputs: Int, outputs: Int) {
        precondition(weights.count == inputs * outputs && bias.count == outputs, "LinearProbe: shapes do not match")
        self.weights = weights
        self.bias = bias
        self.inputs = inputs
        self.outputs = outputs
    }

    /// Fits `targets` (N x O) from `features` (N x F) with ridge penalty `ridge` (> 0 keeps the system definite).
    public init(features: Matrix, targets: Matrix, ridge: Double = 1e-4) throws {
        precondition(features.rows == targets.rows, "LinearProbe: \(features.rows) feature rows vs \(targets.rows) target rows")
        let n = features.rows, f = features.cols, o = targets.cols
        guard n > 0 else { throw LinearProbeError.noSamples }
        var meanX = [Double](repeating: 0, count: f)
        var meanY = [Double](repeating: 0, count: o)
        for i in 0..<n {
            for c in 0..<f { meanX[c] += Double(features[i, c]) }
            for c in 0..<o { meanY[c] += Double(targets[i, c]) }
        }
        for c in 0..<f { meanX[c] /= Double(n) }
        for c in 0..<o { meanY[c] /= Double(n) }
        var gram = [Double](repeating: 0, count: f * f)
        var cross = [Double](repeating: 0, count: f * o)
        var x = [Double](repeating: 0, count: f)
        for i in 0..<n {
            for c in 0..<f { x[c] = Double(features[i, c]) - meanX[c] }
            for a in 0..<f {
                let xa = x[a]
                for b in a..<f { gram[a * f + b] += xa * x[b] }
                for c in 0..<o { cross[a * o + c] += xa * (Double(targets[i, c]) - meanY[c]) }
            }
        }
        for a in 0..<f {
            for b in 0..<a { gram[a * f + b] = gram[b * f + a] }
            gram[a * f + a] += ridge * Double(n)
        }
        let solution = try CholeskySolver(matrix: gram, size: f).solve(cross, columns: o)
        var bias = meanY
        for c in 0..<o {
            for a in 0..<f { bias[c] -= meanX[a] * solution[a * o + c] }
        }
        self.init(weights: solution, bias: bias, inputs: f, outputs: o)
    }

    /// Applies the probe to one feature vector.
    public func predict(_ feature: [Float]) -> [Double] {
        precondition(feature.count == inputs, "LinearProbe: feature has \(feature.count) entries, expected \(inputs)")
        var out = bias
        for a in 0..<inputs {
            let v = Double(feature[a])
            for c in 0..<outputs { out[c] += v * weights[a * outputs + c] }
        }
        return out
    }

    /// Applies the probe to every row of `features` (N x F), returning N x O.
    public func predict(_ features: Matrix) -> Matrix {
        var result = Matrix(rows: features.rows, cols: outputs)
        for i in 0..<features.rows {
            let row = predict(features.row(i))
            for c in 0..<outputs { result[i, c] = Float(row[c]) }
        }
        return result
    }
}

/// Why a probe could not be fitted.
public enum LinearProbeError: Error, CustomStringConvertible, Equatable {
    case noSamples
    case notPositiveDefinite(pivot: Int)

    public var description: String {
        switch self {
        case .noSamples: return "linear probe: no training samples"
        case .notPositiveDefinite(let pivot):
            return "linear probe: normal equations are not positive definite (pivot \(pivot)); increase the ridge penalty"
        }
    }
}

/// Cholesky factorisation `A = L Lᵀ` of a symmetric positive definite matrix, in `Double`.
struct CholeskySolver {
    /// The lower factor, row-major `size x size`.
    let lower: [Double]
    let size: Int

    init(matrix: [Double], size: Int) throws {
        var l = [Double](repeating: 0, count: size * size)
        for i in 0..<size {
            for j in 0...i {
                var sum = matrix[i * size + j]
                for k in 0..<j { sum -= l[i * size + k] * l[j * size + k] }
                if i == j {
                    guard sum > 0 else { throw LinearProbeError.notPositiveDefinite(pivot: i) }
                    l[i * size + i] = sum.squareRoot()
                } else {
                    l[i * size + j] = sum / l[j * size + j]
                }
            }
        }
        self.lower = l
        self.size = size
    }

    /// Solves `A X = B` for `B` with `columns` columns (row-major `size x columns`).
    func solve(_ b: [Double], columns: Int) -> [Double] {
        var x = b
        for c in 0..<columns {
            for i in 0..<size {  // forward: L y = b
                var sum = x[i * columns + c]
                for k in 0..<i { sum -= lower[i * size + k] * x[k * columns + c] }
                x[i * columns + c] = sum / lower[i * size + i]
            }
            for i in stride(from: size - 1, through: 0, by: -1) {  // backward: Lᵀ x = y
                var sum = x[i * columns + c]
                for k in (i + 1)..<size { sum -= lower[k * size + i] * x[k * columns + c] }
                x[i * columns + c] = sum / lower[i * size + i]
            }
        }
        return x
    }
}

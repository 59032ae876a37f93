import TensorCore

/// Central finite differences, (L(v + h e_i) − L(v − h e_i)) / 2h, of `loss` for every element of `values`.
func numericGradient(_ values: [Float], step h: Float = 1e-2, loss: ([Float]) -> Double) -> [Double] {
    var probe = values
    return values.indices.map { i in
        probe[i] = values[i] + h
        let plus = loss(probe)
        let up = probe[i]
        probe[i] = values[i] - h
        let minus = loss(probe)
        let down = probe[i]
        probe[i] = values[i]
        return (plus - minus) / Double(up - down)
    }
}

/// ‖a − b‖ / ‖b‖ (b the reference).
func relativeError(_ a: [Float], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "relativeError: \(a.count) vs \(b.count) elements")
    var difference = 0.0, norm = 0.0
    for i in a.indices {
        difference += (Double(a[i]) - b[i]) * (Double(a[i]) - b[i])
        norm += b[i] * b[i]
    }
    return (difference / max(norm, 1e-30)).squareRoot()
}

/// ‖a − b‖ / ‖b‖ for two float vectors.
func relativeError(_ a: [Float], _ b: [Float]) -> Double { relativeError(a, b.map(Double.init)) }

/// cos(a, b).
func cosine(_ a: [Float], _ b: [Float]) -> Double {
    var dot = 0.0, na = 0.0, nb = 0.0
    for i in a.indices {
        dot += Double(a[i]) * Double(b[i])
        na += Double(a[i]) * Double(a[i])
        nb += Double(b[i]) * Double(b[i])
    }
    return dot / (na * nb).squareRoot()
}

/// Σ r ⊙ m in Double: a scalar whose gradient with respect to m is r (a random projection).
func project(_ m: Matrix, _ r: Matrix) -> Double {
    zip(m.storage, r.storage).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
}

/// A [rows, cols] matrix of N(0, std²) samples from `seed`.
func randomMatrix(_ rows: Int, _ cols: Int, seed: UInt64, std: Float = 1) -> Matrix {
    var rng = RandomStream(seed: seed)
    return Matrix.normal(rows: rows, cols: cols, std: std, rng: &rng)
}

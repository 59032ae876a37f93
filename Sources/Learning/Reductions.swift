/// Vectorised sums used by losses and energies (the standard library will not reorder a float sum).
enum Reductions {
    /// Σ p[i]² for `count` floats, in SIMD16 `Float` blocks of 1024 accumulated in `Double`.
    static func sumOfSquares(_ p: UnsafePointer<Float>, count: Int) -> Double {
        var total = 0.0
        var start = 0
        let raw = UnsafeRawPointer(p)
        while start + 16 <= count {
            let end = Swift.min(start + 1024, count - count % 16)
            var acc = SIMD16<Float>(repeating: 0)
            var i = start
            while i < end {
                let v = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                acc += v * v
                i += 16
            }
            total += Double(acc.sum())
            start = end
        }
        while start < count {
            total += Double(p[start]) * Double(p[start])
            start += 1
        }
        return total
    }
}

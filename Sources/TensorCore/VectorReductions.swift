/// Vectorised sums used by losses and energies (the standard library will not reorder a float sum).
public enum VectorReductions {
    /// Σ p[i]² for `count` floats, in SIMD16 `Float` blocks of 1024 accumulated in `Double`.
    public static func sumOfSquares(_ p: UnsafePointer<Float>, count: Int) -> Double {
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

    /// Whether all `count` floats are finite (x·0 is NaN exactly for NaN and ±infinity).
    public static func allFinite(_ p: UnsafePointer<Float>, count: Int) -> Bool {
        let raw = UnsafeRawPointer(p)
        var acc = SIMD16<Float>(repeating: 0)
        var i = 0
        while i + 16 <= count {
            acc += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self) * 0
            i += 16
        }
        var tail: Float = 0
        while i < count {
            tail += p[i] * 0
            i += 1
        }
        return acc.sum() + tail == 0
    }

    /// Σ values[i]², accumulated as in `sumOfSquares(_:count:)`; 0 for an empty array.
    public static func sumOfSquares(_ values: [Float]) -> Double {
        values.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return 0 }
            return sumOfSquares(base, count: p.count)
        }
    }

    /// Whether every element of `values` is finite (true for an empty array).
    public static func allFinite(_ values: [Float]) -> Bool {
        values.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return true }
            return allFinite(base, count: p.count)
        }
    }
}

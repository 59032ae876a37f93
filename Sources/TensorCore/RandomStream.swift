import Foundation

/// A seeded, splittable pseudo-random generator (xoshiro256**), identical on every platform.
///
/// Determinism in Foresight rests on this type: a run has one root seed, and each
/// episode, worker or layer gets its own stream with `split(_:)`, which depends only
/// on the parent's seed and the index, never on how many numbers were drawn before or
/// on which thread asks. So results do not depend on the thread count.
public struct RandomStream: RandomNumberGenerator, Sendable {
    /// The seed this stream was created from; `split` derives children from it.
    public let seed: UInt64
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Creates a stream from a 64-bit seed (any value, zero included).
    public init(seed: UInt64) {
        self.seed = seed
        var mixer = seed
        s0 = RandomStream.splitMix(&mixer)
        s1 = RandomStream.splitMix(&mixer)
        s2 = RandomStream.splitMix(&mixer)
        s3 = RandomStream.splitMix(&mixer)
    }

    /// Returns the independent child stream number `index` of this stream's seed.
    ///
    /// Pure in `(seed, index)`: calling it before or after drawing numbers gives the same child.
    public func split(_ index: Int) -> RandomStream {
        var mixer = seed ^ 0x6A09_E667_F3BC_C909
        _ = RandomStream.splitMix(&mixer)
        mixer ^= UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03
        return RandomStream(seed: RandomStream.splitMix(&mixer))
    }

    /// Returns the next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform `Float` in `[0, 1)` with 24 random bits.
    @inlinable
    public mutating func uniform() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    @inlinable
    public mutating func uniformDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A uniform `Double` in `range`.
    @inlinable
    public mutating func uniform(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * uniformDouble()
    }

    /// A uniform integer in `0..<bound` without modulo bias.
    @inlinable
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "int(below:) needs a positive bound")
        let limit = UInt64(bound)
        let threshold = (0 &- limit) % limit
        while true {
            let product = next().multipliedFullWidth(by: limit)
            if product.low >= threshold { return Int(product.high) }
        }
    }

    /// A standard normal sample (Box-Muller in `Double`, rounded to `Float`).
    @inlinable
    public mutating func normal() -> Float {
        Float(normalDouble())
    }

    /// A standard normal sample in `Double` precision.
    @inlinable
    public mutating func normalDouble() -> Double {
        let u1 = 1.0 - uniformDouble()  // in (0, 1], so log is finite
        let u2 = uniformDouble()
        return (-2.0 * Foundation.log(u1)).squareRoot() * Foundation.cos(2.0 * Double.pi * u2)
    }

    /// Fills `values` with samples from N(mean, std²).
    public mutating func fillNormal(_ values: inout [Float], mean: Float = 0, std: Float = 1) {
        for i in values.indices { values[i] = mean + std * normal() }
    }

    /// Fills `values` with samples from U(low, high).
    public mutating func fillUniform(_ values: inout [Float], low: Float, high: Float) {
        for i in values.indices { values[i] = low + (high - low) * uniform() }
    }

    /// Shuffles `array` in place (Fisher-Yates), reproducibly.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, int(below: i + 1))
        }
    }

    @usableFromInline
    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@inlinable
func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
}

extension Matrix {
    /// A matrix of N(mean, std²) samples drawn from `rng`.
    public static func normal(rows: Int, cols: Int, mean: Float = 0, std: Float = 1,
                              rng: inout RandomStream) -> Matrix {
        var m = Matrix(rows: rows, cols: cols)
        rng.fillNormal(&m.storage, mean: mean, std: std)
        return m
    }

    /// A matrix of U(low, high) samples drawn from `rng`.
    public static func uniform(rows: Int, cols: Int, low: Float, high: Float,
                               rng: inout RandomStream) -> Matrix {
        var m = Matrix(rows: rows, cols: cols)
        rng.fillUniform(&m.storage, low: low, high: high)
        return m
    }
}

extension SIMD2 where Scalar == Double {
    /// The vector as `(x, y)`, for messages (not Swift's `SIMD2<Double>(x, y)`).
    var pointDescription: String { "(\(x), \(y))" }
}

/// Vectorisable `exp` and `tanh` for `Float`: straight-line arithmetic with no libm calls.
///
/// `exp(x)` picks n = round(x·log2 e) (by the 1.5·2²³ trick, so no `floor` instruction is
/// needed), reduces g = x − n·ln 2 with ln 2 split in two parts (so g is exact to a few ulp),
/// evaluates e^g, |g| ≤ ½ ln 2, with a degree-6 Taylor polynomial and builds 2ⁿ from the
/// exponent bits. Inputs are clamped to [-87, 88], where 2ⁿ is a normal float.
public enum FastMath {
    /// e^x with relative error below 2e-7 for x in [-87, 88] (clamped outside).
    @inlinable @inline(__always)
    public static func exp(_ x: Float) -> Float {
        let clamped = Swift.min(Swift.max(x, -87), 88)
        let shifted = clamped * 1.442_695_04 + 12_582_912
        let n = shifted - 12_582_912
        let g = (clamped - n * 0.693_359_375) + n * 2.121_944_4e-4
        var p: Float = 1.0 / 720
        p = p * g + 1.0 / 120
        p = p * g + 1.0 / 24
        p = p * g + 1.0 / 6
        p = p * g + 0.5
        p = p * g + 1
        p = p * g + 1
        let exponent = (shifted.bitPattern &- 0x4B40_0000 &+ 127) << 23
        return p * Float(bitPattern: exponent)
    }

    /// tanh(x) = 1 - 2 / (e^{2x} + 1), absolute error below 2e-7.
    @inlinable @inline(__always)
    public static func tanh(_ x: Float) -> Float {
        1 - 2 / (exp(2 * x) + 1)
    }
}

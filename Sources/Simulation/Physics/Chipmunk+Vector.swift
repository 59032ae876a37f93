import Foundation
import CChipmunk

extension SIMD2 where Scalar == Double {
    /// A vector from a Chipmunk `cpVect`.
    @inlinable
    init(_ v: cpVect) {
        self.init(v.x, v.y)
    }

    /// The Chipmunk `cpVect` of this vector.
    @inlinable
    var cp: cpVect { cpVect(x: x, y: y) }

    /// Euclidean length.
    @inlinable
    var length: Double { (x * x + y * y).squareRoot() }

    /// This vector rotated by `angle` radians counter-clockwise.
    @inlinable
    func rotated(by angle: Double) -> SIMD2<Double> {
        let c = cos(angle), s = sin(angle)
        return SIMD2(c * x - s * y, s * x + c * y)
    }
}

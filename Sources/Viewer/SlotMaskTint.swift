#if Viewer
import Simulation
import TensorCore

/// Slot masks tinted over a camera image: every pixel moves toward each slot's colour by that slot's share of it.
public enum SlotMaskTint {
    /// How far a pixel a slot fully claims moves toward the slot's colour (the camera keeps the rest).
    public static let strength = 0.6

    /// `camera` (`side² * 3` RGB bytes) with `masks` (`[side², K + 1]`, background last) tinted over it: at each pixel,
    /// `(1 − s·Σₖ mₖ)·camera + s·Σₖ mₖ·colors[k]` with `s = strength`, rounded to the nearest byte; the background
    /// channel leaves the camera as it is.
    public static func tint(camera: [UInt8], masks: Matrix, colors: [RGB], strength: Double = strength) -> [UInt8] {
        let pixels = camera.count / 3, slots = colors.count
        precondition(masks.rows == pixels && masks.cols == slots + 1,
                     "SlotMaskTint: masks \(masks.shape) for \(pixels) pixels and \(slots) slot colours")
        var out = camera
        for i in 0..<pixels {
            var claimed = 0.0, tint = SIMD3<Double>.zero
            for k in 0..<slots {
                let m = Double(masks[i, k])
                claimed += m
                tint += m * SIMD3(Double(colors[k].r), Double(colors[k].g), Double(colors[k].b))
            }
            for c in 0..<3 {
                let value = (1 - strength * claimed) * Double(camera[i * 3 + c]) + strength * tint[c]
                out[i * 3 + c] = UInt8(min(255, max(0, value.rounded())))
            }
        }
        return out
    }
}
#endif

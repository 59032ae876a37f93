import TensorCore

/// A soft k-means loss that makes slot masks explain the image: each mask channel's colour is the mean colour of the
/// pixels it holds in that frame, and every pixel pays the squared distance from its colour to each channel's colour,
/// weighted by its mask.
///
/// `L = λ / F · Σ_f Σ_i Σ_c m_ic ½‖x_i − μ_fc‖²` with `μ_fc = Σ_i m_ic x_i / (Σ_i m_ic + ε)` over frame `f`'s pixels `i`.
/// The loss is linear in each pixel's mask given the colours, so its minimum gives every pixel wholly to the channel
/// whose colour is nearest; with at least as many channels as distinct colours (the bodies and the table), each colour
/// then holds a channel of its own and no slot holds two bodies. As μ is the weighted mean, `∂L/∂μ` is only the floor's
/// `−ε μ`, and the gradient is
/// `∂L/∂m_ic = λ / F · (½‖x_i − μ_fc‖² − ε μ_fc · (x_i − μ_fc) / (Σ_i m_ic + ε))`.
///
/// Shapes: masks `[F * P, C]` (a frame's `P` pixel rows together), colours `[F * P, 3]`; the gradient `[F * P, C]`.
public enum MaskColourFit {
    /// Added to each channel's mask sum before its mean colour divides by it (an empty channel's colour stays finite).
    static let massFloor = 1e-2

    /// The loss of `masks` on pixel `colours` in frames of `pixelsPerFrame` rows, weighted by `weight`; writes
    /// `∂L/∂masks` into `gradient`.
    public static func loss(masks: Matrix, colours: Matrix, pixelsPerFrame: Int, weight: Float, gradient: inout Matrix) -> Float {
        let channels = masks.cols, width = colours.cols, pixels = pixelsPerFrame
        precondition(colours.rows == masks.rows && pixels > 0 && masks.rows % pixels == 0,
                     "MaskColourFit: masks \(masks.shape) and colours \(colours.shape) are not frames of \(pixels) pixels")
        let frames = masks.rows / pixels, scale = Double(weight) / Double(frames), floor = massFloor
        gradient.resize(rows: masks.rows, cols: channels)
        var total = 0.0
        var means = [Double](repeating: 0, count: channels * width), sums = [Double](repeating: 0, count: channels)
        masks.storage.withUnsafeBufferPointer { m in
            colours.storage.withUnsafeBufferPointer { x in
                gradient.storage.withUnsafeMutableBufferPointer { g in
                    for f in 0..<frames {
                        let first = f * pixels
                        means.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                        sums.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                        for i in first..<(first + pixels) {
                            for c in 0..<channels {
                                let v = Double(m[i * channels + c])
                                sums[c] += v
                                for d in 0..<width { means[c * width + d] += v * Double(x[i * width + d]) }
                            }
                        }
                        for c in 0..<channels {
                            for d in 0..<width { means[c * width + d] /= sums[c] + floor }
                        }
                        for i in first..<(first + pixels) {
                            for c in 0..<channels {
                                var distance = 0.0, pull = 0.0
                                for d in 0..<width {
                                    let mean = means[c * width + d], offset = Double(x[i * width + d]) - mean
                                    distance += offset * offset
                                    pull += mean * offset
                                }
                                total += Double(m[i * channels + c]) * 0.5 * distance
                                g[i * channels + c] = Float(scale * (0.5 * distance - floor * pull / (sums[c] + floor)))
                            }
                        }
                    }
                }
            }
        }
        return Float(total * scale)
    }
}

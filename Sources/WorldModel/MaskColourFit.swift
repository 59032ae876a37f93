import TensorCore

/// A loss that makes slot masks explain the image's colours: each mask channel stands for a prototype colour
/// (`ColourPrototypes`, k-means of the training frames' colours), and every pixel pays the squared distance from its
/// colour to each channel's prototype, weighted by its mask: the assignment step of k-means, learnt by the masks.
///
/// `L = λ / F · Σ_i Σ_c m_ic ½‖x_i − p_c‖²` over the `F` frames' pixels `i`, so `∂L/∂m_ic = λ / F · ½‖x_i − p_c‖²`.
/// The loss is linear in each pixel's mask, so its minimum gives every pixel wholly to the channel of the nearest
/// prototype, and through the softmax that channel's logit always gains: unlike a mean colour per channel recomputed
/// from the masks, no channel can take two bodies' colours and keep them, nor die out.
///
/// Shapes: masks `[F * P, C]`, colours `[F * P, 3]`, prototypes `[C, 3]`; the gradient `[F * P, C]`.
public enum MaskColourFit {
    /// The loss of `masks` on pixel `colours` (frames of `pixelsPerFrame` rows) against `prototypes`, weighted by
    /// `weight`; writes `∂L/∂masks` into `gradient`.
    public static func loss(masks: Matrix, colours: Matrix, prototypes: Matrix, pixelsPerFrame: Int, weight: Float,
                            gradient: inout Matrix) -> Float {
        let channels = masks.cols, width = colours.cols
        precondition(colours.rows == masks.rows && pixelsPerFrame > 0 && masks.rows % pixelsPerFrame == 0
                     && prototypes.rows == channels && prototypes.cols == width,
                     "MaskColourFit: masks \(masks.shape), colours \(colours.shape), prototypes \(prototypes.shape) (frames of \(pixelsPerFrame) pixels)")
        let scale = Double(weight) / Double(masks.rows / pixelsPerFrame)
        gradient.resize(rows: masks.rows, cols: channels)
        var total = 0.0
        masks.storage.withUnsafeBufferPointer { m in
            colours.storage.withUnsafeBufferPointer { x in
                prototypes.storage.withUnsafeBufferPointer { p in
                    gradient.storage.withUnsafeMutableBufferPointer { g in
                        for i in 0..<masks.rows {
                            for c in 0..<channels {
                                var distance = 0.0
                                for d in 0..<width {
                                    let offset = Double(x[i * width + d]) - Double(p[c * width + d])
                                    distance += offset * offset
                                }
                                total += Double(m[i * channels + c]) * 0.5 * distance
                                g[i * channels + c] = Float(scale * 0.5 * distance)
                            }
                        }
                    }
                }
            }
        }
        return Float(total * scale)
    }
}

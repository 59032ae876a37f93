import TensorCore

/// A loss that makes slot masks explain the image: each mask channel stands for a prototype colour
/// (`ColourPrototypes`, the pure colours of the training frames), and every pixel's colour is reconstructed as the
/// mask-weighted mix of the prototypes, each channel's share paying its prototype's distance to the pixel's colour.
///
/// `L = λ / F · Σ_i (½‖r_i − x_i‖² + β Σ_c m_ic ½‖x_i − p_c‖²)` over the `F` frames' pixels `i`, `r_i = Σ_c m_ic p_c`, so
/// `∂L/∂m_ic = λ / F · ((r_i − x_i) · p_c + β ½‖x_i − p_c‖²)`. A pixel of one pure colour is reconstructed only by that
/// colour's channel when no prototype is a mix of the others (each is a corner of their hull, as on `push`), so no slot
/// can hold two bodies; an edge pixel that mixes a body with the table is reconstructed by the two channels in about the
/// proportion each covers it, so a mask's centroid keeps the sub-pixel position the anti-aliasing carries. The second
/// term (sparse unmixing, weight `β`) settles the mixes the first leaves nearly free: without it, on `push`, edge pixels
/// of one body were in part reconstructed from other bodies' colours, and those slots' centroids were 5–11 cm off. It
/// moves a true two-colour edge's shares by at most `β / 2`.
///
/// Shapes: masks `[F * P, C]`, colours `[F * P, 3]`, prototypes `[C, 3]`; the gradient `[F * P, C]`.
public enum MaskColourFit {
    /// The weight `β` of each channel's share times its prototype's distance to the pixel's colour.
    public static let sparsity = 0.1

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
        var residual = [Double](repeating: 0, count: width)
        masks.storage.withUnsafeBufferPointer { m in
            colours.storage.withUnsafeBufferPointer { x in
                prototypes.storage.withUnsafeBufferPointer { p in
                    gradient.storage.withUnsafeMutableBufferPointer { g in
                        for i in 0..<masks.rows {
                            for d in 0..<width {
                                var mix = 0.0
                                for c in 0..<channels { mix += Double(m[i * channels + c]) * Double(p[c * width + d]) }
                                residual[d] = mix - Double(x[i * width + d])
                                total += 0.5 * residual[d] * residual[d]
                            }
                            for c in 0..<channels {
                                var dot = 0.0, distance = 0.0
                                for d in 0..<width {
                                    let prototype = Double(p[c * width + d]), offset = Double(x[i * width + d]) - prototype
                                    dot += residual[d] * prototype
                                    distance += offset * offset
                                }
                                total += sparsity * Double(m[i * channels + c]) * 0.5 * distance
                                g[i * channels + c] = Float(scale * (dot + sparsity * 0.5 * distance))
                            }
                        }
                    }
                }
            }
        }
        return Float(total * scale)
    }
}

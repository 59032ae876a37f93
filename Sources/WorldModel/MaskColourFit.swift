import TensorCore

/// A loss that makes slot masks explain the image: each mask channel stands for a prototype colour
/// (`ColourPrototypes`, the pure colours of the training frames), and every pixel's colour is reconstructed as the
/// mask-weighted mix of the prototypes, each channel's share paying a price (`MaskColourSparsity`).
///
/// `L = λ / F · Σ_i (½‖r_i − x_i‖² + β Σ_c m_ic w_ic)` over the `F` frames' pixels `i`, `r_i = Σ_c m_ic p_c`, so
/// `∂L/∂m_ic = λ / F · ((r_i − x_i) · p_c + β w_ic)`, where `w_ic` is the `MaskColourSparsity` price of channel `c`'s share:
/// `½‖x_i − p_c‖²` (`distance`) or `‖p_c − p_b‖`, `b` the background's channel, the last (`contrast`). A pixel of one pure
/// colour is reconstructed only by that colour's channel when no prototype is a mix of the others (each is a corner of
/// their hull, as on `push`), so no slot can hold two bodies; an edge pixel that mixes a body with the table is
/// reconstructed by the two channels in about the proportion each covers it, so a mask's centroid keeps the sub-pixel
/// position the anti-aliasing carries. The second term (sparse unmixing, weight `β`) settles the mixes the first leaves
/// nearly free: without it, on `push`, edge pixels of one body were in part reconstructed from other bodies' colours, and
/// those slots' centroids were 5–11 cm off. `distance` still gives part of some edges to channels whose colour lies near
/// grey; `contrast` gives a blend of the background with one colour to those two alone, each body's share less
/// `β / ‖p_c − p_b‖` (0.03–0.06 on `push`).
///
/// Shapes: masks `[F * P, C]`, colours `[F * P, 3]`, prototypes `[C, 3]` (the background's last); the gradient `[F * P, C]`.
public enum MaskColourFit {
    /// The weight `β` of each channel's share times its price.
    public static let sparsity = 0.1

    /// The loss of `masks` on pixel `colours` (frames of `pixelsPerFrame` rows) against `prototypes`, weighted by
    /// `weight`, each channel's share priced by `price`; writes `∂L/∂masks` into `gradient`.
    public static func loss(masks: Matrix, colours: Matrix, prototypes: Matrix, pixelsPerFrame: Int, weight: Float,
                            price: MaskColourSparsity, gradient: inout Matrix) -> Float {
        let channels = masks.cols, width = colours.cols
        precondition(colours.rows == masks.rows && pixelsPerFrame > 0 && masks.rows % pixelsPerFrame == 0
                     && prototypes.rows == channels && prototypes.cols == width,
                     "MaskColourFit: masks \(masks.shape), colours \(colours.shape), prototypes \(prototypes.shape) (frames of \(pixelsPerFrame) pixels)")
        let scale = Double(weight) / Double(masks.rows / pixelsPerFrame)
        gradient.resize(rows: masks.rows, cols: channels)
        var total = 0.0
        var residual = [Double](repeating: 0, count: width)
        let contrast = contrasts(prototypes)
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
                                let cost = price == .contrast ? contrast[c] : 0.5 * distance
                                total += sparsity * Double(m[i * channels + c]) * cost
                                g[i * channels + c] = Float(scale * (dot + sparsity * cost))
                            }
                        }
                    }
                }
            }
        }
        return Float(total * scale)
    }

    /// Each prototype's distance from the last one (the background's): `[C]`, the last 0.
    static func contrasts(_ prototypes: Matrix) -> [Double] {
        let last = prototypes.rows - 1
        return (0..<prototypes.rows).map { c in
            (0..<prototypes.cols).reduce(0.0) { sum, d in
                let offset = Double(prototypes[c, d]) - Double(prototypes[last, d])
                return sum + offset * offset
            }.squareRoot()
        }
    }
}

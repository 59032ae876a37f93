import Foundation
import TensorCore

/// Object masks and their moments from per-pixel logits: a softmax over `K` slots and one background
/// channel at every pixel (the slots compete for each pixel, so two slots cannot both claim one body),
/// then for every slot the moments of its mask: centroid `(x̄, ȳ)` in `[-1, 1]` (`+y` up), mass, and the
/// central second moments `σxx, σxy, σyy` (orientation and extent).
///
/// Only moments reach the slot MLP (not the flattened mask, as in C-SWM): a slot whose mask spreads over two
/// bodies cannot report both positions, which pushes each slot onto one body, and a slot's position is
/// linear in its features.
///
/// Shapes: `forward` takes logits `[F * P, K + 1]` (`P = side²` pixel rows per image, background last) and returns
/// features `[F * K, 6]` (row `f * K + k`: `x̄, ȳ, mass, σxx, σxy, σyy`; mass as `Σ m / side`, the second moments
/// in squared pixels); `backward` takes `[F * K, 6]` and returns `[F * P, K + 1]`. `masks` holds the last forward's softmax.
/// `fitColours` adds `MaskColourFit`'s loss on the last forward's masks, whose gradient the next `backward` adds in.
public struct SlotMasks: Sendable {
    /// Image side in pixels.
    public let side: Int
    /// Object slots (the softmax has one more channel, the background).
    public let slots: Int
    /// The last forward's masks `[F * P, K + 1]` (background last).
    public private(set) var masks = Matrix(rows: 0, cols: 0)
    private var features = Matrix(rows: 0, cols: 0)
    /// `∂L/∂masks` of `fitColours` since the last forward (empty without it).
    private var colourGradient = Matrix(rows: 0, cols: 0)
    private let xs: [Float]
    private let ys: [Float]

    /// Added to each mask's pixel sum before the moments divide by it (an empty mask's moments stay finite).
    static let massFloor: Float = 1e-2
    /// The feature width per slot.
    public static let featureSize = 6

    public init(side: Int, slots: Int) {
        self.side = side
        self.slots = slots
        let grid = PixelCoordinates(height: side, width: side)
        xs = grid.xs
        ys = grid.ys
    }

    /// Squared pixels per squared unit of the `[-1, 1]` coordinates.
    private var momentScale: Float { Float(side * side) / 4 }

    /// Masks and slot features of the logits.
    public mutating func forward(_ logits: Matrix) -> Matrix {
        let pixels = side * side, channels = slots + 1, width = SlotMasks.featureSize
        precondition(logits.cols == channels && logits.rows % pixels == 0,
                     "SlotMasks: logits \(logits.shape) are not [F*\(pixels), \(channels)]")
        let frames = logits.rows / pixels
        colourGradient.resize(rows: 0, cols: channels)
        masks.resize(rows: logits.rows, cols: channels)
        masks.assign(logits)
        masks.softmaxRows()
        features.resize(rows: frames * slots, cols: width)
        let scale = Double(momentScale)
        masks.storage.withUnsafeBufferPointer { m in
            features.storage.withUnsafeMutableBufferPointer { out in
                for f in 0..<frames {
                    for k in 0..<slots {
                        var sum = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0, syy = 0.0
                        for i in 0..<pixels {
                            let v = Double(m[(f * pixels + i) * channels + k]), x = Double(xs[i]), y = Double(ys[i])
                            sum += v
                            sx += v * x
                            sy += v * y
                            sxx += v * x * x
                            sxy += v * x * y
                            syy += v * y * y
                        }
                        let total = sum + Double(SlotMasks.massFloor), cx = sx / total, cy = sy / total
                        let row = (f * slots + k) * width
                        out[row] = Float(cx)
                        out[row + 1] = Float(cy)
                        out[row + 2] = Float(sum / Double(side))
                        out[row + 3] = Float((sxx / total - cx * cx) * scale)
                        out[row + 4] = Float((sxy / total - cx * cy) * scale)
                        out[row + 5] = Float((syy / total - cy * cy) * scale)
                    }
                }
            }
        }
        return features
    }

    /// `MaskColourFit`'s loss of the last forward's masks on the frames' pixel `colours` `[F * P, 3]` against the
    /// channels' `prototypes` `[K + 1, 3]`, weighted by `weight`, each channel's share priced by `price`; its gradient
    /// joins the next `backward`.
    public mutating func fitColours(_ colours: Matrix, prototypes: Matrix, weight: Float, price: MaskColourSparsity) -> Float {
        MaskColourFit.loss(masks: masks, colours: colours, prototypes: prototypes, pixelsPerFrame: side * side, weight: weight,
                           price: price, gradient: &colourGradient)
    }

    /// The gradient with respect to the logits, given the gradient with respect to the features (and the colour
    /// loss's, when `fitColours` ran since the last forward).
    ///
    /// Per slot, with `S = Σm + ε`: `∂x̄/∂m_i = (x_i − x̄) / S`, `∂mass/∂m_i = 1 / side`,
    /// `∂σxy/∂m_i = ((x_i − x̄)(y_i − ȳ) − σxy) / S` (scaled like the feature); per pixel, the softmax's
    /// `∂L/∂l_c = m_c (g_c − Σ_j m_j g_j)`, where the moments give the background's mask no gradient.
    public func backward(_ gradFeatures: Matrix) -> Matrix {
        let pixels = side * side, channels = slots + 1, width = SlotMasks.featureSize
        precondition(gradFeatures.rows == features.rows && gradFeatures.cols == width,
                     "SlotMasks.backward: gradient \(gradFeatures.shape) does not match the forward pass")
        let frames = features.rows / slots, scale = momentScale
        var gradMasks = Matrix(rows: masks.rows, cols: channels)
        gradMasks.storage.withUnsafeMutableBufferPointer { g in
            features.storage.withUnsafeBufferPointer { feature in
                gradFeatures.storage.withUnsafeBufferPointer { gf in
                    for f in 0..<frames {
                        for k in 0..<slots {
                            let row = (f * slots + k) * width
                            let inverse = 1 / (feature[row + 2] * Float(side) + SlotMasks.massFloor)
                            let cx = feature[row], cy = feature[row + 1]
                            let vxx = feature[row + 3] / scale, vxy = feature[row + 4] / scale, vyy = feature[row + 5] / scale
                            let gx = gf[row] * inverse, gy = gf[row + 1] * inverse, gm = gf[row + 2] / Float(side)
                            let gxx = gf[row + 3] * scale * inverse, gxy = gf[row + 4] * scale * inverse
                            let gyy = gf[row + 5] * scale * inverse
                            for i in 0..<pixels {
                                let dx = xs[i] - cx, dy = ys[i] - cy
                                g[(f * pixels + i) * channels + k] = gx * dx + gy * dy + gm
                                    + gxx * (dx * dx - vxx) + gxy * (dx * dy - vxy) + gyy * (dy * dy - vyy)
                            }
                        }
                    }
                }
            }
            if colourGradient.rows == masks.rows {
                colourGradient.storage.withUnsafeBufferPointer { c in
                    for index in 0..<c.count { g[index] += c[index] }
                }
            }
            masks.storage.withUnsafeBufferPointer { m in
                for r in 0..<masks.rows {
                    var dot: Float = 0
                    for c in 0..<channels { dot += m[r * channels + c] * g[r * channels + c] }
                    for c in 0..<channels { g[r * channels + c] = m[r * channels + c] * (g[r * channels + c] - dot) }
                }
            }
        }
        return gradMasks
    }
}

import Foundation
import TensorCore

/// Object masks and per-slot features from per-pixel logits: a softmax over `K` slots and one background
/// channel at every pixel (the slots compete for each pixel, so two slots cannot both claim one body),
/// then for every slot its mask (flattened) and its moments: centroid `(x̄, ȳ)` in `[-1, 1]` (`+y` up) and mass.
///
/// Shapes: `forward` takes logits `[F * P, K + 1]` (`P = side²` pixel rows per image, background last) and returns
/// features `[F * K, P + 3]` (row `f * K + k`: `m_k` over the pixels, then `x̄_k, ȳ_k`, and `Σ m_k / P`);
/// `backward` takes `[F * K, P + 3]` and returns `[F * P, K + 1]`. `masks` holds the last forward's softmax.
public struct SlotMasks: Sendable {
    /// Image side in pixels.
    public let side: Int
    /// Object slots (the softmax has one more channel, the background).
    public let slots: Int
    /// The last forward's masks `[F * P, K + 1]` (background last).
    public private(set) var masks = Matrix(rows: 0, cols: 0)
    private var features = Matrix(rows: 0, cols: 0)
    private let xs: [Float]
    private let ys: [Float]

    /// Added to each mask's pixel sum before the centroid divides by it (an empty mask's centroid stays finite).
    static let massFloor: Float = 1e-2

    public init(side: Int, slots: Int) {
        self.side = side
        self.slots = slots
        var xs = [Float](repeating: 0, count: side * side), ys = xs
        for r in 0..<side {
            for c in 0..<side {
                xs[r * side + c] = (Float(c) + 0.5) / Float(side) * 2 - 1
                ys[r * side + c] = 1 - (Float(r) + 0.5) / Float(side) * 2
            }
        }
        self.xs = xs
        self.ys = ys
    }

    /// The feature width per slot: pixels + centroid + mass.
    public var featureSize: Int { side * side + 3 }

    /// Masks and slot features of the logits.
    public mutating func forward(_ logits: Matrix) -> Matrix {
        let pixels = side * side, channels = slots + 1
        precondition(logits.cols == channels && logits.rows % pixels == 0,
                     "SlotMasks: logits \(logits.shape) are not [F*\(pixels), \(channels)]")
        let frames = logits.rows / pixels
        masks.resize(rows: logits.rows, cols: channels)
        masks.assign(logits)
        masks.softmaxRows()
        features.resize(rows: frames * slots, cols: featureSize)
        let width = featureSize
        masks.storage.withUnsafeBufferPointer { m in
            features.storage.withUnsafeMutableBufferPointer { out in
                for f in 0..<frames {
                    for k in 0..<slots {
                        let row = (f * slots + k) * width
                        var sum = 0.0, sx = 0.0, sy = 0.0
                        for i in 0..<pixels {
                            let v = m[(f * pixels + i) * channels + k]
                            out[row + i] = v
                            sum += Double(v)
                            sx += Double(v * xs[i])
                            sy += Double(v * ys[i])
                        }
                        let total = sum + Double(SlotMasks.massFloor)
                        out[row + pixels] = Float(sx / total)
                        out[row + pixels + 1] = Float(sy / total)
                        out[row + pixels + 2] = Float(sum / Double(pixels))
                    }
                }
            }
        }
        return features
    }

    /// The gradient with respect to the logits, given the gradient with respect to the features.
    ///
    /// Per slot, `∂x̄/∂m_i = (x_i − x̄) / (Σm + ε)` and `∂mass/∂m_i = 1 / P`; per pixel, the softmax's
    /// `∂L/∂l_c = m_c (g_c − Σ_j m_j g_j)` with no gradient into the background's mask.
    public func backward(_ gradFeatures: Matrix) -> Matrix {
        let pixels = side * side, channels = slots + 1, width = featureSize
        precondition(gradFeatures.rows == features.rows && gradFeatures.cols == width,
                     "SlotMasks.backward: gradient \(gradFeatures.shape) does not match the forward pass")
        let frames = features.rows / slots
        var gradMasks = Matrix(rows: masks.rows, cols: channels)
        gradMasks.storage.withUnsafeMutableBufferPointer { g in
            features.storage.withUnsafeBufferPointer { feature in
                gradFeatures.storage.withUnsafeBufferPointer { gf in
                    for f in 0..<frames {
                        for k in 0..<slots {
                            let row = (f * slots + k) * width
                            let mass = feature[row + pixels + 2] * Float(pixels)
                            let scale = 1 / (mass + SlotMasks.massFloor)
                            let cx = feature[row + pixels], cy = feature[row + pixels + 1]
                            let gx = gf[row + pixels] * scale, gy = gf[row + pixels + 1] * scale
                            let gm = gf[row + pixels + 2] / Float(pixels)
                            for i in 0..<pixels {
                                g[(f * pixels + i) * channels + k] = gf[row + i] + gx * (xs[i] - cx) + gy * (ys[i] - cy) + gm
                            }
                        }
                    }
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

import Foundation
import TensorCore

/// Spatial soft-argmax: per image and channel, a softmax over pixels and the expected pixel position.
///
/// Turns per-pixel feature maps into keypoints, one `(x, y)` pair per channel, so an encoder
/// can find objects by their appearance and report where they are (Levine et al.'s deep spatial
/// autoencoders; a light-weight stand-in for C-SWM's object masks).
///
/// Shapes: `forward` takes logits `[B * H * W, K]` (pixel rows image after image, top row first)
/// and returns keypoints `[B, 2K]` (`x_k, y_k` interleaved, in `[-1, 1]`, `+y` up);
/// `backward` takes `[B, 2K]` and returns `[B * H * W, K]`.
public struct SpatialSoftmax: Sendable {
    /// Image height in pixels.
    public let height: Int
    /// Image width in pixels.
    public let width: Int
    /// Channels (keypoints).
    public let channels: Int
    /// Logits are multiplied by this before the softmax (an inverse temperature: larger is sharper).
    public let sharpness: Float
    private var probabilities = Matrix(rows: 0, cols: 0)
    private var keypoints = Matrix(rows: 0, cols: 0)
    private let xs: [Float]
    private let ys: [Float]

    public init(height: Int, width: Int, channels: Int, sharpness: Float = 1) {
        self.sharpness = sharpness
        self.height = height
        self.width = width
        self.channels = channels
        let grid = PixelCoordinates(height: height, width: width)
        xs = grid.xs
        ys = grid.ys
    }

    /// Softmax over the pixels of each image and channel, then the expected coordinates.
    public mutating func forward(_ logits: Matrix) -> Matrix {
        let pixels = height * width, k = channels
        precondition(logits.cols == k && logits.rows % pixels == 0,
                     "SpatialSoftmax: logits \(logits.shape) are not [B*\(pixels), \(k)]")
        let batch = logits.rows / pixels
        if probabilities.rows != logits.rows { probabilities = Matrix(rows: logits.rows, cols: k) }
        if keypoints.rows != batch { keypoints = Matrix(rows: batch, cols: 2 * k) }
        var maxima = [Float](repeating: 0, count: k), sums = [Double](repeating: 0, count: k)
        logits.storage.withUnsafeBufferPointer { l in
            probabilities.storage.withUnsafeMutableBufferPointer { p in
                keypoints.storage.withUnsafeMutableBufferPointer { out in
                    for b in 0..<batch {
                        let base = b * pixels * k
                        for c in 0..<k { maxima[c] = -.infinity; sums[c] = 0 }
                        for i in 0..<pixels {
                            for c in 0..<k { maxima[c] = max(maxima[c], sharpness * l[base + i * k + c]) }
                        }
                        for i in 0..<pixels {
                            for c in 0..<k {
                                let e = Foundation.exp(sharpness * l[base + i * k + c] - maxima[c])
                                p[base + i * k + c] = e
                                sums[c] += Double(e)
                            }
                        }
                        var ex = [Double](repeating: 0, count: k), ey = ex
                        for i in 0..<pixels {
                            for c in 0..<k {
                                let q = p[base + i * k + c] * Float(1 / sums[c])
                                p[base + i * k + c] = q
                                ex[c] += Double(q * xs[i])
                                ey[c] += Double(q * ys[i])
                            }
                        }
                        for c in 0..<k {
                            out[b * 2 * k + 2 * c] = Float(ex[c])
                            out[b * 2 * k + 2 * c + 1] = Float(ey[c])
                        }
                    }
                }
            }
        }
        return keypoints
    }

    /// The gradient with respect to the logits, given the gradient with respect to the keypoints.
    ///
    /// `∂L/∂l_i = s p_i ((x_i - x̄) g_x + (y_i - ȳ) g_y)` per image and channel, `s` the sharpness.
    public func backward(_ gradKeypoints: Matrix) -> Matrix {
        let pixels = height * width, k = channels
        precondition(gradKeypoints.rows == keypoints.rows && gradKeypoints.cols == 2 * k,
                     "SpatialSoftmax.backward: gradient \(gradKeypoints.shape) does not match the forward pass")
        var grad = Matrix(rows: probabilities.rows, cols: k)
        grad.storage.withUnsafeMutableBufferPointer { g in
            probabilities.storage.withUnsafeBufferPointer { p in
                keypoints.storage.withUnsafeBufferPointer { kp in
                    gradKeypoints.storage.withUnsafeBufferPointer { gk in
                        for b in 0..<keypoints.rows {
                            let base = b * pixels * k
                            for i in 0..<pixels {
                                for c in 0..<k {
                                    let gx = gk[b * 2 * k + 2 * c], gy = gk[b * 2 * k + 2 * c + 1]
                                    let dx = xs[i] - kp[b * 2 * k + 2 * c], dy = ys[i] - kp[b * 2 * k + 2 * c + 1]
                                    g[base + i * k + c] = sharpness * p[base + i * k + c] * (dx * gx + dy * gy)
                                }
                            }
                        }
                    }
                }
            }
        }
        return grad
    }
}

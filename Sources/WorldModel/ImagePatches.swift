import TensorCore

/// im2col for square images stored as pixel rows: each pixel's `window × window` neighbourhood
/// (zero outside the image) as one row, so a convolution of stride 1 with "same" padding is one GEMM
/// (a `Dense` layer, or an `MLP` whose later layers are 1x1 convolutions) over the patch rows.
///
/// Shapes: pixels `[F * S * S, C]` (images one after another, top row first) → patches `[F * S * S, window² * C]`,
/// columns ordered `(dy, dx, channel)` with `dy, dx` in `-r...r`, `r = window / 2`.
public enum ImagePatches {
    /// The patch rows of `pixels`, images of side `side`, for an odd `window`.
    public static func patches(_ pixels: Matrix, side: Int, window: Int) -> Matrix {
        precondition(window > 0 && window % 2 == 1, "ImagePatches: window \(window) must be odd")
        let area = side * side, channels = pixels.cols, radius = window / 2
        precondition(area > 0 && pixels.rows % area == 0, "ImagePatches: \(pixels.rows) pixel rows are not images of \(side)²")
        let width = window * window * channels
        var out = Matrix(rows: pixels.rows, cols: width)
        out.storage.withUnsafeMutableBufferPointer { o in
            pixels.storage.withUnsafeBufferPointer { p in
                for image in 0..<(pixels.rows / area) {
                    for y in 0..<side {
                        for x in 0..<side {
                            let row = image * area + y * side + x
                            var column = 0
                            for dy in -radius...radius {
                                for dx in -radius...radius {
                                    let sy = y + dy, sx = x + dx
                                    if sy >= 0, sy < side, sx >= 0, sx < side {
                                        let source = (image * area + sy * side + sx) * channels
                                        for c in 0..<channels { o[row * width + column + c] = p[source + c] }
                                    }
                                    column += channels
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}

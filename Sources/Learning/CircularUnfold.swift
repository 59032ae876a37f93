import TensorCore

/// The im2col step of a 1-D convolution over a ring of positions (circular padding), so the convolution runs as one GEMM.
///
/// A convolution with `kernel` taps and stride `stride` over `positions` positions of `channels` channels is
/// `unfold` followed by a dense layer from `kernel * channels` to the output channels. Tap `j` of output position
/// `q` reads input position `(q * stride + j - kernel / 2) mod positions`, so a 360° scan has no edge: the first
/// ray's neighbour is the last.
///
/// Shapes: `forward` takes `[B * positions, channels]` (positions of one sample after another) and returns
/// `[B * outputPositions, kernel * channels]` (tap-major: the columns of tap `j` are `j * channels ..< (j + 1) * channels`);
/// `backward` takes the gradient of that and returns `[B * positions, channels]` (each tap's gradient added back).
public struct CircularUnfold: Sendable, Equatable {
    /// Input positions around the ring.
    public let positions: Int
    /// Input channels per position.
    public let channels: Int
    /// Taps of the kernel (odd, centred on the output position's input).
    public let kernel: Int
    /// Input positions between neighbouring output positions.
    public let stride: Int

    /// An unfold of `positions` × `channels` inputs by a `kernel`-tap kernel moved by `stride`.
    public init(positions: Int, channels: Int, kernel: Int, stride: Int) {
        precondition(positions > 0 && channels > 0 && kernel > 0 && stride > 0,
                     "CircularUnfold: positions, channels, kernel and stride must be positive")
        self.positions = positions
        self.channels = channels
        self.kernel = kernel
        self.stride = stride
    }

    /// Output positions: `⌈positions / stride⌉`.
    public var outputPositions: Int { (positions + stride - 1) / stride }
    /// Columns of the unfolded matrix: `kernel * channels`.
    public var patchSize: Int { kernel * channels }

    /// The input position tap `tap` of output position `output` reads.
    @inlinable public func source(output: Int, tap: Int) -> Int {
        ((output * stride + tap - kernel / 2) % positions + positions) % positions
    }

    /// Unfolds `x` `[B * positions, channels]` into `patches` `[B * outputPositions, kernel * channels]` (resized to fit).
    public func forward(_ x: Matrix, into patches: inout Matrix) {
        precondition(x.cols == channels && x.rows % positions == 0,
                     "CircularUnfold: input \(x.shape) is not [B*\(positions), \(channels)]")
        let batch = x.rows / positions, out = outputPositions, c = channels
        patches.resize(rows: batch * out, cols: patchSize)
        x.storage.withUnsafeBufferPointer { input in
            patches.storage.withUnsafeMutableBufferPointer { p in
                for b in 0..<batch {
                    for q in 0..<out {
                        let row = (b * out + q) * patchSize
                        for tap in 0..<kernel {
                            let from = (b * positions + source(output: q, tap: tap)) * c
                            for k in 0..<c { p[row + tap * c + k] = input[from + k] }
                        }
                    }
                }
            }
        }
    }

    /// Folds the patch gradient `gradPatches` `[B * outputPositions, kernel * channels]` back into `gradInput`
    /// `[B * positions, channels]` (resized to fit and overwritten): each input's gradient is the sum over the taps that read it.
    public func backward(_ gradPatches: Matrix, into gradInput: inout Matrix) {
        let out = outputPositions, c = channels
        precondition(gradPatches.cols == patchSize && gradPatches.rows % out == 0,
                     "CircularUnfold.backward: gradient \(gradPatches.shape) is not [B*\(out), \(patchSize)]")
        let batch = gradPatches.rows / out
        gradInput.resize(rows: batch * positions, cols: c)
        gradInput.fill(0)
        gradPatches.storage.withUnsafeBufferPointer { g in
            gradInput.storage.withUnsafeMutableBufferPointer { input in
                for b in 0..<batch {
                    for q in 0..<out {
                        let row = (b * out + q) * patchSize
                        for tap in 0..<kernel {
                            let to = (b * positions + source(output: q, tap: tap)) * c
                            for k in 0..<c { input[to + k] += g[row + tap * c + k] }
                        }
                    }
                }
            }
        }
    }
}

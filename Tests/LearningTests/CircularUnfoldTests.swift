import Testing
import TensorCore
import TestSupport
@testable import Learning

/// The im2col step of the lidar's circular convolution: with a dense layer it is the naive convolution, its
/// backward is its adjoint, and the ring has no edge.
@Suite struct CircularUnfoldTests {
    /// `y[b, q, o] = bias[o] + Σ_tap Σ_c W[o, tap, c] · x[b, (q·stride + tap − ⌊kernel/2⌋) mod positions, c]`, one term at a time.
    static func naiveConvolution(_ x: Matrix, positions: Int, channels: Int, kernel: Int, stride: Int, layer: Dense,
                                 parameters: [Float]) -> Matrix {
        let batch = x.rows / positions, outputs = (positions + stride - 1) / stride
        var y = Matrix(rows: batch * outputs, cols: layer.outputSize)
        for b in 0..<batch {
            for q in 0..<outputs {
                for o in 0..<layer.outputSize {
                    var sum = Double(parameters[layer.biasRange.lowerBound + o])
                    for tap in 0..<kernel {
                        var p = q * stride + tap - kernel / 2
                        while p < 0 { p += positions }
                        while p >= positions { p -= positions }
                        for c in 0..<channels {
                            sum += Double(parameters[layer.weightRange.lowerBound + o * kernel * channels + tap * channels + c])
                                * Double(x[b * positions + p, c])
                        }
                    }
                    y[b * outputs + q, o] = Float(sum)
                }
            }
        }
        return y
    }

    @Test(arguments: [(positions: 7, kernel: 5, stride: 2), (positions: 8, kernel: 3, stride: 1), (positions: 3, kernel: 7, stride: 2)])
    func unfoldAndOneGEMMAreTheNaiveCircularConvolution(positions: Int, kernel: Int, stride: Int) {
        let channels = 3, batch = 2
        let unfold = CircularUnfold(positions: positions, channels: channels, kernel: kernel, stride: stride)
        let layer = MLP(config: MLPConfig(inputSize: unfold.patchSize, hiddenSizes: [], outputSize: 4, outputActivation: .identity),
                        seed: 9)
        var parameters = layer.parameters
        var rng = RandomStream(seed: 10)
        rng.fillNormal(&parameters)  // non-zero biases too
        var convolution = layer
        convolution.parameters = parameters
        let x = randomMatrix(rows: batch * positions, cols: channels, seed: 11)
        var patches = Matrix(rows: 0, cols: 0), workspace = MLPWorkspace(for: convolution)
        unfold.forward(x, into: &patches)
        let y = convolution.forward(patches, workspace: &workspace)
        let expected = Self.naiveConvolution(x, positions: positions, channels: channels, kernel: kernel, stride: stride,
                                             layer: convolution.layers[0], parameters: parameters)
        #expect(y.shape == expected.shape)
        #expect(approximateMismatch(y.storage, expected.storage, relative: 1e-5, absolute: 1e-5) == nil)
    }

    @Test func backwardIsTheAdjointOfForward() {
        let unfold = CircularUnfold(positions: 9, channels: 2, kernel: 5, stride: 2)
        let x = randomMatrix(rows: 3 * 9, cols: 2, seed: 1), g = randomMatrix(rows: 3 * unfold.outputPositions, cols: 10, seed: 2)
        var patches = Matrix(rows: 0, cols: 0), folded = Matrix(rows: 0, cols: 0)
        unfold.forward(x, into: &patches)
        unfold.backward(g, into: &folded)
        let forwardSide = zip(patches.storage, g.storage).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let backwardSide = zip(x.storage, folded.storage).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        #expect(folded.shape == x.shape)
        #expect(isApproximatelyEqual(forwardSide, backwardSide, relative: 1e-5))
    }

    @Test func rotatingTheRingByOneStrideRotatesTheOutputsByOnePosition() {
        let positions = 8, stride = 2
        let unfold = CircularUnfold(positions: positions, channels: 1, kernel: 5, stride: stride)
        let scan = (0..<positions).map { Float($0 + 1) }
        let rotated = (0..<positions).map { scan[($0 + stride) % positions] }
        var patches = Matrix(rows: 0, cols: 0), rotatedPatches = Matrix(rows: 0, cols: 0)
        unfold.forward(Matrix(rows: positions, cols: 1, elements: scan), into: &patches)
        unfold.forward(Matrix(rows: positions, cols: 1, elements: rotated), into: &rotatedPatches)
        let outputs = unfold.outputPositions
        for q in 0..<outputs {
            #expect(rotatedPatches.row(q) == patches.row((q + 1) % outputs), "output \(q)")
        }
        // The first output's leftmost taps wrap to the end of the scan (no zero padding).
        #expect(patches.row(0) == [7, 8, 1, 2, 3])
    }
}

import CKernels
import TensorCore

/// The value nodes, per-layer buffers, weight gradients and step count of one caller of a
/// predictive-coding network, indexed by layer l = 0 … L.
///
/// x[l] [B, n_l] value nodes (x[0] the input, x[L] the target); fx[l] = f(x_l) and
/// d[l] = f'(x_l) for l < L; mu[l] predictions, eps[l] = x[l] − mu[l] errors, back[l] =
/// eps_{l+1} W_{l+1} and velocity[l] for hidden l. Every buffer follows the batch size and
/// is reused; entries no layer uses (mu[0], eps[0], back[L], ...) are never read. Create one
/// per network and caller with `PCWorkspace(for:)`.
public struct PCWorkspace: Sendable {
    var x: [Matrix]
    var fx: [Matrix]
    var d: [Matrix]
    var mu: [Matrix]
    var eps: [Matrix]
    var back: [Matrix]
    var velocity: [Matrix]
    /// Final-step energies and the energy trace, reused across batches.
    var energies: [Double]
    var trace: [Double]
    /// ∂F/∂parameters / B from the last `computeGradients` or `train` through this workspace.
    public internal(set) var gradients: [Float]
    /// Training steps completed through this workspace (named in error messages).
    public internal(set) var step = 0
    private(set) var rows = 0

    /// Empty buffers for `network`'s widths (they grow to the batch size on first use).
    public init(for network: PredictiveCodingNetwork) {
        self.init(sizes: network.config.layerSizes, parameterCount: network.layout.count)
    }

    /// Empty buffers for widths `sizes` (x_0 first) and a network of `parameterCount` parameters.
    init(sizes: [Int], parameterCount: Int) {
        gradients = [Float](repeating: 0, count: parameterCount)
        let empty = sizes.map { Matrix(rows: 0, cols: $0) }
        x = empty
        fx = empty
        d = empty
        mu = empty
        eps = empty
        back = empty
        velocity = empty
        energies = [Double](repeating: 0, count: sizes.count - 1)
        trace = []
    }

    /// The number of layers above the input, L.
    var depth: Int { x.count - 1 }

    /// Resizes every buffer to `rows` samples (allocates only when the batch grows).
    mutating func resize(rows newRows: Int) {
        guard newRows != rows else { return }
        rows = newRows
        for l in x.indices {
            x[l].resize(rows: newRows)
            fx[l].resize(rows: newRows)
            d[l].resize(rows: newRows)
            mu[l].resize(rows: newRows)
            eps[l].resize(rows: newRows)
            back[l].resize(rows: newRows)
            velocity[l].resize(rows: newRows)
        }
    }

    /// Feedforward pass: clamps x_0 to `input`, sets μ_l from f(x_{l−1}), x_l = μ_l for hidden l,
    /// and f, f' of every x_l below the output.
    mutating func feedforward(_ input: Matrix, layers: [Dense], parameters: [Float], config: PCConfig) {
        resize(rows: input.rows)
        x[0].assign(input)
        config.inputActivation.forward(x[0], into: &fx[0], derivative: &d[0])
        for l in 1...depth {
            layers[l - 1].forward(fx[l - 1], parameters: parameters, into: &mu[l])
            if l < depth {
                x[l].assign(mu[l])
                config.activation.forward(x[l], into: &fx[l], derivative: &d[l])
            }
        }
    }

    /// Recomputes predictions μ_l for l in `range` from the current f(x_{l−1}).
    mutating func predict(_ range: ClosedRange<Int>, layers: [Dense], parameters: [Float]) {
        for l in range { layers[l - 1].forward(fx[l - 1], parameters: parameters, into: &mu[l]) }
    }

    /// Sets ε_l = x_l − μ_l for l in `range`.
    mutating func updateErrors(_ range: ClosedRange<Int>) {
        for l in range { eps[l].setDifference(x[l], mu[l]) }
    }

    /// Stores ½‖ε_l‖² per layer in `energies` and returns the total F.
    mutating func measureEnergies() -> Double {
        var total = 0.0
        for l in 1...depth {
            let e = 0.5 * VectorReductions.sumOfSquares(eps[l].storage)
            energies[l - 1] = e
            total += e
        }
        return total
    }

    /// x_l ← x_l − γ v with v ← m v + (ε_l − f'(x_l) ⊙ back_l), fused with the refresh of f(x_l), f'(x_l)
    /// (or, under the fixed-prediction assumption, of ε_l = x_l − μ_l with μ, f, f' held).
    mutating func updateValueNodes(layer l: Int, rate gamma: Float, momentum: Float, activation: Activation,
                                   fixedPrediction: Bool) {
        let count = x[l].count
        x[l].storage.withUnsafeMutableBufferPointer { x in
            fx[l].storage.withUnsafeMutableBufferPointer { fx in
                d[l].storage.withUnsafeMutableBufferPointer { d in
                    eps[l].storage.withUnsafeMutableBufferPointer { eps in
                        mu[l].storage.withUnsafeBufferPointer { mu in
                            back[l].storage.withUnsafeBufferPointer { back in
                                velocity[l].storage.withUnsafeMutableBufferPointer { velocity in
                                    guard count > 0 else { return }
                                    // CKernels' eight lanes: the same steps as the scalar loops, bit for bit.
                                    if fixedPrediction {
                                        fs_value_node_update_fixed(x.baseAddress!, eps.baseAddress!, mu.baseAddress!, d.baseAddress!,
                                                                   back.baseAddress!, velocity.baseAddress!, count, gamma, momentum)
                                        return
                                    }
                                    if let lanes = activation.laneKernel {
                                        fs_value_node_update(lanes, x.baseAddress!, fx.baseAddress!, d.baseAddress!, eps.baseAddress!,
                                                             back.baseAddress!, velocity.baseAddress!, count, gamma, momentum)
                                        return
                                    }
                                    activation.withKernel(ValueNodeUpdate(
                                        x: x.baseAddress!, fx: fx.baseAddress!, d: d.baseAddress!, eps: eps.baseAddress!,
                                        back: back.baseAddress!, velocity: velocity.baseAddress!, count: count,
                                        rate: gamma, momentum: momentum))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The fused value-node step of one hidden layer: v ← m v + (ε − f'(x) ⊙ back), x ← x − γ v,
/// then f(x) and f'(x) at the new x.
struct ValueNodeUpdate: ActivationKernelBody {
    let x, fx, d: UnsafeMutablePointer<Float>
    let eps, back: UnsafePointer<Float>
    let velocity: UnsafeMutablePointer<Float>
    let count: Int
    let rate: Float, momentum: Float

    func run<Kernel: ActivationKernel>(_ kernel: Kernel.Type) {
        for i in 0..<count {
            let v = momentum * velocity[i] + (eps[i] - d[i] * back[i])
            velocity[i] = v
            let value = x[i] - rate * v
            x[i] = value
            let y = Kernel.value(value)
            fx[i] = y
            d[i] = Kernel.derivative(value, value: y)
        }
    }
}

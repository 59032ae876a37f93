import TensorCore

/// A multilayer perceptron with explicit forward and backward passes (llm.c style).
///
/// All parameters live in `parameters` and their gradients in `gradients` (same layout,
/// `layout`): one optimizer step updates the whole model. Activations of the last forward
/// pass are kept in buffers sized for the batch and reused, so a training step allocates
/// nothing once the batch size is steady. Shapes: x [B, inputSize] → y [B, outputSize].
public final class MLP {
    /// The architecture.
    public let config: MLPConfig
    /// Names and positions of the tensors inside `parameters`.
    public let layout: ParameterLayout
    /// Every weight and bias, in `layout` order.
    public var parameters: [Float]
    /// Gradients of the loss with respect to `parameters`, accumulated by `backward`.
    public var gradients: [Float]
    /// The dense layers, input side first (their slices come first in `layout`).
    public let layers: [Dense]
    /// One `LayerNorm` per hidden layer when `config.layerNorm`, else empty.
    public let norms: [LayerNorm]

    /// Per-layer buffers of the last forward pass.
    var workspace: MLPWorkspace

    /// Builds the network with weights drawn from `seed` (W ~ U(±1/√fan_in), b = 0, γ = 1, β = 0).
    public init(config: MLPConfig, seed: UInt64) {
        precondition((try? config.validate()) != nil, "MLP: invalid configuration \(config)")
        self.config = config
        let sizes = config.layerSizes
        var layout = ParameterLayout()
        let layers = (0..<(sizes.count - 1)).map { i in
            Dense.appended(to: &layout, name: "layers.\(i)", inputSize: sizes[i], outputSize: sizes[i + 1])
        }
        let norms = config.layerNorm
            ? config.hiddenSizes.enumerated().map { LayerNorm.appended(to: &layout, name: "norms.\($0.offset)", features: $0.element) }
            : []
        self.layout = layout
        self.layers = layers
        self.norms = norms
        var parameters = [Float](repeating: 0, count: layout.count)
        let root = RandomStream(seed: seed)
        for (i, layer) in layers.enumerated() {
            var rng = root.split(i)
            layer.initialize(&parameters, rng: &rng)
        }
        for norm in norms { norm.initialize(&parameters) }
        self.parameters = parameters
        self.gradients = [Float](repeating: 0, count: layout.count)
        self.workspace = MLPWorkspace(sizes: sizes, layerNorm: config.layerNorm)
    }

    /// Sets every gradient to zero.
    public func zeroGradients() {
        gradients.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// GEMM floating-point operations of one forward pass over `rows` samples (Σ 2·B·in·out).
    public func forwardFLOPs(rows: Int) -> Int { layers.reduce(0) { $0 + $1.flops(rows: rows) } }
}

import TensorCore

/// The weights of a multilayer perceptron: an immutable-by-default value, shareable across threads.
///
/// All parameters live in one flat buffer (`layout` names its tensors), so one optimizer step
/// updates the whole model and copying the value snapshots it (copy-on-write). The passes run
/// through a caller-owned `MLPWorkspace` (llm.c style, explicit forward and backward):
/// x [B, inputSize] → y [B, outputSize].
public struct MLP: Sendable {
    /// The architecture.
    public let config: MLPConfig
    /// Names and positions of the tensors inside `parameters`.
    public let layout: ParameterLayout
    /// Every weight and bias, in `layout` order.
    public var parameters: [Float]
    /// The dense layers, input side first (their slices come first in `layout`).
    public let layers: [Dense]
    /// One `LayerNorm` per hidden layer when `config.layerNorm`, else empty.
    public let norms: [LayerNorm]

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
    }

    /// A zero gradient buffer in `layout` order (what `backward` accumulates into).
    public func zeroGradients() -> [Float] { [Float](repeating: 0, count: layout.count) }

    /// GEMM floating-point operations of one forward pass over `rows` samples (Σ 2·B·in·out).
    public func forwardFLOPs(rows: Int) -> Int { layers.reduce(0) { $0 + $1.flops(rows: rows) } }
}

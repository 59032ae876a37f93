import TensorCore

/// The weights of a predictive-coding network: value nodes x_0 … x_L, predictions μ_l = f(x_{l−1}) W_lᵀ + b_l,
/// errors ε_l = x_l − μ_l and energy F = Σ_l ½ ‖ε_l‖² (summed over the batch).
///
/// Training clamps x_0 to the input and x_L to the target, initialises the hidden value
/// nodes with a feedforward pass, relaxes them for T inference steps
/// (x_l ← x_l + γ (−ε_l + f'(x_l) ⊙ ε_{l+1} W_{l+1}), rows = samples) and then updates the
/// weights locally with ∂F/∂W_l / B = −ε_lᵀ f(x_{l−1}) / B (see `PCConfig.variant`). Prediction is
/// the feedforward pass. Parameters share `MLP`'s layout for `config.mlpConfig`
/// (`layers.l.weight` [n_{l+1}, n_l], `layers.l.bias`), so weights move between the two freely.
/// The value nodes, gradients and step count live in a caller-owned `PCWorkspace`.
public struct PredictiveCodingNetwork: Sendable {
    /// Architecture and inference settings.
    public let config: PCConfig
    /// Names and positions of the tensors inside `parameters`.
    public let layout: ParameterLayout
    /// Every weight and bias, in `layout` order.
    public var parameters: [Float]
    /// layers[l − 1] predicts x_l from f(x_{l−1}), l = 1 … L.
    public let layers: [Dense]

    /// Builds the network with weights drawn from `seed`, exactly as `MLP(config: config.mlpConfig, seed:)` does.
    public init(config: PCConfig, seed: UInt64) {
        precondition((try? config.validate()) != nil, "PredictiveCodingNetwork: invalid configuration \(config)")
        self.config = config
        let mlp = MLP(config: config.mlpConfig, seed: seed)
        self.layout = mlp.layout
        self.layers = mlp.layers
        self.parameters = mlp.parameters
    }

    /// A network of `config` holding `parameters` (in `layout` order, e.g. an `MLP`'s of `config.mlpConfig`).
    public init(config: PCConfig, parameters: [Float]) {
        self.init(config: config, seed: 0)
        precondition(parameters.count == layout.count,
                     "PredictiveCodingNetwork: \(parameters.count) parameters, the architecture has \(layout.count)")
        self.parameters = parameters
    }

    /// The feedforward prediction μ_L for `input` [B, n_0]; returns [B, n_L] (sharing a workspace buffer).
    public func predict(_ input: Matrix, workspace: inout PCWorkspace) -> Matrix {
        workspace.feedforward(input, layers: layers, parameters: parameters, config: config)
        return workspace.mu[workspace.depth]
    }
}

import Learning
import TensorCore

/// The contrastive model's transition network: `Δz = T(z, a)`, weights as a value.
///
/// `MLP` (on `[z, a]`) and `GraphTransition` (a graph network over object slots) conform. Every caller
/// owns a `TransitionWorkspace`; gradients go to caller-owned buffers, one per network in `networks` order.
public protocol TransitionNetwork: Sendable {
    /// The trainable networks, in checkpoint order.
    var networks: [MLP] { get set }
    /// Empty buffers for this network.
    func makeWorkspace() -> TransitionWorkspace
    /// Forward: latents `[B, L]` and actions `[B, A]` → `Δz` `[B, L]` (sharing a workspace buffer).
    func forward(_ z: Matrix, actions: Matrix, workspace: inout TransitionWorkspace) -> Matrix
    /// Backward for the workspace's last `forward`: adds parameter gradients to `gradients`, returns `∂L/∂z` `[B, L]`.
    func backward(_ gradDelta: Matrix, workspace: inout TransitionWorkspace, gradients: inout [[Float]]) -> Matrix
}

/// One caller's buffers for a `TransitionNetwork`: a workspace per network and the graph network's gathered inputs.
public struct TransitionWorkspace: Sendable {
    var networks: [MLPWorkspace]
    var inputs = Matrix(rows: 0, cols: 0)
    var edgeInputs = Matrix(rows: 0, cols: 0)
}

extension TransitionNetwork {
    /// Zero gradient buffers, one per network.
    public func zeroGradients() -> [[Float]] { networks.map { $0.zeroGradients() } }
}

/// The flat transition: one MLP on `[z, a]`.
extension MLP: TransitionNetwork {
    public var networks: [MLP] {
        get { [self] }
        set { self = newValue[0] }
    }

    public func makeWorkspace() -> TransitionWorkspace { TransitionWorkspace(networks: [MLPWorkspace(for: self)]) }

    public func forward(_ z: Matrix, actions: Matrix, workspace: inout TransitionWorkspace) -> Matrix {
        workspace.inputs.resize(rows: z.rows, cols: z.cols + actions.cols)
        workspace.inputs.setColumns(z, actions)
        return forward(workspace.inputs, workspace: &workspace.networks[0])
    }

    public func backward(_ gradDelta: Matrix, workspace: inout TransitionWorkspace, gradients: inout [[Float]]) -> Matrix {
        let gradInput = backward(gradDelta, workspace: &workspace.networks[0], gradients: &gradients[0])
        let latent = gradDelta.cols
        var gradZ = Matrix(rows: gradInput.rows, cols: latent)
        for r in 0..<gradInput.rows {
            for c in 0..<latent { gradZ[r, c] = gradInput[r, c] }
        }
        return gradZ
    }
}

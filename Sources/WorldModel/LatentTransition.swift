import Learning
import TensorCore

/// The contrastive model's latent transition as a step predictor: `z' = z + T([z, a])`.
public struct LatentTransition: StepPredictor {
    /// The transition MLP on `[z, a]` → `Δz`.
    public let transition: MLP

    /// The transition of `model`.
    public init(_ model: ContrastiveModel) {
        transition = model.transition
    }

    /// The transition network's workspace and the `[z, a]` input buffer.
    public struct Workspace {
        var network: MLPWorkspace
        var inputs = Matrix(rows: 0, cols: 0)
    }

    public func makeWorkspace() -> Workspace { Workspace(network: MLPWorkspace(for: transition)) }

    public func predictNext(_ z: Matrix, actions: Matrix, into next: inout Matrix, workspace: inout Workspace) {
        workspace.inputs.resize(rows: z.rows, cols: z.cols + actions.cols)
        workspace.inputs.setColumns(z, actions)
        next.resize(rows: z.rows, cols: z.cols)
        next.assign(transition.forward(workspace.inputs, workspace: &workspace.network))
        next.add(z)
    }
}

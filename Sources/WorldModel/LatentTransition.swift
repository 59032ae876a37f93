import Learning
import TensorCore

/// The contrastive model's latent transition as a step predictor: `z' = z + T(z, a)`.
public struct LatentTransition: StepPredictor {
    /// The transition network `Δz = T(z, a)`.
    public let transition: any TransitionNetwork

    /// The transition of `model`.
    public init(_ model: ContrastiveModel) {
        transition = model.transition
    }

    public func makeWorkspace() -> TransitionWorkspace { transition.makeWorkspace() }

    public func predictNext(_ z: Matrix, actions: Matrix, into next: inout Matrix, workspace: inout TransitionWorkspace) {
        next.resize(rows: z.rows, cols: z.cols)
        next.assign(transition.forward(z, actions: actions, workspace: &workspace))
        next.add(z)
    }
}

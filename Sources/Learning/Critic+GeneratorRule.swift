import TensorCore

extension Critic {
    /// The targets that make a generator's squared-error step follow the critic: `outputs − weight · B · gradient`.
    ///
    /// `gradient` `[B, n]` is ∂L_G/∂outputs of the generator's loss, a mean over the B rows. The rule: the critic's
    /// gradient at the generator's output acts as an extra output error. Trained on these targets, a backprop network's
    /// output gradient is `(y − target) ∝ weight · ∂ℓ_G/∂y` per row; a predictive-coding network clamps its output
    /// layer to them, so its output error ε = target − y = −weight · ∂ℓ_G/∂y is the critic's push, and inference and
    /// the local weight updates run unchanged from there (in the fixed-prediction variant, the same weight change as
    /// backprop). PC never needs a gradient through its own layers from outside: only an error at the output.
    public static func displacedTargets(_ outputs: Matrix, gradient: Matrix, weight: Float) -> Matrix {
        precondition(outputs.rows == gradient.rows && outputs.cols == gradient.cols,
                     "Critic.displacedTargets: outputs \(outputs.shape), gradient \(gradient.shape)")
        var targets = outputs
        let scale = weight * Float(gradient.rows)
        for i in 0..<targets.storage.count { targets.storage[i] -= scale * gradient.storage[i] }
        return targets
    }
}

/// What one predictive-coding batch did.
///
/// Energies are summed over the batch: F = Σ_l ½ ‖ε_l‖² with ε_l = x_l − μ_l.
public struct PCStepReport: Sendable {
    /// ½ ‖ε_l‖² for l = 1 … L (index 0 is layer 1) after inference.
    public var energies: [Double]
    /// The total energy after the feedforward initialisation (only the output error is non-zero).
    public var initialEnergy: Double
    /// The total energy after each inference step, initial value first (T_used + 1 values).
    public var energyTrace: [Double]
    /// The inference steps run (fewer than T when the energy settled within the tolerance).
    public var inferenceSteps: Int
    /// Mean squared error of the feedforward prediction against the target, over every element.
    public var outputLoss: Double
    /// Floating-point operations of the GEMMs this step ran (2·m·n·k each): the feedforward
    /// pass, error propagation and predictions during inference, and the weight gradients.
    public var gemmFLOPs: Int

    /// The total energy after inference.
    public var energy: Double { energies.reduce(0, +) }
}

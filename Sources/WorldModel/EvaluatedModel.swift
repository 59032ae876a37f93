/// A model an `Evaluation` rolls out: the contrastive transition, a forward model, or the "nothing moves" baseline.
public enum EvaluatedModel: Hashable, Sendable, CustomStringConvertible {
    /// The contrastive model's latent transition `T`.
    case transition
    /// A forward model of the run.
    case forward(ForwardModelID)
    /// The baseline that predicts the first observation, held.
    case nothingMoves

    /// Every model in display order.
    public static let all: [EvaluatedModel] = [.transition] + ForwardModelID.all.map { .forward($0) } + [.nothingMoves]

    /// A human name for tables and plots.
    public var title: String {
        switch self {
        case .transition: return "contrastive T (latent)"
        case let .forward(id): return "\(id.rule == .pc ? "PC" : "backprop") forward (\(id.space.rawValue))"
        case .nothingMoves: return "nothing moves"
        }
    }

    /// Whether the model's positions are read from latents by the linear probe (not predicted as states).
    public var readsPositionsThroughProbe: Bool {
        switch self {
        case .transition: return true
        case let .forward(id): return id.space == .latent
        case .nothingMoves: return false
        }
    }

    /// `transition`, `latent.pc`, ..., `static`.
    public var description: String {
        switch self {
        case .transition: return "transition"
        case let .forward(id): return id.name
        case .nothingMoves: return "static"
        }
    }
}

/// The data a forward model predicts in: the frozen encoder's latents or raw states.
public enum ForwardSpace: String, Codable, Sendable, CaseIterable {
    case latent
    case state
}

/// A forward model of a run: its space and learning rule (`latent.pc`, `state.bp`, ...).
///
/// `name` is the model's name in checkpoints (`<name>.parameters`, ...) and records.
public struct ForwardModelID: Hashable, Sendable, CustomStringConvertible {
    public var space: ForwardSpace
    public var rule: ForwardRule

    public init(space: ForwardSpace, rule: ForwardRule) {
        self.space = space
        self.rule = rule
    }

    /// Parses `latent.pc`-style names.
    public init?(name: String) {
        let parts = name.split(separator: ".")
        guard parts.count == 2, let space = ForwardSpace(rawValue: String(parts[0])),
              let rule = ForwardRule(rawValue: String(parts[1])) else { return nil }
        self.init(space: space, rule: rule)
    }

    /// `latent.pc`, `state.bp`, ...
    public var name: String { "\(space.rawValue).\(rule.rawValue)" }

    public var description: String { name }

    /// Every forward model a run can hold, in display order (latent before state, PC before backprop).
    public static let all = ForwardSpace.allCases.flatMap { space in ForwardRule.allCases.map { ForwardModelID(space: space, rule: $0) } }
}

/// One network of a run, as its checkpoint names it.
public enum RunNetworkID: Hashable, Sendable, CustomStringConvertible {
    /// Network `index` of the contrastive model (encoder networks, then the transition).
    case contrastive(Int)
    /// A forward model (all of its ensemble's parameters).
    case forward(ForwardModelID)

    /// `contrastive.0`, `state.pc`, ...: the prefix of the network's checkpoint tensors.
    public var name: String {
        switch self {
        case let .contrastive(index): return "contrastive.\(index)"
        case let .forward(id): return id.name
        }
    }

    /// Parses a checkpoint name.
    public init?(name: String) {
        if name.hasPrefix("contrastive."), let index = Int(name.dropFirst("contrastive.".count)), index >= 0 {
            self = .contrastive(index)
        } else if let id = ForwardModelID(name: name) {
            self = .forward(id)
        } else {
            return nil
        }
    }

    public var description: String { name }
}

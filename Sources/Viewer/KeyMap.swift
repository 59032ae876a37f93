#if Viewer
/// A key the viewer reacts to, independent of SDL's key codes.
public enum Key: Hashable, Sendable {
    case character(Character)
    case space, escape, left, right, up, down
    case function(Int)
}

/// Something the user asks the viewer to do with one key press.
public enum ViewerCommand: CaseIterable, Sendable {
    case quit, togglePause, stepOnce, reset, shorterHorizon, longerHorizon, faster, slower
    case toggleHelp, toggleLidar, toggleInfo, toggleContacts, togglePrediction
    case toggleDream, syncDream, toggleSight, saveModel
    case rotateGoalLeft, rotateGoalRight

    /// What the command does, as the help overlay says it.
    public var summary: String {
        switch self {
        case .quit: "quit"
        case .togglePause: "pause / play"
        case .stepOnce: "one physics step (while paused)"
        case .reset: "reset with a new seed"
        case .shorterHorizon: "shorter prediction horizon"
        case .longerHorizon: "longer prediction horizon"
        case .faster: "faster (x2)"
        case .slower: "slower (/2)"
        case .toggleHelp: "this help"
        case .toggleLidar: "lidar rays"
        case .toggleInfo: "info: rates, frame time"
        case .toggleContacts: "contact points"
        case .togglePrediction: "prediction overlay"
        case .toggleDream: "dream pane: the model alone (--model RUN)"
        case .syncDream: "re-sync the dream to reality"
        case .toggleSight: "what the model sees: slot masks (--ghosts latent)"
        case .rotateGoalLeft: "turn the planner's goal left (--policy plan)"
        case .rotateGoalRight: "turn the planner's goal right"
        case .saveModel: "save the model learned online (--learn)"
        }
    }
}

/// Which key does what, and the help text that lists every key.
public struct KeyMap: Sendable {
    /// The keys of each command, with the label shown in the help overlay.
    public let bindings: [(command: ViewerCommand, keys: [Key], label: String)]

    /// The viewer's keys, close to MuJoCo's and Box2D's viewers.
    public static let standard = KeyMap(bindings: [
        (.togglePause, [.space], "Space"),
        (.stepOnce, [.right], "Right"),
        (.reset, [.character("r")], "R"),
        (.faster, [.character("+"), .character("=")], "+"),
        (.slower, [.character("-")], "-"),
        (.shorterHorizon, [.character("[")], "["),
        (.longerHorizon, [.character("]")], "]"),
        (.toggleLidar, [.function(1)], "F1"),
        (.toggleInfo, [.function(2)], "F2"),
        (.toggleContacts, [.function(3)], "F3"),
        (.togglePrediction, [.function(4)], "F4"),
        (.toggleDream, [.function(5)], "F5"),
        (.syncDream, [.function(6)], "F6"),
        (.toggleSight, [.function(7)], "F7"),
        (.rotateGoalLeft, [.character(",")], ","),
        (.rotateGoalRight, [.character(".")], "."),
        (.saveModel, [.character("m")], "M"),
        (.toggleHelp, [.character("h")], "H"),
        (.quit, [.escape, .character("q")], "Esc, Q"),
    ])

    /// The command for a key press. The right arrow steps only while paused; while running it steers (teleop).
    public func command(for key: Key, paused: Bool) -> ViewerCommand? {
        guard let binding = bindings.first(where: { $0.keys.contains(key) }) else { return nil }
        if binding.command == .stepOnce && !paused { return nil }
        return binding.command
    }

    /// The unit direction (world axes, y up) a held steering key moves the teleop target in, if any.
    /// WASD always steer; the arrows steer too, except Right while paused (it steps).
    public func steering(for key: Key, paused: Bool) -> SIMD2<Double>? {
        switch key {
        case .character("w"), .up: SIMD2(0, 1)
        case .character("s"), .down: SIMD2(0, -1)
        case .character("a"), .left: SIMD2(-1, 0)
        case .character("d"): SIMD2(1, 0)
        case .right: paused ? nil : SIMD2(1, 0)
        default: nil
        }
    }

    /// The help overlay: every key and what it does, then the pointer and steering controls.
    public var helpLines: [(keys: String, action: String)] {
        bindings.map { ($0.label, $0.command.summary) } + [
            ("WASD, arrows", "move the teleop target"),
            ("mouse drag", "pull the robot's tool to the cursor"),
            ("right drag, wheel", "place, turn the planner's goal (--policy plan)"),
        ]
    }
}
#endif

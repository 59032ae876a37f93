/// Why a task cost could not be built for a world and its state labels.
public enum TaskCostError: Error, Equatable, CustomStringConvertible {
    /// No goal was given and the world file has none.
    case noGoal(world: String)
    /// The goal names an object the world does not have.
    case unknownObject(String, world: String, objects: [String])
    /// The state vector lacks an entry the cost reads.
    case missingLabel(String)

    /// A sentence naming the problem.
    public var description: String {
        switch self {
        case let .noGoal(world):
            return "world '\(world)' has no goal (`goal` in its file); give the task a goal"
        case let .unknownObject(name, world, objects):
            return "world '\(world)' has no object '\(name)' (its objects: \(objects.joined(separator: ", ")))"
        case let .missingLabel(label):
            return "the state vector has no entry '\(label)' (observations.state.labels)"
        }
    }
}

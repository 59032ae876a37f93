/// Why a world file was rejected: the file, the field path, the line when known, and what was expected.
public struct WorldSpecError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The kind of problem.
    public enum Kind: String, Sendable {
        /// The file is not valid YAML.
        case syntax
        /// A key the schema does not know.
        case unknownKey
        /// A required field is absent.
        case missingField
        /// A value of the wrong type (e.g. text where a number belongs).
        case wrongType
        /// A value of the right type outside its allowed range (e.g. a negative mass).
        case invalidValue
        /// The file could not be read, or no built-in world has that name.
        case notFound
    }

    /// The kind of problem.
    public var kind: Kind
    /// The file (path or `<built-in>/name.yaml`).
    public var file: String
    /// The field path, e.g. `objects[2].mass` (empty for the whole document).
    public var path: String
    /// The 1-based line of the offending node, when YAML gives it.
    public var line: Int?
    /// What was expected or found.
    public var problem: String

    /// Creates an error.
    public init(kind: Kind, file: String, path: String, line: Int?, problem: String) {
        self.kind = kind
        self.file = file
        self.path = path
        self.line = line
        self.problem = problem
    }

    /// `file:line: path: problem`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if !path.isEmpty { text += "\(path): " }
        return text + problem
    }
}

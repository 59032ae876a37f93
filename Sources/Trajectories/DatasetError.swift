/// A dataset cannot be written or read: names the file, the field and what was expected.
public struct DatasetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file or folder concerned.
    public let path: String
    /// The manifest field or tensor name concerned, if any (`shards[2].episodes`, `obs.state`).
    public let field: String?
    /// What is wrong.
    public let reason: String

    /// Creates an error for `path` (and `field`, when one is concerned).
    public init(path: String, field: String? = nil, reason: String) {
        self.path = path
        self.field = field
        self.reason = reason
    }

    public var description: String {
        if let field { return "\(path): \(field): \(reason)" }
        return "\(path): \(reason)"
    }
}

/// The built-in policies by the names users type (`--policy`) and datasets record.
public enum BuiltInPolicies {
    /// The built-in policies, in the order error messages list them.
    public static let all: [any Policy] = [RandomPolicy(), ScriptedPolicy()]

    /// Their names.
    public static var names: [String] { all.map(\.name) }

    /// The built-in policy called `name`.
    ///
    /// - Throws: `UnknownPolicyError` naming the valid names.
    public static func named(_ name: String) throws(UnknownPolicyError) -> any Policy {
        guard let policy = all.first(where: { $0.name == name }) else {
            throw UnknownPolicyError(name: name, validNames: names)
        }
        return policy
    }
}

/// A policy name that names no built-in policy.
public struct UnknownPolicyError: Error, Equatable, CustomStringConvertible {
    /// The name asked for.
    public let name: String
    /// The names that exist.
    public let validNames: [String]

    /// A sentence naming the bad name and the valid ones.
    public var description: String {
        "unknown policy '\(name)' (expected \(validNames.joined(separator: ", ")))"
    }
}

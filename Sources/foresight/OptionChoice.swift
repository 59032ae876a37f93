import ArgumentParser

/// Reads an option's text as one of an enumeration's cases, with one error wording for every option.
enum OptionChoice {
    /// The case of `T` spelled `value`; otherwise a `ValidationError` naming `option` and every accepted spelling.
    static func parse<T: RawRepresentable & CaseIterable>(_ value: String, option: String) throws -> T where T.RawValue == String {
        guard let choice = T(rawValue: value) else {
            throw ValidationError("\(option) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), got '\(value)'")
        }
        return choice
    }

    /// The set of `T`'s cases listed in `value`, separated by commas (blank entries skipped).
    static func parseList<T: RawRepresentable & CaseIterable & Hashable>(_ value: String, option: String) throws -> Set<T>
    where T.RawValue == String {
        let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return Set(try names.map { try parse($0, option: option) as T })
    }
}

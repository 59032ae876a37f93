/// The rule for body names, which become state-label prefixes (`<name>.x`) and appear in messages and files.
public enum BodyName {
    /// Whether `name` is non-empty and holds no control characters (newlines, tabs, escapes, NUL).
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// `name` in single quotes with control characters spelled as `\u{…}`, safe to print.
    public static func quoted(_ name: String) -> String {
        let visible = name.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }
        return "'" + visible.joined() + "'"
    }
}

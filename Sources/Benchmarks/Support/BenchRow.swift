import Foundation

/// One measured row of a benchmark: `name`, `value` and `unit` first, then further fields in order.
public struct BenchRow {
    /// The fields, in output order.
    public private(set) var fields: [(key: String, value: BenchValue)]

    /// Creates a row; `digits` is the number of decimals `value` gets in a table.
    public init(name: String, value: Double, digits: Int = 2, unit: String, _ extra: [(String, BenchValue)] = []) {
        fields = [("name", .text(name)), ("value", .number(value, digits: digits)), ("unit", .text(unit))]
        fields += extra.map { (key: $0.0, value: $0.1) }
    }

    /// The value of field `key`, if present.
    public subscript(key: String) -> BenchValue? {
        fields.first { $0.key == key }?.value
    }

    /// The row as a single-line JSON object, keys in field order.
    public var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let members = fields.map { field -> String in
            let key = (try? encoder.encode(field.key)).flatMap { String(data: $0, encoding: .utf8) } ?? "\"?\""
            let value = (try? encoder.encode(field.value)).flatMap { String(data: $0, encoding: .utf8) } ?? "null"
            return "\(key):\(value)"
        }
        return "{" + members.joined(separator: ",") + "}"
    }
}

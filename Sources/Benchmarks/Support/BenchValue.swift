import Foundation

/// One field of a benchmark row.
public enum BenchValue: Encodable {
    case text(String)
    case integer(Int)
    /// A number, shown in tables with `digits` decimals; JSON gets full precision.
    case number(Double, digits: Int)

    /// The value as a table cell.
    public var cell: String {
        switch self {
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .number(let value, let digits): return String(format: "%.\(digits)f", value)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .integer(let value): try container.encode(value)
        case .number(let value, _):
            if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
        }
    }
}

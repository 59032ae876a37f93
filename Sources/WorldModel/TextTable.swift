/// Plain-text tables for stdout: columns padded to their widest cell, a rule under the header.
public enum TextTable {
    /// The table as aligned text, one line per row (the first `labelColumns` columns left-aligned, the others
    /// right-aligned), ending in a newline.
    public static func format(header: [String], rows: [[String]], labelColumns: Int = 1) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.enumerated().map { index, row in
            let line = row.enumerated().map { c, cell in
                c < labelColumns ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
            return index == 0 ? line + "\n" + String(repeating: "-", count: line.count) : line
        }.joined(separator: "\n") + "\n"
    }
}

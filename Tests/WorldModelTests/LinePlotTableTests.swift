import Testing
@testable import WorldModel

/// `foresight plot`'s table: series by column, gaps for empty cells, errors naming the line and column.
@Suite struct LinePlotTableTests {
    @Test func columnsBecomeSeriesAndEmptyCellsGaps() throws {
        let (xLabel, series) = try LinePlot.series(table: "episodes,scratch,pretrained\n100,0.03,0.02\n300,,0.015\n", path: "t.csv")
        #expect(xLabel == "episodes" && series.map(\.name) == ["scratch", "pretrained"])
        #expect(series[0].points.map(\.x) == [100] && series[0].points.map(\.y) == [0.03])
        #expect(series[1].points.map(\.x) == [100, 300] && series[1].points.map(\.y) == [0.02, 0.015])
    }

    @Test func aCellThatIsNotANumberIsNamed() {
        #expect(throws: LinePlotTableError(path: "t.csv", line: 3, column: "pretrained", reason: "'n/a' is not a number")) {
            try LinePlot.series(table: "episodes,scratch,pretrained\n100,0.03,0.02\n300,0.02,n/a\n", path: "t.csv")
        }
        #expect(throws: LinePlotTableError(path: "t.csv", line: 2, column: nil, reason: "2 cells, the header has 3")) {
            try LinePlot.series(table: "episodes,scratch,pretrained\n100,0.03\n", path: "t.csv")
        }
    }
}

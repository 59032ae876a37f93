import Testing
@testable import Simulation

/// `Coverage.scan` against the naive reference: every pixel of the image evaluated on its own.
@Suite struct CoverageTests {
    /// Records what the scan says about each pixel: 1 in interior runs, the clamped fraction at edge pixels.
    struct Recorder: CoveragePainter {
        let width: Int
        var coverage: [Double]
        var visits: [Int]
        var interior: Set<Int> = []

        mutating func fill(row: Int, columns: ClosedRange<Int>) {
            for column in columns {
                record(row, column, 1)
                interior.insert(row * width + column)
            }
        }

        mutating func paint(row: Int, column: Int, depth: Double) {
            record(row, column, max(0, Coverage.fraction(depth: depth)))
        }

        mutating func record(_ row: Int, _ column: Int, _ value: Double) {
            coverage[row * width + column] = value
            visits[row * width + column] += 1
        }
    }

    /// Scans `shape` over a `width × height` image clipped to `columns × rows`, and compares with the reference.
    func expectScanMatchesReference(_ shape: some CoverageShape, width: Int, height: Int,
                                    columns: Range<Int>, rows: Range<Int>, inset: Double = 0) {
        var recorder = Recorder(width: width, coverage: Array(repeating: 0, count: width * height),
                                visits: Array(repeating: 0, count: width * height))
        Coverage.scan(shape, columns: columns, rows: rows, inset: inset, into: &recorder)
        #expect(recorder.visits.allSatisfy { $0 <= 1 }, "a pixel painted twice")
        var covered = 0
        for row in 0..<height {
            for column in 0..<width {
                let inside = columns.contains(column) && rows.contains(row)
                let reference = inside ? max(0, Coverage.fraction(depth: shape.depth(Double(column) + 0.5, Double(row) + 0.5))) : 0
                let scanned = recorder.coverage[row * width + column]
                if reference > 0 { covered += 1 }
                #expect(abs(scanned - reference) < 1e-9, "pixel (\(column), \(row)): scan \(scanned), reference \(reference)")
                // Interior runs hold only pixels at least `inset` deeper than full coverage.
                if recorder.interior.contains(row * width + column) {
                    #expect(shape.depth(Double(column) + 0.5, Double(row) + 0.5) > 0.5 + inset - 1e-9, "pixel (\(column), \(row))")
                }
            }
        }
        #expect(covered > 20)
        #expect(recorder.interior.count > 10)
    }

    @Test func capsuleScanMatchesPerPixelCoverage() {
        expectScanMatchesReference(CapsuleCoverage(a: SIMD2(6.3, 8.1), b: SIMD2(33.7, 22.4), radius: 3.2), width: 40, height: 30,
                                   columns: 0..<40, rows: 0..<30)
    }

    @Test func discScanMatchesPerPixelCoverageInsideAClip() {
        let centre = SIMD2(17.4, 12.9)
        expectScanMatchesReference(CapsuleCoverage(a: centre, b: centre, radius: 9.6), width: 36, height: 28,
                                   columns: 8..<30, rows: 5..<21, inset: 2)
    }

    @Test func polygonScanMatchesPerPixelCoverageEitherWinding() {
        let triangle: [SIMD2<Double>] = [SIMD2(3.2, 4.7), SIMD2(38.1, 9.3), SIMD2(12.6, 27.4)]
        for points in [triangle, triangle.reversed()] {
            points.withUnsafeBufferPointer { buffer in
                ConvexPolygonCoverage.withPolygon(buffer) { shape in
                    expectScanMatchesReference(shape, width: 42, height: 32, columns: 0..<42, rows: 0..<32)
                    expectScanMatchesReference(shape, width: 42, height: 32, columns: 10..<25, rows: 2..<40, inset: 1.5)
                }
            }
        }
    }

    @Test func shapesOffTheImageVisitNothing() {
        var recorder = Recorder(width: 10, coverage: Array(repeating: 0, count: 100), visits: Array(repeating: 0, count: 100))
        Coverage.scan(CapsuleCoverage(a: SIMD2(-40, 5), b: SIMD2(-20, 5), radius: 3), columns: 0..<10, rows: 0..<10, into: &recorder)
        Coverage.scan(CapsuleCoverage(a: SIMD2(5, 1e300), b: SIMD2(5, 1e300), radius: 3), columns: 0..<10, rows: 0..<10, into: &recorder)
        #expect(recorder.visits.allSatisfy { $0 == 0 })
    }
}

import Testing
import TensorCore

/// Whether `actual` is within `absolute`, or within `relative` times the larger magnitude,
/// of `expected`. NaN matches only NaN, and an infinity only the same infinity.
public func isApproximatelyEqual(_ actual: Double, _ expected: Double,
                                 relative: Double = 1e-5, absolute: Double = 1e-6) -> Bool {
    if actual.isNaN || expected.isNaN { return actual.isNaN && expected.isNaN }
    if actual.isInfinite || expected.isInfinite { return actual == expected }
    let difference = abs(actual - expected)
    return difference <= absolute || difference <= relative * max(abs(actual), abs(expected))
}

/// Describes the worst element of `actual` that is not approximately `expected`, or nil if all are.
public func approximateMismatch(_ actual: [Float], _ expected: [Float],
                                relative: Double = 1e-5, absolute: Double = 1e-6) -> String? {
    guard actual.count == expected.count else {
        return "\(actual.count) elements, expected \(expected.count)"
    }
    var worst: (index: Int, excess: Double)?
    for i in actual.indices {
        let a = Double(actual[i]), e = Double(expected[i])
        guard !isApproximatelyEqual(a, e, relative: relative, absolute: absolute) else { continue }
        let excess = a.isFinite && e.isFinite ? abs(a - e) : .infinity
        if worst == nil || excess > worst!.excess { worst = (i, excess) }
    }
    guard let worst else { return nil }
    let mismatches = actual.indices.filter {
        !isApproximatelyEqual(Double(actual[$0]), Double(expected[$0]), relative: relative, absolute: absolute)
    }.count
    return "\(mismatches) of \(actual.count) elements differ; worst at index \(worst.index): "
        + "\(actual[worst.index]) vs expected \(expected[worst.index]) "
        + "(relative tolerance \(relative), absolute \(absolute))"
}

/// Records a test issue unless the two matrices have the same shape and approximately equal elements.
public func expectApproximatelyEqual(_ actual: Matrix, _ expected: Matrix,
                                     relative: Double = 1e-5, absolute: Double = 1e-6,
                                     _ comment: Comment? = nil,
                                     sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual.shape == expected.shape else {
        Issue.record(Comment(rawValue: "shape \(actual.shape), expected \(expected.shape)" + suffix(comment)),
                     sourceLocation: sourceLocation)
        return
    }
    expectApproximatelyEqual(actual.storage, expected.storage, relative: relative, absolute: absolute,
                             comment, sourceLocation: sourceLocation)
}

/// Records a test issue unless the two arrays are element-wise approximately equal.
public func expectApproximatelyEqual(_ actual: [Float], _ expected: [Float],
                                     relative: Double = 1e-5, absolute: Double = 1e-6,
                                     _ comment: Comment? = nil,
                                     sourceLocation: SourceLocation = #_sourceLocation) {
    if let mismatch = approximateMismatch(actual, expected, relative: relative, absolute: absolute) {
        Issue.record(Comment(rawValue: mismatch + suffix(comment)), sourceLocation: sourceLocation)
    }
}

/// Records a test issue unless the two numbers are approximately equal.
public func expectApproximatelyEqual(_ actual: Double, _ expected: Double,
                                     relative: Double = 1e-5, absolute: Double = 1e-6,
                                     _ comment: Comment? = nil,
                                     sourceLocation: SourceLocation = #_sourceLocation) {
    if !isApproximatelyEqual(actual, expected, relative: relative, absolute: absolute) {
        Issue.record(Comment(rawValue: "\(actual) vs expected \(expected) (relative tolerance \(relative), "
                             + "absolute \(absolute))" + suffix(comment)),
                     sourceLocation: sourceLocation)
    }
}

private func suffix(_ comment: Comment?) -> String {
    comment.map { ": \($0.rawValue)" } ?? ""
}

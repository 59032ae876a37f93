/// Element-wise arithmetic on `Matrix`, written as flat loops the compiler vectorises.
///
/// Every operation writes in place or into a caller-owned output, so hot loops allocate nothing.
extension Matrix {
    /// `self += other`, element by element.
    @inlinable
    public mutating func add(_ other: Matrix) {
        precondition(other.rows == rows && other.cols == cols, "add: shapes differ (\(other.shape) vs \(shape))")
        storage.withUnsafeMutableBufferPointer { y in
            other.storage.withUnsafeBufferPointer { x in
                for i in 0..<y.count { y[i] += x[i] }
            }
        }
    }

    /// `self -= other`, element by element.
    @inlinable
    public mutating func subtract(_ other: Matrix) {
        precondition(other.rows == rows && other.cols == cols, "subtract: shapes differ (\(other.shape) vs \(shape))")
        storage.withUnsafeMutableBufferPointer { y in
            other.storage.withUnsafeBufferPointer { x in
                for i in 0..<y.count { y[i] -= x[i] }
            }
        }
    }

    /// `self *= other`, element by element (Hadamard product).
    @inlinable
    public mutating func multiply(_ other: Matrix) {
        precondition(other.rows == rows && other.cols == cols, "multiply: shapes differ (\(other.shape) vs \(shape))")
        storage.withUnsafeMutableBufferPointer { y in
            other.storage.withUnsafeBufferPointer { x in
                for i in 0..<y.count { y[i] *= x[i] }
            }
        }
    }

    /// Writes `a - b` into `self` (all three the same shape).
    @inlinable
    public mutating func setDifference(_ a: Matrix, _ b: Matrix) {
        precondition(a.shape == b.shape && a.shape == shape, "setDifference: shapes differ (\(a.shape), \(b.shape), \(shape))")
        storage.withUnsafeMutableBufferPointer { y in
            a.storage.withUnsafeBufferPointer { pa in
                b.storage.withUnsafeBufferPointer { pb in
                    for i in 0..<y.count { y[i] = pa[i] - pb[i] }
                }
            }
        }
    }

    /// Adds `vector` (length `cols`) to every row: the bias broadcast of a dense layer.
    @inlinable
    public mutating func addRowVector(_ vector: [Float]) {
        precondition(vector.count == cols, "addRowVector: vector has \(vector.count) elements, expected \(cols)")
        let cols = self.cols
        storage.withUnsafeMutableBufferPointer { y in
            vector.withUnsafeBufferPointer { v in
                for r in 0..<rows {
                    let base = r * cols
                    for c in 0..<cols { y[base + c] += v[c] }
                }
            }
        }
    }

    /// Adds `value` to every element.
    @inlinable
    public mutating func addScalar(_ value: Float) {
        storage.withUnsafeMutableBufferPointer { y in
            for i in 0..<y.count { y[i] += value }
        }
    }

    /// Clamps every element into `range`.
    @inlinable
    public mutating func clamp(to range: ClosedRange<Float>) {
        storage.withUnsafeMutableBufferPointer { y in
            for i in 0..<y.count { y[i] = Swift.min(Swift.max(y[i], range.lowerBound), range.upperBound) }
        }
    }

    /// Copies `other`'s elements into `self` (same shape), reusing `self`'s storage.
    @inlinable
    public mutating func assign(_ other: Matrix) {
        precondition(other.rows == rows && other.cols == cols, "assign: shapes differ (\(other.shape) vs \(shape))")
        storage.withUnsafeMutableBufferPointer { y in
            other.storage.withUnsafeBufferPointer { x in
                _ = y.update(fromContentsOf: x)
            }
        }
    }

    /// Whether every element is finite (no NaN or infinity).
    ///
    /// Tests the exponent bits with integer operations, so the loop vectorises.
    @inlinable
    public var isFinite: Bool {
        VectorReductions.allFinite(storage)
    }

    /// Returns `self + other`.
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        var result = lhs
        result.add(rhs)
        return result
    }

    /// Returns `self - other`.
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        var result = lhs
        result.subtract(rhs)
        return result
    }

    /// Returns `scalar * matrix`.
    public static func * (lhs: Float, rhs: Matrix) -> Matrix {
        var result = rhs
        result.scale(by: lhs)
        return result
    }
}

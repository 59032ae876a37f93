import Foundation
import TensorCore

/// The regression set of `foresight bench pc`: inputs [N, 14] = (x, u), targets [N, 12] = next x.
///
/// Generated as smooth synthetic dynamics y = x + 0.1·tanh(A x + B u) with x ~ N(0, I₁₂),
/// u ~ U(−1, 1)², A [12, 12] ~ N(0, 1/12) and B [12, 2] ~ N(0, 1/2), all from one seed;
/// or read from a safetensors file with F32 tensors `x_train` [N, 14], `y_train` [N, 12],
/// `x_test` [M, 14], `y_test` [M, 12] (the layout `--export` writes).
struct DynamicsDataset {
    static let inputSize = 14
    static let outputSize = 12

    var trainInputs: Matrix
    var trainTargets: Matrix
    var testInputs: Matrix
    var testTargets: Matrix

    /// Generates `trainCount` training and `testCount` test samples from `seed`.
    init(trainCount: Int, testCount: Int, seed: UInt64) {
        let root = RandomStream(seed: seed)
        var systemRNG = root.split(0)
        let a = Matrix.normal(rows: 12, cols: 12, std: 1 / Float(12).squareRoot(), rng: &systemRNG)
        let b = Matrix.normal(rows: 12, cols: 2, std: 1 / Float(2).squareRoot(), rng: &systemRNG)
        func samples(_ count: Int, stream: Int) -> (Matrix, Matrix) {
            var rng = root.split(stream)
            var inputs = Matrix(rows: count, cols: Self.inputSize)
            var targets = Matrix(rows: count, cols: Self.outputSize)
            for i in 0..<count {
                for j in 0..<12 { inputs[i, j] = rng.normal() }
                for j in 12..<14 { inputs[i, j] = 2 * rng.uniform() - 1 }
                for r in 0..<12 {
                    var drive: Float = 0
                    for j in 0..<12 { drive += a[r, j] * inputs[i, j] }
                    for j in 0..<2 { drive += b[r, j] * inputs[i, 12 + j] }
                    targets[i, r] = inputs[i, r] + 0.1 * Foundation.tanh(drive)
                }
            }
            return (inputs, targets)
        }
        (trainInputs, trainTargets) = samples(trainCount, stream: 1)
        (testInputs, testTargets) = samples(testCount, stream: 2)
    }

    /// Reads the four tensors from `url`, checking dtype, widths and matching row counts.
    init(contentsOf url: URL) throws {
        let file = try SafetensorsFile(url: url)
        func load(_ name: String, cols: Int) throws -> Matrix {
            let entry = try file.require(name, dtype: .f32)
            guard entry.shape.count == 2, entry.shape[1] == cols, entry.shape[0] > 0 else {
                throw DatasetFileError(path: file.path, reason: "tensor '\(name)': expected shape [N, \(cols)] with N > 0, found \(entry.shape)")
            }
            return try file.tensor(name).matrix()
        }
        trainInputs = try load("x_train", cols: Self.inputSize)
        trainTargets = try load("y_train", cols: Self.outputSize)
        testInputs = try load("x_test", cols: Self.inputSize)
        testTargets = try load("y_test", cols: Self.outputSize)
        guard trainInputs.rows == trainTargets.rows else {
            throw DatasetFileError(path: file.path, reason: "x_train has \(trainInputs.rows) rows but y_train has \(trainTargets.rows)")
        }
        guard testInputs.rows == testTargets.rows else {
            throw DatasetFileError(path: file.path, reason: "x_test has \(testInputs.rows) rows but y_test has \(testTargets.rows)")
        }
        for (name, matrix) in [("x_train", trainInputs), ("y_train", trainTargets), ("x_test", testInputs), ("y_test", testTargets)]
        where !matrix.isFinite {
            throw DatasetFileError(path: file.path, reason: "tensor '\(name)' contains NaN or infinity")
        }
    }

    /// Writes the set to `url` (atomically) in the layout `init(contentsOf:)` reads.
    func write(to url: URL, description: String) throws {
        let archive = SafetensorsArchive(
            tensors: ["x_train": Tensor(trainInputs), "y_train": Tensor(trainTargets),
                      "x_test": Tensor(testInputs), "y_test": Tensor(testTargets)],
            metadata: ["description": description])
        try archive.write(to: url)
    }
}

/// Copies the rows `indices` of `source` into `batch`, resized to `indices.count` rows (no allocation once sized).
func gatherRows(_ source: Matrix, _ indices: ArraySlice<Int>, into batch: inout Matrix) {
    batch.resize(rows: indices.count)
    let cols = source.cols
    source.storage.withUnsafeBufferPointer { from in
        batch.storage.withUnsafeMutableBufferPointer { to in
            for (row, index) in indices.enumerated() {
                (to.baseAddress! + row * cols).update(from: from.baseAddress! + index * cols, count: cols)
            }
        }
    }
}

/// A data file for `bench pc` does not hold the expected tensors.
struct DatasetFileError: Error, CustomStringConvertible {
    let path: String
    let reason: String

    var description: String { "\(path): \(reason)" }
}

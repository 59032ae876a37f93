import TensorCore

/// A first-order optimizer over a model's flat parameter buffer.
///
/// `step` reads `gradients` (same length as `parameters`) and updates `parameters` in place;
/// state buffers are sized on the first step and reused. `state`/`restore` carry the
/// optimizer through a checkpoint.
public protocol Optimizer: Sendable {
    /// The step size.
    var learningRate: Float { get set }
    /// Updates `parameters` from `gradients`.
    mutating func step(parameters: inout [Float], gradients: [Float])
    /// Everything needed to resume: kind, hyperparameters, step count and buffers.
    var state: OptimizerState { get }
    /// Resumes from `state`; throws `ConfigurationError` if it belongs to a different optimizer or size.
    mutating func restore(_ state: OptimizerState) throws
}

/// A snapshot of an optimizer for checkpoints.
public struct OptimizerState: Codable, Equatable, Sendable {
    /// The optimizer (`sgd`, `adam`, `adamw`).
    public var kind: String
    /// Its hyperparameters by name.
    public var hyperparameters: [String: Float]
    /// Steps taken.
    public var step: Int
    /// Its per-parameter buffers by name (`velocity`; `m`, `v`), empty before the first step.
    public var buffers: [String: [Float]]

    /// Creates a snapshot.
    public init(kind: String, hyperparameters: [String: Float], step: Int, buffers: [String: [Float]]) {
        self.kind = kind
        self.hyperparameters = hyperparameters
        self.step = step
        self.buffers = buffers
    }

    /// Returns buffer `name` if it has `count` elements (or is absent because no step was taken).
    func buffer(_ name: String, count: Int?) throws -> [Float] {
        guard let values = buffers[name] else {
            guard step == 0 else { throw ConfigurationError("\(kind) state: missing buffer '\(name)' after \(step) steps") }
            return []
        }
        if let count, values.count != count {
            throw ConfigurationError("\(kind) state: buffer '\(name)' has \(values.count) elements, expected \(count)")
        }
        return values
    }

    /// Throws unless this state was saved by optimizer `expected`.
    func requireKind(_ expected: String) throws {
        guard kind == expected else {
            throw ConfigurationError("optimizer state is '\(kind)', expected '\(expected)'")
        }
    }
}

/// Scales `gradients` so their global L2 norm is at most `maxNorm`; returns the norm before clipping.
@discardableResult
public func clipGradients(_ gradients: inout [Float], maxNorm: Float) -> Float {
    let norm = Float(VectorReductions.sumOfSquares(gradients).squareRoot())
    if norm > maxNorm && norm > 0 {
        let factor = maxNorm / norm
        gradients.withUnsafeMutableBufferPointer { g in
            for i in 0..<g.count { g[i] *= factor }
        }
    }
    return norm
}

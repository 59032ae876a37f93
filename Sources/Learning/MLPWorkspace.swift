import TensorCore

/// The activation and gradient buffers of one caller of an `MLP`, sized for the current batch and reused.
///
/// Each thread or use site owns its workspace; the weights (`MLP`) are shared. Create one per
/// architecture with `MLPWorkspace(for:)`.
///
/// For layer i with width n_i (n_0 = inputSize): `linear[i]` [B, n_{i+1}] is the Dense output,
/// `normalized[i]` the LayerNorm output (hidden layers with layer norm), `activated[i]` the
/// nonlinearity's output; `gradPre`, `gradLinear` [B, n_{i+1}] and `gradInput` [B, n_i] hold
/// backward's intermediate gradients. Every buffer follows the batch size; the ones an
/// identity activation or a missing LayerNorm does not need are never read.
public struct MLPWorkspace: Sendable {
    var input = Matrix(rows: 0, cols: 0)
    var linear: [Matrix]
    var normalized: [Matrix]
    var mean: [[Float]]
    var rstd: [[Float]]
    var activated: [Matrix]
    var gradPre: [Matrix]
    var gradLinear: [Matrix]
    var gradInput: [Matrix]
    private(set) var rows = 0

    /// Empty buffers for `model`'s architecture (they grow to the batch size on first use).
    public init(for model: MLP) {
        self.init(sizes: model.config.layerSizes)
    }

    /// Empty buffers for layer widths `sizes` (input first).
    init(sizes: [Int]) {
        let outs = Array(sizes.dropFirst())
        linear = outs.map { Matrix(rows: 0, cols: $0) }
        normalized = outs.map { Matrix(rows: 0, cols: $0) }
        mean = outs.map { _ in [] }
        rstd = outs.map { _ in [] }
        activated = outs.map { Matrix(rows: 0, cols: $0) }
        gradPre = outs.map { Matrix(rows: 0, cols: $0) }
        gradLinear = outs.map { Matrix(rows: 0, cols: $0) }
        gradInput = sizes.dropLast().map { Matrix(rows: 0, cols: $0) }
    }

    /// Resizes every buffer to `rows` samples (allocates only when the batch grows).
    mutating func resize(rows newRows: Int) {
        guard newRows != rows else { return }
        rows = newRows
        for i in linear.indices {
            linear[i].resize(rows: newRows)
            normalized[i].resize(rows: newRows)
            activated[i].resize(rows: newRows)
            gradPre[i].resize(rows: newRows)
            gradLinear[i].resize(rows: newRows)
            gradInput[i].resize(rows: newRows)
            Self.resize(&mean[i], to: newRows)
            Self.resize(&rstd[i], to: newRows)
        }
    }

    /// Sets `values.count` to `count`, keeping the storage's capacity.
    private static func resize(_ values: inout [Float], to count: Int) {
        if count < values.count {
            values.removeLast(values.count - count)
        } else {
            values.append(contentsOf: repeatElement(0, count: count - values.count))
        }
    }
}

import Learning
import TensorCore

/// A graph network over object slots as the latent transition (C-SWM's): every ordered pair of slots
/// sends a message through the edge MLP, each slot's node MLP reads its latent, the sum of its incoming
/// messages and the action, and returns the slot's `Δz`.
///
/// Shapes: latents `[B, K * D]` (slot `k` of sample `b` at columns `k * D ..< (k + 1) * D`), actions `[B, A]`,
/// edge inputs `[B * K * (K - 1), 2D]` (`[z_i, z_j]` for `j ≠ i`, rows `(b, i, j)` in order), messages
/// `[B * K * (K - 1), M]`, node inputs `[B * K, D + M + A]`, output `[B, K * D]`. No slot index enters any
/// network, so permuting the slots permutes the output the same way.
public struct GraphTransition: TransitionNetwork {
    /// Slots per sample.
    public let slots: Int
    /// Latent size of one slot.
    public let slotSize: Int
    /// `[z_i, z_j]` → message.
    public var edge: MLP
    /// `[z_i, Σ_j message_ij, a]` → `Δz_i`.
    public var node: MLP

    /// A fresh graph network: `slots` slots of `slotSize`, `actionSize` actions, `hidden` widths in both MLPs
    /// (the message size is the last hidden width, 64 without any); weights from `childSeed(seed, 0/1)`.
    public init(slots: Int, slotSize: Int, actionSize: Int, hidden: [Int], seed: UInt64) {
        precondition(slots > 0 && slotSize > 0, "GraphTransition: \(slots) slots of \(slotSize)")
        self.slots = slots
        self.slotSize = slotSize
        let message = hidden.last ?? 64
        edge = MLP(config: MLPConfig(inputSize: 2 * slotSize, hiddenSizes: hidden, outputSize: message, activation: .relu,
                                     outputActivation: .identity, layerNorm: false), seed: childSeed(seed, 0))
        node = MLP(config: MLPConfig(inputSize: slotSize + message + actionSize, hiddenSizes: hidden, outputSize: slotSize,
                                     activation: .relu, outputActivation: .identity, layerNorm: false), seed: childSeed(seed, 1))
    }

    /// The message size.
    public var messageSize: Int { edge.config.outputSize }

    public var networks: [MLP] {
        get { [edge, node] }
        set { (edge, node) = (newValue[0], newValue[1]) }
    }

    public func makeWorkspace() -> TransitionWorkspace {
        TransitionWorkspace(networks: [MLPWorkspace(for: edge), MLPWorkspace(for: node)])
    }

    /// The sender `j` of edge `e` (0-based among the `K - 1` senders of receiver `i`).
    private func sender(_ e: Int, of i: Int) -> Int { e < i ? e : e + 1 }

    public func forward(_ z: Matrix, actions: Matrix, workspace: inout TransitionWorkspace) -> Matrix {
        let k = slots, d = slotSize, m = messageSize, a = actions.cols, batch = z.rows
        precondition(z.cols == k * d && actions.rows == batch, "GraphTransition: latents \(z.shape), actions \(actions.shape)")
        workspace.inputs.resize(rows: batch * k, cols: d + m + a)
        workspace.inputs.fill(0)
        if k > 1 {
            let edges = k - 1
            workspace.edgeInputs.resize(rows: batch * k * edges, cols: 2 * d)
            for b in 0..<batch {
                for i in 0..<k {
                    for e in 0..<edges {
                        let row = (b * k + i) * edges + e, j = sender(e, of: i)
                        for c in 0..<d {
                            workspace.edgeInputs[row, c] = z[b, i * d + c]
                            workspace.edgeInputs[row, d + c] = z[b, j * d + c]
                        }
                    }
                }
            }
            let messages = edge.forward(workspace.edgeInputs, workspace: &workspace.networks[0])
            for r in 0..<(batch * k) {
                for e in 0..<edges {
                    for c in 0..<m { workspace.inputs[r, d + c] += messages[r * edges + e, c] }
                }
            }
        }
        for b in 0..<batch {
            for i in 0..<k {
                let r = b * k + i
                for c in 0..<d { workspace.inputs[r, c] = z[b, i * d + c] }
                for c in 0..<a { workspace.inputs[r, d + m + c] = actions[b, c] }
            }
        }
        return node.forward(workspace.inputs, workspace: &workspace.networks[1]).reshaped(rows: batch, cols: k * d)
    }

    public func backward(_ gradDelta: Matrix, workspace: inout TransitionWorkspace, gradients: inout [[Float]]) -> Matrix {
        let k = slots, d = slotSize, m = messageSize, batch = gradDelta.rows
        let gradNode = node.backward(gradDelta.reshaped(rows: batch * k, cols: d), workspace: &workspace.networks[1],
                                     gradients: &gradients[1])
        var gradZ = Matrix(rows: batch, cols: k * d)
        for b in 0..<batch {
            for i in 0..<k {
                for c in 0..<d { gradZ[b, i * d + c] = gradNode[b * k + i, c] }
            }
        }
        guard k > 1 else { return gradZ }
        let edges = k - 1
        var gradMessages = Matrix(rows: batch * k * edges, cols: m)
        for r in 0..<(batch * k) {
            for e in 0..<edges {
                for c in 0..<m { gradMessages[r * edges + e, c] = gradNode[r, d + c] }
            }
        }
        let gradEdge = edge.backward(gradMessages, workspace: &workspace.networks[0], gradients: &gradients[0])
        for b in 0..<batch {
            for i in 0..<k {
                for e in 0..<edges {
                    let row = (b * k + i) * edges + e, j = sender(e, of: i)
                    for c in 0..<d {
                        gradZ[b, i * d + c] += gradEdge[row, c]
                        gradZ[b, j * d + c] += gradEdge[row, d + c]
                    }
                }
            }
        }
        return gradZ
    }
}

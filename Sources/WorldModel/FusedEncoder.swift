import Learning
import TensorCore

/// Late fusion: each sensor encoded by its own encoder into its own latent, the latents concatenated into `z`.
///
/// The input of a batch of `B` frames is every sensor's input laid flat, one row per frame, side by side:
/// `[B, Σ rowsPerFrame * columns]` (an image's `[B * side², 3]` pixel rows are `[B, side² * 3]` in the same order).
/// `ContrastiveTraining` applies the contrastive objective to each sensor's block of `z` (`latentBlocks`), while the
/// latent transition and the forward models read the whole of `z`: the sensors meet in the dynamics.
public struct FusedEncoder: ObservationEncoder {
    /// One sensor's encoder and the shape of its input per frame.
    public struct Part: Sendable {
        /// The sensor's encoder.
        public var encoder: any ObservationEncoder
        /// Input rows per frame (an image's pixels, or 1).
        public let rowsPerFrame: Int
        /// Input columns.
        public let columns: Int

        /// The flat width of one frame's input.
        var width: Int { rowsPerFrame * columns }
    }

    public let kind: EncoderInput
    /// The sensors' encoders, in fusion order.
    public var parts: [Part]

    /// Fuses `parts`, in that order.
    public init(kind: EncoderInput, parts: [Part]) {
        precondition(!parts.isEmpty, "FusedEncoder: nothing to fuse")
        self.kind = kind
        self.parts = parts
    }

    public var latentSize: Int { parts.reduce(0) { $0 + $1.encoder.latentSize } }

    /// The columns of `z` each sensor's latent fills, in fusion order.
    public var latentBlocks: [Range<Int>] {
        var start = 0
        return parts.map { part in
            defer { start += part.encoder.latentSize }
            return start..<(start + part.encoder.latentSize)
        }
    }

    /// Every sensor encoder's networks, in fusion order.
    public var networks: [MLP] {
        get { parts.flatMap(\.encoder.networks) }
        set {
            var start = 0
            for index in parts.indices {
                let count = parts[index].encoder.networks.count
                parts[index].encoder.networks = Array(newValue[start..<(start + count)])
                start += count
            }
        }
    }

    /// Every sensor's input for `frames`, laid flat side by side: `[frames.count, Σ width]`.
    public func input(_ data: EpisodeData, frames: [Int]) -> Matrix {
        var out = Matrix(rows: frames.count, cols: parts.reduce(0) { $0 + $1.width })
        var offset = 0
        for part in parts {
            let flat = part.encoder.input(data, frames: frames).reshaped(rows: frames.count, cols: part.width)
            out.setColumns(offset..<(offset + part.width), from: flat)
            offset += part.width
        }
        return out
    }

    public func makeWorkspace() -> EncoderWorkspace {
        EncoderWorkspace(networks: [], keypoints: nil, parts: parts.map { $0.encoder.makeWorkspace() })
    }

    public func forward(_ input: Matrix, workspace: inout EncoderWorkspace) -> Matrix {
        var latents = Matrix(rows: input.rows, cols: latentSize)
        var offset = 0
        for ((index, part), block) in zip(parts.enumerated(), latentBlocks) {
            let own = input.columns(offset..<(offset + part.width)).reshaped(rows: input.rows * part.rowsPerFrame, cols: part.columns)
            latents.setColumns(block, from: part.encoder.forward(own, workspace: &workspace.parts[index]))
            offset += part.width
        }
        return latents
    }

    public func backward(_ gradLatent: Matrix, workspace: inout EncoderWorkspace, gradients: inout [[Float]]) {
        var network = 0
        for ((index, part), block) in zip(parts.enumerated(), latentBlocks) {
            let count = part.encoder.networks.count
            var own = Array(gradients[network..<(network + count)])
            part.encoder.backward(gradLatent.columns(block), workspace: &workspace.parts[index], gradients: &own)
            gradients.replaceSubrange(network..<(network + count), with: own)
            network += count
        }
    }
}

import Learning
import TensorCore

/// Late fusion: each sensor encoded by its own encoder into a latent, the latents concatenated and mapped to `z`
/// by a linear layer.
///
/// The input of a batch of `B` frames is every sensor's input laid flat, one row per frame, side by side:
/// `[B, Σ rowsPerFrame * columns]` (an image's `[B * side², 3]` pixel rows are `[B, side² * 3]` in the same order).
/// Trained end to end through the same contrastive objective as a single encoder: the fusion layer's gradient
/// flows back into every sensor's encoder.
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
    /// The concatenated sensor latents → latent (linear).
    public var fusion: MLP

    /// Fuses `parts` into a `latentSize` latent (fusion weights from `childSeed(seed, 9)`).
    public init(kind: EncoderInput, parts: [Part], latentSize: Int, seed: UInt64) {
        precondition(!parts.isEmpty, "FusedEncoder: nothing to fuse")
        self.kind = kind
        self.parts = parts
        fusion = MLP(config: MLPConfig(inputSize: parts.reduce(0) { $0 + $1.encoder.latentSize }, hiddenSizes: [],
                                       outputSize: latentSize, activation: .relu, outputActivation: .identity, layerNorm: false),
                     seed: childSeed(seed, 9))
    }

    public var latentSize: Int { fusion.config.outputSize }

    /// Every sensor encoder's networks in fusion order, then the fusion layer.
    public var networks: [MLP] {
        get { parts.flatMap(\.encoder.networks) + [fusion] }
        set {
            var start = 0
            for index in parts.indices {
                let count = parts[index].encoder.networks.count
                parts[index].encoder.networks = Array(newValue[start..<(start + count)])
                start += count
            }
            fusion = newValue[start]
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
        EncoderWorkspace(networks: [MLPWorkspace(for: fusion)], keypoints: nil, parts: parts.map { $0.encoder.makeWorkspace() })
    }

    public func forward(_ input: Matrix, workspace: inout EncoderWorkspace) -> Matrix {
        var latents = Matrix(rows: input.rows, cols: fusion.config.inputSize)
        var offset = 0, latentOffset = 0
        for (index, part) in parts.enumerated() {
            let own = input.columns(offset..<(offset + part.width)).reshaped(rows: input.rows * part.rowsPerFrame, cols: part.columns)
            let z = part.encoder.forward(own, workspace: &workspace.parts[index])
            latents.setColumns(latentOffset..<(latentOffset + z.cols), from: z)
            offset += part.width
            latentOffset += z.cols
        }
        return fusion.forward(latents, workspace: &workspace.networks[0])
    }

    public func backward(_ gradLatent: Matrix, workspace: inout EncoderWorkspace, gradients: inout [[Float]]) {
        let gradLatents = fusion.backward(gradLatent, workspace: &workspace.networks[0], gradients: &gradients[gradients.count - 1])
        var network = 0, latentOffset = 0
        for (index, part) in parts.enumerated() {
            let count = part.encoder.networks.count, size = part.encoder.latentSize
            var own = Array(gradients[network..<(network + count)])
            part.encoder.backward(gradLatents.columns(latentOffset..<(latentOffset + size)), workspace: &workspace.parts[index],
                                  gradients: &own)
            gradients.replaceSubrange(network..<(network + count), with: own)
            network += count
            latentOffset += size
        }
    }
}

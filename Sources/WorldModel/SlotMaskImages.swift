import Simulation
import TensorCore

/// "What the model sees": a frame as the slot encoder reads it (pooled), and per slot the same frame lit only
/// where that slot's mask claims it, captioned with the body the probe reads from the slot (`Evaluation.bodySlots`).
public enum SlotMaskImages {
    /// The pooled camera frame `frame` of `data`, then one image per slot: the frame darkened to a quarter where the
    /// slot's mask is 0 and at full brightness where it is 1, captioned `slot k → body` (or `slot k` when no body reads it).
    public static func images(encoder: SlotEncoder, data: EpisodeData, frame: Int, bodySlots: [Int?],
                              bodyNames: [String]) -> [(caption: String, image: PNGImage)] {
        guard let pixels = data.pixels else { return [] }
        let side = data.frameSide, area = side * side
        let camera = Array(pixels[(frame * area * 3)..<((frame + 1) * area * 3)])
        let masks = encoder.masks(data, frames: [frame])
        var images = [(caption: "camera (pooled)", image: PNGImage(width: side, height: side, rgb: camera))]
        for slot in 0..<encoder.slots {
            var lit = camera
            for i in 0..<area {
                let gain = 0.25 + 0.75 * masks[i, slot]
                for c in 0..<3 { lit[i * 3 + c] = UInt8(min(255, (Float(camera[i * 3 + c]) * gain).rounded())) }
            }
            let body = zip(bodyNames, bodySlots).first { $0.1 == slot }?.0
            images.append((body.map { "slot \(slot) → \($0)" } ?? "slot \(slot)", PNGImage(width: side, height: side, rgb: lit)))
        }
        return images
    }
}

import Simulation
import TensorCore

/// "What the model sees": a frame as the slot encoder reads it (pooled), and per body the same frame lit only
/// where the mask of the body's slot (`Evaluation.bodySlots`) claims it, for the report.
public enum SlotMaskImages {
    /// The pooled camera frame `frame` of `data`, then one image per body read from a slot: the frame darkened to
    /// a quarter where that slot's mask is 0 and at full brightness where it is 1, captioned `body ← slot k`.
    public static func images(encoder: SlotEncoder, data: EpisodeData, frame: Int, bodySlots: [Int?],
                              bodyNames: [String]) -> [(caption: String, image: PNGImage)] {
        guard let pixels = data.pixels else { return [] }
        let side = data.frameSide, area = side * side
        let camera = Array(pixels[(frame * area * 3)..<((frame + 1) * area * 3)])
        let masks = encoder.masks(data, frames: [frame])
        var images = [(caption: "camera (pooled)", image: PNGImage(width: side, height: side, rgb: camera))]
        for (body, slot) in zip(bodyNames, bodySlots) {
            guard let slot else { continue }
            var lit = camera
            for i in 0..<area {
                let gain = 0.25 + 0.75 * masks[i, slot]
                for c in 0..<3 { lit[i * 3 + c] = UInt8(min(255, (Float(camera[i * 3 + c]) * gain).rounded())) }
            }
            images.append(("\(body) ← slot \(slot)", PNGImage(width: side, height: side, rgb: lit)))
        }
        return images
    }
}

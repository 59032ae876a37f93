/// Which pixel encoder a run uses (its config's `pixelEncoder`; nil in runs made before object slots: keypoints).
public enum PixelEncoderKind: String, Codable, Sendable, CaseIterable {
    /// Per-pixel features → spatial soft-argmax keypoints → MLP head (`PixelEncoder`).
    case keypoints
    /// CNN object extractor → per-slot masks → per-slot MLP, with a graph-network transition (`SlotEncoder`, C-SWM).
    case slots
}

import Foundation

/// The checkpoints a run folder holds: the best parameters so far and the last epoch's state.
public enum RunCheckpointFile: String, CaseIterable, Sendable {
    /// `best.safetensors`: each finished phase's models at their best validation loss.
    case best
    /// `last.safetensors`: everything after the last finished epoch (what `--resume` continues).
    case last

    /// The checkpoint's location in the run folder `run`.
    public func url(in run: URL) -> URL { run.appendingPathComponent("\(rawValue).safetensors") }
}

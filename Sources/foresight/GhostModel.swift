import ArgumentParser

/// Which of a run's models draws the viewer's ghosts and dreams (`view --ghosts`).
enum GhostModel: String, CaseIterable, ExpressibleByArgument {
    /// The state-space forward model, from the true state.
    case state
    /// A pixel run's latent forward model, from the camera image, read through the position probe.
    case latent
}

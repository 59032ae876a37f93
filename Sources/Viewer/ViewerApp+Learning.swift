#if Viewer
extension ViewerApp {
    /// Draws the online learner's loss plot and messages, when the overlay's model learns (`view --learn`).
    func drawLearning() {
        guard let learning = session.learning else { return }
        renderer.hud.drawLearning(learning.thread.progress, below: renderer.hud.barHeight(for: canvas), into: &canvas)
    }

    /// Saves the model learned online as a run folder (the M key); the outcome appears under the loss plot.
    func saveLearnedModel() {
        session.learning?.save()
    }
}
#endif

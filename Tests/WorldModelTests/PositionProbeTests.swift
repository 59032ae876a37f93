import Testing
import TensorCore
@testable import WorldModel

@Suite struct PositionProbeTests {
    @Test func eachBodyIsReadFromTheSlotThatHoldsItsPosition() throws {
        var rng = RandomStream(seed: 21)
        let n = 200
        let positions = Matrix.normal(rows: n, cols: 4, rng: &rng)  // two bodies
        let noise = Matrix.normal(rows: n, cols: 2, rng: &rng)
        // Slot 0 holds body 1 (mixed linearly, plus an offset); slot 1 holds body 0; slot 2 holds noise.
        var latents = Matrix(rows: n, cols: 6)
        for r in 0..<n {
            latents[r, 0] = positions[r, 2] + positions[r, 3] + 1
            latents[r, 1] = positions[r, 2] - positions[r, 3]
            latents[r, 2] = 2 * positions[r, 0]
            latents[r, 3] = -positions[r, 1]
            latents[r, 4] = noise[r, 0]
            latents[r, 5] = noise[r, 1]
        }
        let probe = try PositionProbe(latents: latents, positions: positions, slots: 3)
        #expect(probe.bodySlots == [1, 0])
        // Without the slot that holds body 1, its position is spread over no slot: the whole latent reads it.
        var mixed = latents
        for r in 0..<n {
            mixed[r, 0] = positions[r, 2] + noise[r, 0]
            mixed[r, 1] = positions[r, 3] + noise[r, 1]
            mixed[r, 4] = positions[r, 3] - noise[r, 0]
            mixed[r, 5] = positions[r, 2] - noise[r, 1]
        }
        #expect(try PositionProbe(latents: mixed, positions: positions, slots: 3).bodySlots == [1, nil])
        let predicted = probe.predict(latents)
        for r in 0..<n {
            for c in 0..<4 { #expect(abs(predicted[r, c] - positions[r, c]) < 1e-3) }
        }
        let whole = try PositionProbe(latents: latents, positions: positions, slots: nil)
        #expect(whole.bodySlots.isEmpty)
    }
}

import Learning
import Testing
import TensorCore
@testable import WorldModel

@Suite struct MaskedSlotPredictionTests {
    @Test func gradientsMatchFiniteDifferencesAndTheHiddenSlotGetsNone() {
        var rng = RandomStream(seed: 31)
        let predictor = MaskedSlotPrediction.predictor(slots: 3, slotSize: 2, hidden: [6], seed: 5)
        let z = Matrix.normal(rows: 4, cols: 6, rng: &rng), hidden = [0, 2, 1, 2]
        func loss(_ network: MLP, _ latents: Matrix) -> Float {
            var objective = MaskedSlotPrediction(predictor: network, slots: 3, weight: 0.5)
            var gradZ = Matrix(rows: 4, cols: 6), gradients = network.zeroGradients()
            return objective(latents, hidden: hidden, predictor: network, latentGradient: &gradZ, gradients: &gradients)
        }
        var objective = MaskedSlotPrediction(predictor: predictor, slots: 3, weight: 0.5)
        var gradZ = Matrix(rows: 4, cols: 6), gradients = predictor.zeroGradients()
        _ = objective(z, hidden: hidden, predictor: predictor, latentGradient: &gradZ, gradients: &gradients)
        let h: Float = 1e-3
        for r in 0..<4 {
            for c in 0..<6 {
                if c / 2 == hidden[r] {
                    #expect(gradZ[r, c] == 0, "the target slot is taken without gradient")
                    continue
                }
                var plus = z, minus = z
                plus[r, c] += h
                minus[r, c] -= h
                let numeric = (loss(predictor, plus) - loss(predictor, minus)) / (2 * h)
                #expect(abs(numeric - gradZ[r, c]) < 2e-3, "latent (\(r), \(c))")
            }
        }
        for index in stride(from: 0, to: predictor.parameters.count, by: 5) {
            var plus = predictor, minus = predictor
            plus.parameters[index] += h
            minus.parameters[index] -= h
            let numeric = (loss(plus, z) - loss(minus, z)) / (2 * h)
            #expect(abs(numeric - gradients[index]) < 2e-3, "parameter \(index)")
        }
    }

    @Test func thePredictorLearnsASlotThatIsAFunctionOfAnother() {
        // Slot 1 is twice slot 0: hiding either, the other determines it.
        var rng = RandomStream(seed: 32)
        let base = Matrix.normal(rows: 64, cols: 2, rng: &rng)
        var z = Matrix(rows: 64, cols: 4)
        for r in 0..<64 {
            for c in 0..<2 { (z[r, c], z[r, 2 + c]) = (base[r, c], 2 * base[r, c]) }
        }
        var predictor = MaskedSlotPrediction.predictor(slots: 2, slotSize: 2, hidden: [32], seed: 6)
        var objective = MaskedSlotPrediction(predictor: predictor, slots: 2, weight: 1)
        var adam = Adam(learningRate: 3e-3)
        var first: Float = 0, last: Float = 0
        for step in 0..<1500 {
            var gradZ = Matrix(rows: 64, cols: 4), gradients = predictor.zeroGradients()
            let hidden = objective.draw(count: 64, rng: &rng)
            last = objective(z, hidden: hidden, predictor: predictor, latentGradient: &gradZ, gradients: &gradients)
            if step == 0 { first = last }
            adam.step(parameters: &predictor.parameters, gradients: gradients)
        }
        #expect(last < first * 0.02, "loss \(first) → \(last)")
    }
}

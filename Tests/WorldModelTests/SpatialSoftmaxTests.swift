import Testing
import TensorCore
@testable import WorldModel

@Suite struct SpatialSoftmaxTests {
    @Test func peakedLogitsGiveThePixelCentre() {
        var layer = SpatialSoftmax(height: 4, width: 4, channels: 2)
        var logits = Matrix(rows: 16, cols: 2)
        logits[1 * 4 + 3, 0] = 60  // row 1, column 3
        logits[3 * 4 + 0, 1] = 60  // row 3, column 0
        let keypoints = layer.forward(logits)
        #expect(abs(keypoints[0, 0] - 0.75) < 1e-5 && abs(keypoints[0, 1] - 0.25) < 1e-5)
        #expect(abs(keypoints[0, 2] + 0.75) < 1e-5 && abs(keypoints[0, 3] + 0.75) < 1e-5)
    }

    @Test func backwardMatchesFiniteDifferences() {
        var rng = RandomStream(seed: 3)
        var layer = SpatialSoftmax(height: 3, width: 5, channels: 2, sharpness: 2.5)
        let logits = Matrix.normal(rows: 2 * 15, cols: 2, rng: &rng)
        let weights = Matrix.normal(rows: 2, cols: 4, rng: &rng)
        func loss(_ x: Matrix) -> Double {
            var probe = SpatialSoftmax(height: 3, width: 5, channels: 2, sharpness: 2.5)
            let out = probe.forward(x)
            return zip(out.storage, weights.storage).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        _ = layer.forward(logits)
        let grad = layer.backward(weights)
        for index in stride(from: 0, to: logits.count, by: 3) {
            var plus = logits, minus = logits
            plus.storage[index] += 1e-2
            minus.storage[index] -= 1e-2
            let numeric = (loss(plus) - loss(minus)) / 2e-2
            #expect(abs(numeric - Double(grad.storage[index])) < 1e-3)
        }
    }
}

import Foundation
import Testing
import TensorCore
@testable import Learning

/// f(θ) = ½ Σ a_i (θ_i − c_i)², minimum at c.
private let curvature: [Float] = [1, 4, 0.5, 2]
private let minimum: [Float] = [1, -2, 0.5, 3]

private func gradient(_ theta: [Float]) -> [Float] {
    theta.indices.map { curvature[$0] * (theta[$0] - minimum[$0]) }
}

private func minimize<O: Optimizer>(_ optimizer: inout O, steps: Int) -> [Float] {
    var theta = [Float](repeating: 0, count: 4)
    for _ in 0..<steps { optimizer.step(parameters: &theta, gradients: gradient(theta)) }
    return theta
}

@Suite struct OptimizerTests {
    @Test func sgdReachesTheMinimum() {
        var sgd = SGD(learningRate: 0.2)
        #expect(relativeError(minimize(&sgd, steps: 300), minimum) < 1e-5)
    }

    @Test func momentumReachesTheMinimum() {
        var sgd = SGD(learningRate: 0.05, momentum: 0.9)
        #expect(relativeError(minimize(&sgd, steps: 500), minimum) < 1e-5)
    }

    @Test func adamReachesTheMinimum() {
        var adam = Adam(learningRate: 0.05)
        var theta = minimize(&adam, steps: 1500)
        adam.learningRate = 0.001
        for _ in 0..<500 { adam.step(parameters: &theta, gradients: gradient(theta)) }
        #expect(relativeError(theta, minimum) < 1e-3)
    }

    @Test func adamWWithoutDecayIsAdamAndDecaysDecoupled() {
        var adam = Adam(learningRate: 0.05), adamW = Adam.adamW(learningRate: 0.05, weightDecay: 0)
        #expect(minimize(&adam, steps: 200) == minimize(&adamW, steps: 200))
        var decaying = Adam.adamW(learningRate: 0.1, weightDecay: 0.5)
        var theta: [Float] = [2, -4]
        decaying.step(parameters: &theta, gradients: [0, 0])
        #expect(abs(theta[0] - 1.9) < 1e-6 && abs(theta[1] + 3.8) < 1e-6)
        var coupled = Adam(learningRate: 0.1, weightDecay: .coupled(0.5))
        var theta2: [Float] = [2, -4]
        coupled.step(parameters: &theta2, gradients: [0, 0])
        // Coupled decay feeds λθ through Adam: the first step moves each weight by η toward zero.
        #expect(abs(theta2[0] - 1.9) < 1e-6 && abs(theta2[1] + 3.9) < 1e-6)
    }

    /// Adam written for one element at a time, the formula as in the paper (with both kinds of decay).
    private func naiveAdam(_ theta: inout [Float], _ g: [Float], _ m: inout [Float], _ v: inout [Float], step: Int,
                           eta: Float, l2: Float, decoupled: Float) {
        let beta1: Float = 0.9, beta2: Float = 0.999
        let c1 = 1 / (1 - Float(Foundation.pow(Double(beta1), Double(step))))
        let c2 = 1 / (1 - Float(Foundation.pow(Double(beta2), Double(step))))
        for i in theta.indices {
            let grad: Float = g[i] + l2 * theta[i]
            m[i] = beta1 * m[i] + (1 - beta1) * grad
            v[i] = beta2 * v[i] + (1 - beta2) * grad * grad
            let corrected: Float = m[i] * c1
            let denominator: Float = (v[i] * c2).squareRoot() + 1e-8
            theta[i] = (1 - eta * decoupled) * theta[i] - eta * corrected / denominator
        }
    }

    @Test(arguments: [WeightDecay.none, .coupled(0.3), .decoupled(0.2)])
    func adamMatchesTheOneElementFormulaBitForBit(decay: WeightDecay) {
        var l2: Float = 0, decoupled: Float = 0
        switch decay {
        case .none: break
        case .coupled(let rate): l2 = rate
        case .decoupled(let rate): decoupled = rate
        }
        var rng = RandomStream(seed: 3)
        for count in [0, 1, 7, 8, 9, 16, 37] {
            var adam = Adam(learningRate: 0.01, weightDecay: decay)
            var theta = (0..<count).map { _ in 4 * rng.uniform() - 2 }
            var reference = theta, m = [Float](repeating: 0, count: count), v = m
            for step in 1...5 {
                let g = (0..<count).map { _ in 6 * rng.uniform() - 3 }
                adam.step(parameters: &theta, gradients: g)
                naiveAdam(&reference, g, &m, &v, step: step, eta: 0.01, l2: l2, decoupled: decoupled)
            }
            #expect(theta.map(\.bitPattern) == reference.map(\.bitPattern), "\(count) parameters")
        }
    }

    @Test func clippingScalesToTheGlobalNorm() {
        var g: [Float] = [3, 4]
        #expect(clipGradients(&g, maxNorm: 1) == 5)
        #expect(abs(g[0] - 0.6) < 1e-7 && abs(g[1] - 0.8) < 1e-7)
        var small: [Float] = [0.1, 0.2]
        clipGradients(&small, maxNorm: 1)
        #expect(small == [0.1, 0.2])
    }

    @Test func stateRoundTripsAndRejectsOtherKinds() throws {
        var adam = Adam(learningRate: 0.05)
        let theta = minimize(&adam, steps: 10)
        var resumed = Adam()
        try resumed.restore(adam.state)
        var a = theta, b = theta
        adam.step(parameters: &a, gradients: gradient(a))
        resumed.step(parameters: &b, gradients: gradient(b))
        #expect(a == b)
        var sgd = SGD(learningRate: 0.1)
        #expect(throws: ConfigurationError.self) { try sgd.restore(adam.state) }
    }
}

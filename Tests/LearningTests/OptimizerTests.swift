import Testing
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

import Foundation

/// The moment buffers and the fused update of `Adam` (with either kind of weight decay).
struct AdamMoments: Sendable {
    var m: [Float] = []
    var v: [Float] = []
    var step = 0

    /// One Adam step with coupled (`l2`) and decoupled (`decoupledDecay`) weight decay.
    mutating func update(_ parameters: inout [Float], gradients: [Float], learningRate: Float, beta1: Float,
                         beta2: Float, epsilon: Float, l2: Float, decoupledDecay: Float) {
        precondition(parameters.count == gradients.count, "Adam: \(parameters.count) parameters but \(gradients.count) gradients")
        if m.count != parameters.count {
            m = [Float](repeating: 0, count: parameters.count)
            v = [Float](repeating: 0, count: parameters.count)
        }
        step += 1
        let c1 = 1 / (1 - Float(Foundation.pow(Double(beta1), Double(step))))
        let c2 = 1 / (1 - Float(Foundation.pow(Double(beta2), Double(step))))
        let eta = learningRate, shrink = 1 - learningRate * decoupledDecay
        parameters.withUnsafeMutableBufferPointer { p in
            gradients.withUnsafeBufferPointer { g in
                m.withUnsafeMutableBufferPointer { pm in
                    v.withUnsafeMutableBufferPointer { pv in
                        for i in 0..<p.count {
                            let grad = g[i] + l2 * p[i]
                            pm[i] = beta1 * pm[i] + (1 - beta1) * grad
                            pv[i] = beta2 * pv[i] + (1 - beta2) * grad * grad
                            p[i] = shrink * p[i] - eta * (pm[i] * c1) / ((pv[i] * c2).squareRoot() + epsilon)
                        }
                    }
                }
            }
        }
    }

    /// A snapshot under `kind`.
    func state(kind: String, hyperparameters: [String: Float]) -> OptimizerState {
        OptimizerState(kind: kind, hyperparameters: hyperparameters, step: step,
                       buffers: m.isEmpty ? [:] : ["m": m, "v": v])
    }

    /// Restores buffers and step from `state`.
    mutating func restore(_ state: OptimizerState) throws {
        m = try state.buffer("m", count: nil)
        v = try state.buffer("v", count: m.count)
        step = state.step
    }
}

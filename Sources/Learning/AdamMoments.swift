import CKernels
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
        let constants = FSAdamConstants(beta1: beta1, beta2: beta2, c1: c1, c2: c2, eta: learningRate, epsilon: epsilon,
                                        l2: l2, shrink: 1 - learningRate * decoupledDecay)
        parameters.withUnsafeMutableBufferPointer { p in
            gradients.withUnsafeBufferPointer { g in
                m.withUnsafeMutableBufferPointer { pm in
                    v.withUnsafeMutableBufferPointer { pv in
                        guard let base = p.baseAddress else { return }
                        fs_adam_update(base, g.baseAddress!, pm.baseAddress!, pv.baseAddress!, p.count, constants)
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

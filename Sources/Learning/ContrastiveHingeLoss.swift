import TensorCore

/// C-SWM's contrastive hinge loss on latent transitions.
///
/// For states z_t, predicted transitions T and next states z_{t+1}, all [B, D], and
/// negatives z̃_b = z_{π(b)} drawn from the batch by the index list π [B]:
/// L = 1/B Σ_b [ d(z_b + T_b, z'_b) + max(0, margin − d(z̃_b, z'_b)) ] with d(u, v) = ½‖u − v‖².
public struct ContrastiveHingeLoss: Sendable {
    /// The hinge margin γ on negative energies.
    public var margin: Float

    /// Creates the loss with margin γ.
    public init(margin: Float = 1) {
        self.margin = margin
    }

    /// A permutation of `0..<count` for in-batch negatives, seeded by `rng`.
    public static func shuffledNegatives(count: Int, rng: inout RandomStream) -> [Int] {
        var indices = Array(0..<count)
        rng.shuffle(&indices)
        return indices
    }

    /// The loss; writes dL/dz, dL/dT and dL/dz' into the [B, D] gradient buffers.
    public func callAsFunction(state z: Matrix, transition t: Matrix, next: Matrix, negatives: [Int],
                               stateGradient: inout Matrix, transitionGradient: inout Matrix,
                               nextGradient: inout Matrix) -> Float {
        precondition(z.shape == t.shape && z.shape == next.shape && negatives.count == z.rows
                     && stateGradient.shape == z.shape && transitionGradient.shape == z.shape && nextGradient.shape == z.shape,
                     "ContrastiveHingeLoss: shapes differ (z \(z.shape), T \(t.shape), next \(next.shape), negatives \(negatives.count))")
        let b = z.rows, d = z.cols, scale = 1 / Float(max(b, 1))
        var total = 0.0
        stateGradient.fill(0)
        nextGradient.fill(0)
        z.storage.withUnsafeBufferPointer { pz in
            t.storage.withUnsafeBufferPointer { pt in
                next.storage.withUnsafeBufferPointer { pn in
                    stateGradient.storage.withUnsafeMutableBufferPointer { gz in
                        transitionGradient.storage.withUnsafeMutableBufferPointer { gt in
                            nextGradient.storage.withUnsafeMutableBufferPointer { gn in
                                for r in 0..<b {
                                    var positive: Float = 0
                                    for c in 0..<d {
                                        let e = pz[r * d + c] + pt[r * d + c] - pn[r * d + c]
                                        positive += e * e
                                        gz[r * d + c] += scale * e
                                        gt[r * d + c] = scale * e
                                        gn[r * d + c] -= scale * e
                                    }
                                    let k = negatives[r]
                                    precondition(k >= 0 && k < b, "ContrastiveHingeLoss: negative index \(k) out of 0..<\(b)")
                                    var negative: Float = 0
                                    for c in 0..<d {
                                        let e = pz[k * d + c] - pn[r * d + c]
                                        negative += e * e
                                    }
                                    total += Double(0.5 * positive)
                                    let hinge = margin - 0.5 * negative
                                    guard hinge > 0 else { continue }
                                    total += Double(hinge)
                                    for c in 0..<d {
                                        let e = pz[k * d + c] - pn[r * d + c]
                                        gz[k * d + c] -= scale * e
                                        gn[r * d + c] += scale * e
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Float(total) * scale
    }
}

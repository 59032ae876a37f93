import CKernels
import Testing
import TensorCore
@testable import Learning

/// The eight-lane activation kernels (CKernels) against the scalar Swift loops they replace, bit for bit.
@Suite struct LaneKernelTests {
    static let cases: [(Activation, Int)] = [Activation.tanh, .relu].flatMap { activation in
        [0, 1, 7, 8, 9, 31, 256 * 3 + 5].map { (activation, $0) }
    }

    /// Buffers of `count` elements: wide-ranging values (past exp's clamp at ±87 after doubling), a NaN, an infinity
    /// and both zeros.
    func buffers(_ count: Int, seed: UInt64) -> [[Float]] {
        var rng = RandomStream(seed: seed)
        var arrays = (0..<5).map { _ in (0..<count).map { _ in Float(rng.uniform(in: -3...3)) } }
        for i in stride(from: 0, to: count, by: 7) { arrays[0][i] *= 40 }
        if count > 12 {
            arrays[0][3] = Float.nan
            arrays[0][10] = Float.infinity
            arrays[0][11] = 0
            arrays[0][12] = -0.0
        }
        return arrays
    }

    @Test(arguments: cases)
    func valueNodeStepEqualsTheScalarStepBitForBit(activation: Activation, count: Int) throws {
        let lanes = try #require(activation.laneKernel)
        let start = buffers(count, seed: UInt64(count) + 1)
        let (eps, back) = (start[3], start[4])
        var (x, fx, d, velocity) = (start[0], [Float](repeating: 9, count: count), start[1], start[2])
        var (x2, fx2, d2, velocity2) = (x, fx, d, velocity)
        let rate: Float = 0.1, momentum: Float = 0.3
        x.withUnsafeMutableBufferPointer { x in
            fx.withUnsafeMutableBufferPointer { fx in
                d.withUnsafeMutableBufferPointer { d in
                    velocity.withUnsafeMutableBufferPointer { v in
                        eps.withUnsafeBufferPointer { e in
                            back.withUnsafeBufferPointer { b in
                                guard count > 0 else { return }
                                activation.withKernel(ValueNodeUpdate(x: x.baseAddress!, fx: fx.baseAddress!, d: d.baseAddress!,
                                                                      eps: e.baseAddress!, back: b.baseAddress!,
                                                                      velocity: v.baseAddress!, count: count, rate: rate,
                                                                      momentum: momentum))
                            }
                        }
                    }
                }
            }
        }
        fs_value_node_update(lanes, &x2, &fx2, &d2, eps, back, &velocity2, count, rate, momentum)
        for (name, scalar, lanes) in [("x", x, x2), ("f(x)", fx, fx2), ("f'(x)", d, d2), ("velocity", velocity, velocity2)] {
            #expect(scalar.map(\.bitPattern) == lanes.map(\.bitPattern), "\(name) differs")
        }
    }

    @Test(arguments: cases)
    func forwardEqualsTheScalarLoopBitForBit(activation: Activation, count: Int) throws {
        let lanes = try #require(activation.laneKernel)
        let x = buffers(count, seed: UInt64(count) + 7)[0]
        var y = [Float](repeating: 0, count: count), d = y, yOnly = y, y2 = y, d2 = y
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                d.withUnsafeMutableBufferPointer { pd in
                    guard count > 0 else { return }
                    activation.withKernel(ForwardLoop(x: px.baseAddress!, y: py.baseAddress!, derivative: pd.baseAddress!,
                                                      count: count))
                }
            }
        }
        fs_activation_forward(lanes, x, &y2, &d2, count)
        fs_activation_forward(lanes, x, &yOnly, nil, count)
        #expect(y.map(\.bitPattern) == y2.map(\.bitPattern) && y.map(\.bitPattern) == yOnly.map(\.bitPattern))
        #expect(d.map(\.bitPattern) == d2.map(\.bitPattern))
    }

    @Test(arguments: [0, 1, 7, 8, 9, 31, 256 * 3 + 5])
    func fixedPredictionStepEqualsTheNaiveStepBitForBit(count: Int) {
        let start = buffers(count, seed: UInt64(count) + 13)
        let (mu, d, back) = (start[1], start[2], start[3])
        var (x, eps, velocity) = (start[0], start[4], start[2].map { $0 * 0.5 })
        var (x2, eps2, velocity2) = (x, eps, velocity)
        let rate: Float = 0.1, momentum: Float = 0.3
        for i in 0..<count {
            let v = momentum * velocity[i] + (eps[i] - d[i] * back[i])
            velocity[i] = v
            x[i] -= rate * v
            eps[i] = x[i] - mu[i]
        }
        fs_value_node_update_fixed(&x2, &eps2, mu, d, back, &velocity2, count, rate, momentum)
        for (name, scalar, lanes) in [("x", x, x2), ("ε", eps, eps2), ("velocity", velocity, velocity2)] {
            #expect(scalar.map(\.bitPattern) == lanes.map(\.bitPattern), "\(name) differs")
        }
    }
}

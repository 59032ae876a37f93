import CKernels
import Testing
import TensorCore
@testable import Learning

/// The eight-lane tanh kernels (CKernels) against the scalar Swift loops they replace, bit for bit.
@Suite struct LaneKernelTests {
    /// Buffers of `count` elements: wide-ranging values (past exp's clamp at ±87 after doubling), a NaN and an infinity.
    func buffers(_ count: Int, seed: UInt64) -> [[Float]] {
        var rng = RandomStream(seed: seed)
        var arrays = (0..<5).map { _ in (0..<count).map { _ in Float(rng.uniform(in: -3...3)) } }
        for i in stride(from: 0, to: count, by: 7) { arrays[0][i] *= 40 }
        if count > 10 {
            arrays[0][3] = Float.nan
            arrays[0][10] = Float.infinity
        }
        return arrays
    }

    @Test(arguments: [0, 1, 7, 8, 9, 31, 256 * 3 + 5])
    func eightLanesEqualTheScalarStepBitForBit(count: Int) {
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
                                ValueNodeUpdate(x: x.baseAddress!, fx: fx.baseAddress!, d: d.baseAddress!, eps: e.baseAddress!,
                                                back: b.baseAddress!, velocity: v.baseAddress!, count: count, rate: rate,
                                                momentum: momentum).run(TanhKernel.self)
                            }
                        }
                    }
                }
            }
        }
        fs_value_node_update_tanh(&x2, &fx2, &d2, eps, back, &velocity2, count, rate, momentum)
        for (name, scalar, lanes) in [("x", x, x2), ("f(x)", fx, fx2), ("f'(x)", d, d2), ("velocity", velocity, velocity2)] {
            #expect(scalar.map(\.bitPattern) == lanes.map(\.bitPattern), "\(name) differs")
        }
        if count > 10 { #expect(x2[3].isNaN && fx2[3].isNaN && fx2[10] == 1) }
    }

    @Test(arguments: [0, 1, 7, 8, 9, 31, 256 * 3 + 5])
    func tanhForwardEqualsTheScalarLoopBitForBit(count: Int) {
        let x = buffers(count, seed: UInt64(count) + 7)[0]
        var y = [Float](repeating: 0, count: count), d = y, yOnly = y, y2 = y, d2 = y
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                d.withUnsafeMutableBufferPointer { pd in
                    guard count > 0 else { return }
                    ForwardLoop(x: px.baseAddress!, y: py.baseAddress!, derivative: pd.baseAddress!, count: count).run(TanhKernel.self)
                }
            }
        }
        fs_tanh_forward(x, &y2, &d2, count)
        fs_tanh_forward(x, &yOnly, nil, count)
        #expect(y.map(\.bitPattern) == y2.map(\.bitPattern) && y.map(\.bitPattern) == yOnly.map(\.bitPattern))
        #expect(d.map(\.bitPattern) == d2.map(\.bitPattern))
    }
}

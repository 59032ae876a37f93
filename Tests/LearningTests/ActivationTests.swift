import Foundation
import Testing
import TensorCore
@testable import Learning

@Suite struct ActivationTests {
    @Test func fastExpAndTanhMatchLibm() {
        var worstExp = 0.0, worstTanh = 0.0
        for i in -8000...8000 {
            let x = Float(i) / 100
            worstExp = max(worstExp, abs(Double(FastMath.exp(x)) / Foundation.exp(Double(x)) - 1))
            worstTanh = max(worstTanh, abs(Double(FastMath.tanh(x)) - Foundation.tanh(Double(x))))
        }
        #expect(worstExp < 3e-7)
        #expect(worstTanh < 3e-7)
        #expect(FastMath.tanh(200) == 1 && FastMath.tanh(-200) == -1)
    }

    @Test func valuesMatchDefinitions() {
        for x: Float in [-2, -0.5, 0.3, 1.7] {
            #expect(Activation.identity.value(x) == x)
            #expect(abs(Activation.tanh.value(x) - Foundation.tanh(x)) < 1e-6)
            #expect(Activation.relu.value(x) == max(0, x))
            #expect(Activation.leakyRelu.value(x) == (x > 0 ? x : 0.01 * x))
            let gelu = 0.5 * x * (1 + Foundation.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))
            #expect(abs(Activation.gelu.value(x) - gelu) < 1e-6)
        }
    }

    @Test(arguments: Activation.allCases)
    func backwardMatchesFiniteDifferences(_ activation: Activation) {
        var x = randomMatrix(6, 5, seed: 1)
        for i in x.storage.indices where abs(x.storage[i]) < 0.1 { x.storage[i] += 0.2 }
        let r = randomMatrix(6, 5, seed: 2)
        var y = Matrix(rows: 6, cols: 5), dx = Matrix(rows: 6, cols: 5)
        activation.forward(x, into: &y)
        activation.backward(input: x, output: y, gradOutput: r, into: &dx)
        let numeric = numericGradient(x.storage, step: 1e-2) { values in
            var out = Matrix(rows: 6, cols: 5)
            activation.forward(Matrix(rows: 6, cols: 5, elements: values), into: &out)
            return project(out, r)
        }
        #expect(relativeError(dx.storage, numeric) < 1e-3)
        var y2 = Matrix(rows: 6, cols: 5), d = Matrix(rows: 6, cols: 5)
        activation.forward(x, into: &y2, derivative: &d)
        #expect(y2 == y)
        d.multiply(r)
        #expect(d == dx)
    }
}

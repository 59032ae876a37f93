import Testing
import TensorCore
@testable import Learning

@Suite struct LayerTests {
    @Test func denseForwardMatchesNaiveProduct() {
        var layout = ParameterLayout()
        let dense = Dense.appended(to: &layout, name: "d", inputSize: 3, outputSize: 2)
        var rng = RandomStream(seed: 3)
        var parameters = [Float](repeating: 0, count: layout.count)
        rng.fillNormal(&parameters)
        let x = randomMatrix(4, 3, seed: 4)
        var y = Matrix(rows: 4, cols: 2)
        dense.forward(x, parameters: parameters, into: &y)
        for r in 0..<4 {
            for o in 0..<2 {
                var expected = parameters[dense.biasRange.lowerBound + o]
                for i in 0..<3 { expected += x[r, i] * parameters[o * 3 + i] }
                #expect(abs(y[r, o] - expected) < 1e-5)
            }
        }
    }

    @Test func denseBackwardMatchesFiniteDifferences() {
        var layout = ParameterLayout()
        let dense = Dense.appended(to: &layout, name: "d", inputSize: 5, outputSize: 4)
        var rng = RandomStream(seed: 5)
        var parameters = [Float](repeating: 0, count: layout.count)
        rng.fillNormal(&parameters, std: 0.5)
        let x = randomMatrix(3, 5, seed: 6), r = randomMatrix(3, 4, seed: 7)
        var gradients = [Float](repeating: 0, count: layout.count)
        var dx = Matrix(rows: 3, cols: 5)
        dense.accumulateGradients(r, input: x, into: &gradients)
        dense.backwardInput(r, parameters: parameters, into: &dx)
        func loss(_ p: [Float], _ input: Matrix) -> Double {
            var y = Matrix(rows: 3, cols: 4)
            dense.forward(input, parameters: p, into: &y)
            return project(y, r)
        }
        let numericParameters = numericGradient(parameters) { loss($0, x) }
        let numericInput = numericGradient(x.storage) { loss(parameters, Matrix(rows: 3, cols: 5, elements: $0)) }
        #expect(relativeError(gradients, numericParameters) < 1e-3)
        #expect(relativeError(dx.storage, numericInput) < 1e-3)
    }

    @Test func layerNormBackwardMatchesFiniteDifferences() {
        var layout = ParameterLayout()
        let norm = LayerNorm.appended(to: &layout, name: "n", features: 6)
        var rng = RandomStream(seed: 8)
        var parameters = [Float](repeating: 0, count: layout.count)
        rng.fillNormal(&parameters)
        let x = randomMatrix(4, 6, seed: 9), r = randomMatrix(4, 6, seed: 10)
        var mean = [Float](repeating: 0, count: 4), rstd = mean
        var y = Matrix(rows: 4, cols: 6), dx = Matrix(rows: 4, cols: 6)
        norm.forward(x, parameters: parameters, into: &y, mean: &mean, rstd: &rstd)
        for row in 0..<4 {
            let values = y.row(row).enumerated().map { ($0.element - parameters[6 + $0.offset]) / parameters[$0.offset] }
            #expect(abs(values.reduce(0, +) / 6) < 1e-5)
        }
        var gradients = [Float](repeating: 0, count: layout.count)
        norm.backward(r, input: x, mean: mean, rstd: rstd, parameters: parameters, gradients: &gradients, into: &dx)
        func loss(_ p: [Float], _ input: Matrix) -> Double {
            var out = Matrix(rows: 4, cols: 6), m = [Float](repeating: 0, count: 4), s = m
            norm.forward(input, parameters: p, into: &out, mean: &m, rstd: &s)
            return project(out, r)
        }
        #expect(relativeError(gradients, numericGradient(parameters) { loss($0, x) }) < 1e-3)
        #expect(relativeError(dx.storage, numericGradient(x.storage, step: 3e-3) { loss(parameters, Matrix(rows: 4, cols: 6, elements: $0)) }) < 1e-3)
    }

    @Test(arguments: [(Activation.tanh, false), (.gelu, true), (.leakyRelu, false)])
    func mlpBackwardMatchesFiniteDifferences(_ activation: Activation, _ layerNorm: Bool) {
        let config = MLPConfig(inputSize: 3, hiddenSizes: [5, 4], outputSize: 2, activation: activation,
                               outputActivation: .tanh, layerNorm: layerNorm)
        var mlp = MLP(config: config, seed: 11)
        var workspace = MLPWorkspace(for: mlp), gradients = mlp.zeroGradients()
        let x = randomMatrix(4, 3, seed: 12), r = randomMatrix(4, 2, seed: 13)
        mlp.forward(x, workspace: &workspace)
        let dx = mlp.backward(r, workspace: &workspace, gradients: &gradients)
        let parameters = mlp.parameters
        let numericParameters = numericGradient(parameters, step: 3e-3) { p in
            mlp.parameters = p
            return project(mlp.forward(x, workspace: &workspace), r)
        }
        mlp.parameters = parameters
        let numericInput = numericGradient(x.storage, step: 3e-3) {
            project(mlp.forward(Matrix(rows: 4, cols: 3, elements: $0), workspace: &workspace), r)
        }
        #expect(relativeError(gradients, numericParameters) < 1e-3)
        #expect(relativeError(dx.storage, numericInput) < 1e-3)
    }

    @Test func mlpGradientsAccumulateAndBatchSizeCanChange() {
        let mlp = MLP(config: MLPConfig(inputSize: 2, hiddenSizes: [3], outputSize: 1), seed: 1)
        var workspace = MLPWorkspace(for: mlp), gradients = mlp.zeroGradients()
        let x = randomMatrix(5, 2, seed: 2), r = randomMatrix(5, 1, seed: 3)
        mlp.forward(x, workspace: &workspace)
        mlp.accumulateParameterGradients(r, workspace: &workspace, gradients: &gradients)
        let once = gradients
        mlp.forward(x, workspace: &workspace)
        mlp.accumulateParameterGradients(r, workspace: &workspace, gradients: &gradients)
        #expect(relativeError(gradients, once.map { 2 * $0 }) < 1e-6)
        let small = mlp.forward(x.rows(0..<2), workspace: &workspace)
        #expect(small.rows == 2)
        #expect(small.row(1) == mlp.forward(x, workspace: &workspace).row(1))
    }

    @Test func workspacesAreIndependentAndTheWeightsShared() {
        let mlp = MLP(config: MLPConfig(inputSize: 2, hiddenSizes: [4], outputSize: 3, activation: .tanh), seed: 5)
        var first = MLPWorkspace(for: mlp), second = MLPWorkspace(for: mlp)
        let a = randomMatrix(6, 2, seed: 6), b = randomMatrix(2, 2, seed: 7)
        let fromA = mlp.forward(a, workspace: &first)
        _ = mlp.forward(b, workspace: &second)
        #expect(mlp.forward(a, workspace: &first) == fromA)
        #expect(mlp.forward(b, workspace: &first) == mlp.forward(b, workspace: &second))
    }
}

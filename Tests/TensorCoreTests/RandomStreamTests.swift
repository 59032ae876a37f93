import Foundation
import Testing
import TensorCore
import TestSupport

/// Pearson correlation of two equally long samples.
private func correlation(_ x: [Double], _ y: [Double]) -> Double {
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for (a, b) in zip(x, y) {
        sxy += (a - mx) * (b - my)
        sxx += (a - mx) * (a - mx)
        syy += (b - my) * (b - my)
    }
    return sxy / (sxx * syy).squareRoot()
}

/// Sample mean and (population) variance.
private func moments(_ x: [Double]) -> (mean: Double, variance: Double) {
    let mean = x.reduce(0, +) / Double(x.count)
    return (mean, x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count))
}

/// The chi-square statistic of observed counts against equal expected counts.
private func chiSquare(_ counts: [Int]) -> Double {
    let expected = Double(counts.reduce(0, +)) / Double(counts.count)
    return counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
}

private func uniforms(_ rng: inout RandomStream, _ count: Int) -> [Double] {
    (0..<count).map { _ in Double(rng.uniform()) }
}

@Suite("RandomStream: reproducible, splittable, correctly distributed")
struct RandomStreamTests {
    /// Golden outputs: SplitMix64 seeding + xoshiro256**, computed with an independent implementation.
    @Test func firstOutputsMatchGoldenValues() {
        var zero = RandomStream(seed: 0)
        #expect((0..<4).map { _ in zero.next() }
                == [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0, 0x6AA5_94F1_262D_2D2C])
        var answer = RandomStream(seed: 42)
        #expect((0..<4).map { _ in answer.next() }
                == [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1])
        var child = RandomStream(seed: 42).split(3)
        #expect(child.seed == 0x403C_5274_2A54_E823)
        #expect([child.next(), child.next()] == [0x9A3E_B3EF_F4CD_5A32, 0xFE30_3922_F039_E434])
        var floats = RandomStream(seed: 42)
        #expect((0..<3).map { _ in floats.uniform() } == [0.08386296033859253, 0.37898021936416626, 0.6800433993339539])
    }

    @Test func sameSeedGivesSameSequence() {
        var a = RandomStream(seed: 1234), b = RandomStream(seed: 1234), c = RandomStream(seed: 1235)
        let first = (0..<1000).map { _ in a.next() }
        #expect(first == (0..<1000).map { _ in b.next() })
        #expect(first != (0..<1000).map { _ in c.next() })
        #expect(Set(first).count == 1000)
    }

    @Test func splitDoesNotDependOnDrawsFromTheParent() {
        var parent = RandomStream(seed: 99)
        let before = parent.split(5)
        for _ in 0..<137 { _ = parent.next() }
        _ = parent.normal()
        let after = parent.split(5)
        var x = before, y = after
        #expect(before.seed == after.seed)
        #expect((0..<100).map { _ in x.next() } == (0..<100).map { _ in y.next() })
        #expect(parent.split(5).seed != parent.split(6).seed)
        #expect(RandomStream(seed: 98).split(5).seed != before.seed)
    }

    @Test func childrenAndParentAreUncorrelated() {
        let root = RandomStream(seed: 7)
        var streams = (0..<6).map { root.split($0) }
        streams.append(RandomStream(seed: 7))
        streams.append(root.split(0).split(0))
        let samples = streams.indices.map { uniforms(&streams[$0], 10_000) }
        for i in samples.indices {
            for j in samples.indices where j > i {
                let r = correlation(samples[i], samples[j])
                #expect(abs(r) < 0.05, "streams \(i) and \(j): correlation \(r)")
                #expect(samples[i] != samples[j])
            }
            // Lag-1 autocorrelation inside one stream.
            #expect(abs(correlation(Array(samples[i].dropFirst()), Array(samples[i].dropLast()))) < 0.05)
        }
        let seeds = (0..<1000).map { root.split($0).seed }
        #expect(Set(seeds).count == 1000)
    }

    @Test func uniformHasTheRightRangeMeanAndVariance() {
        var rng = RandomStream(seed: 11)
        let floats = uniforms(&rng, 100_000)
        #expect(floats.allSatisfy { $0 >= 0 && $0 < 1 })
        let (mean, variance) = moments(floats)
        #expect(abs(mean - 0.5) < 0.005)
        #expect(abs(variance - 1.0 / 12) < 0.002)
        var buckets = [Int](repeating: 0, count: 10)
        for value in floats { buckets[Int(value * 10)] += 1 }
        #expect(chiSquare(buckets) < 27.9)  // 9 degrees of freedom, p = 0.001

        let doubles = (0..<100_000).map { _ in rng.uniformDouble() }
        #expect(doubles.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(moments(doubles).mean - 0.5) < 0.005)

        let ranged = (0..<10_000).map { _ in rng.uniform(in: -3...5) }
        #expect(ranged.allSatisfy { (-3...5).contains($0) })
        #expect(abs(moments(ranged).mean - 1) < 0.1)
    }

    @Test func normalHasTheRightMomentsAndTails() {
        var rng = RandomStream(seed: 12)
        for draw in [{ Double(rng.normal()) }, { rng.normalDouble() }] {
            let x = (0..<100_000).map { _ in draw() }
            #expect(x.allSatisfy { $0.isFinite })
            let (mean, variance) = moments(x)
            #expect(abs(mean) < 0.02)
            #expect(abs(variance - 1) < 0.03)
            let kurtosis = x.reduce(0) { $0 + pow($1 - mean, 4) } / Double(x.count) / (variance * variance)
            #expect(abs(kurtosis - 3) < 0.1)
            let tail = Double(x.filter { abs($0) > 1.959964 }.count) / Double(x.count)
            #expect(abs(tail - 0.05) < 0.004)
        }
        var values = [Float](repeating: 0, count: 50_000)
        rng.fillNormal(&values, mean: 3, std: 0.5)
        let (mean, variance) = moments(values.map(Double.init))
        #expect(abs(mean - 3) < 0.01 && abs(variance - 0.25) < 0.01)
    }

    @Test func intBelowIsInRangeAndUnbiased() {
        var rng = RandomStream(seed: 13)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[rng.int(below: 7)] += 1 }
        #expect(chiSquare(counts) < 22.5)  // 6 degrees of freedom, p = 0.001
        #expect((0..<100).allSatisfy { _ in rng.int(below: 1) == 0 })
        // A bound of 3 * 2^61: `next() % bound` would put 56% of draws in the lower half.
        let bound = 3 << 61
        let draws = (0..<20_000).map { _ in rng.int(below: bound) }
        #expect(draws.allSatisfy { $0 >= 0 && $0 < bound })
        let lowerHalf = Double(draws.filter { $0 < bound / 2 }.count) / 20_000
        #expect(abs(lowerHalf - 0.5) < 0.02)
        let huge = (0..<1000).map { _ in rng.int(below: .max) }
        #expect(huge.allSatisfy { $0 >= 0 && $0 < .max })
    }

    @Test func shuffleIsAReproducibleUniformPermutation() {
        var a = RandomStream(seed: 14), b = RandomStream(seed: 14)
        var x = Array(0..<100), y = Array(0..<100)
        a.shuffle(&x)
        b.shuffle(&y)
        #expect(x == y)
        #expect(x.sorted() == Array(0..<100))
        #expect(x != Array(0..<100))

        var permutationCounts: [[Int]: Int] = [:]
        for _ in 0..<60_000 {
            var small = [0, 1, 2]
            a.shuffle(&small)
            permutationCounts[small, default: 0] += 1
        }
        #expect(permutationCounts.count == 6)
        #expect(chiSquare(Array(permutationCounts.values)) < 20.5)  // 5 degrees of freedom, p = 0.001

        var empty: [Int] = [], single = [5]
        a.shuffle(&empty)
        a.shuffle(&single)
        #expect(empty.isEmpty && single == [5])
    }

    @Test func randomMatricesHaveTheRequestedShapeAndRange() {
        var rng = RandomStream(seed: 15)
        let u = Matrix.uniform(rows: 50, cols: 40, low: -2, high: 3, rng: &rng)
        #expect(u.shape == [50, 40])
        #expect(u.storage.allSatisfy { $0 >= -2 && $0 < 3 })
        let n = Matrix.normal(rows: 100, cols: 100, mean: -1, std: 2, rng: &rng)
        let (mean, variance) = moments(n.storage.map(Double.init))
        #expect(abs(mean + 1) < 0.08 && abs(variance - 4) < 0.2)
    }
}

import TensorCore

/// Reads body positions `[N, 2 * bodies]` from latents: one linear probe on the whole latent, or for an
/// object-slot encoder one probe per body on the latent of the slot assigned to it.
///
/// The slot assignment: a probe from every slot's latent to every body's position is fitted on the training
/// latents, and bodies take slots greedily by the lowest fitting error (each slot serves one body). A body is
/// read by the whole-latent probe when every free slot fits it worse, by more than `tolerance` (or no slot is free).
public struct PositionProbe: Sendable {
    /// The probe on the whole latent.
    public let whole: LinearProbe
    /// For each body, its slot and that slot's probe (nil: the body is read by `whole`); empty without slots.
    public let slotProbes: [(slot: Int, probe: LinearProbe)?]
    /// Latent size of one slot (0 without slots).
    public let slotSize: Int

    /// How much worse (metres of mean fitting error) a slot may fit a body than the whole latent and still be read.
    public static let tolerance = 1e-4

    /// Fits the probes on `latents` `[N, L]` and `positions` `[N, 2 * bodies]`; `slots` slots of `L / slots` each, or none.
    public init(latents: Matrix, positions: Matrix, slots: Int?) throws {
        whole = try LinearProbe(features: latents, targets: positions, ridge: 1e-6)
        guard let slots, slots > 0 else {
            slotProbes = []
            slotSize = 0
            return
        }
        let size = latents.cols / slots, bodies = positions.cols / 2
        slotSize = size
        let wholeFit = whole.predict(latents)
        let wholeError = (0..<bodies).map {
            PositionProbe.meanDistance(wholeFit.columns((2 * $0)..<(2 * $0 + 2)), positions.columns((2 * $0)..<(2 * $0 + 2)))
        }
        var candidates: [(error: Double, slot: Int, body: Int, probe: LinearProbe)] = []
        for slot in 0..<slots {
            let features = latents.columns((slot * size)..<((slot + 1) * size))
            for body in 0..<bodies {
                let target = positions.columns((2 * body)..<(2 * body + 2))
                let probe = try LinearProbe(features: features, targets: target, ridge: 1e-6)
                candidates.append((PositionProbe.meanDistance(probe.predict(features), target), slot, body, probe))
            }
        }
        var assigned = [(slot: Int, probe: LinearProbe)?](repeating: nil, count: bodies)
        var usedSlots = Set<Int>()
        for candidate in candidates.sorted(by: { ($0.error, $0.slot, $0.body) < ($1.error, $1.slot, $1.body) })
        where assigned[candidate.body] == nil && !usedSlots.contains(candidate.slot) && candidate.error <= wholeError[candidate.body] + PositionProbe.tolerance {
            assigned[candidate.body] = (candidate.slot, candidate.probe)
            usedSlots.insert(candidate.slot)
        }
        slotProbes = assigned
    }

    /// The slot read for each body (nil: the whole latent), empty without slots.
    public var bodySlots: [Int?] { slotProbes.map { $0?.slot } }

    /// Body positions `[N, 2 * bodies]` of `latents` `[N, L]`.
    public func predict(_ latents: Matrix) -> Matrix {
        var positions = whole.predict(latents)
        for (body, entry) in slotProbes.enumerated() {
            guard let (slot, probe) = entry else { continue }
            positions.setColumns((2 * body)..<(2 * body + 2), from: probe.predict(latents.columns((slot * slotSize)..<((slot + 1) * slotSize))))
        }
        return positions
    }

    /// The mean Euclidean distance between the rows of two `[N, 2]` matrices.
    static func meanDistance(_ a: Matrix, _ b: Matrix) -> Double {
        var total = 0.0
        for r in 0..<a.rows {
            let dx = Double(a[r, 0] - b[r, 0]), dy = Double(a[r, 1] - b[r, 1])
            total += (dx * dx + dy * dy).squareRoot()
        }
        return total / Double(max(a.rows, 1))
    }
}

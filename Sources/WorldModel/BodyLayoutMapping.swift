/// How the columns of one body layout's rows stand for another's: what `train --init-map-bodies` carries over
/// between state models of worlds with other bodies.
///
/// Bodies are matched by name first, then the rest by kind (robot parts to robot parts, objects to objects) in
/// order. A target input column takes the source column that means the same thing (`BodyLayout.InputColumn`,
/// bodies translated by the matching) in the row of every matched body; a column about a body without
/// counterpart, or whose source column differs from row to row (the body frame's "every other body" block when
/// the bodies sit in another order), has none and starts fresh: zero weights, statistics fitted on the new data. A target-statistics column (body × target entry)
/// takes its body's counterpart's. Source columns left over are taken at their mean (they add nothing to the
/// first layer), except the indicators of source bodies without counterpart: those are 0 in every target row,
/// which the first layer's bias takes in. A state column (for encoders that read the state vector) takes its body's
/// counterpart's field of the same name.
public struct BodyLayoutMapping: Sendable, Equatable {
    /// The source run's layout and action width.
    public let source: BodyLayout, sourceActionSize: Int
    /// The new run's layout and action width.
    public let target: BodyLayout, actionSize: Int
    /// For each target body, its source counterpart.
    public let bodies: [Int?]
    /// For each target input column, the source input column carried over (nil: it starts fresh).
    public let inputs: [Int?]
    /// For each target-statistics column (body-major), the source column carried over (nil: fitted on the new data).
    public let targets: [Int?]
    /// Source indicator columns of bodies without counterpart (0 in every target row; their weights go into the bias).
    public let foldedIndicators: [Int]
    /// For each target state column, the source state column of the same field of its body's counterpart.
    public let states: [Int?]
    /// Whether both runs' encoders read the state vector alone, so that their first layers and state statistics map
    /// through `states` too.
    public let mapsStateEncoder: Bool

    /// Matches the columns of `target`'s rows (actions of `actionSize` entries) to those of `source`'s.
    public init(from source: BodyLayout, sourceActionSize: Int, to target: BodyLayout, actionSize: Int, mapsStateEncoder: Bool = false) {
        self.source = source
        self.sourceActionSize = sourceActionSize
        self.target = target
        self.actionSize = actionSize
        self.mapsStateEncoder = mapsStateEncoder
        let bodies = BodyLayoutMapping.matchBodies(source: source, target: target)
        self.bodies = bodies
        let counterpartRows = bodies.map { counterpart in
            counterpart.map { s in
                Dictionary(source.inputColumns(row: s, actionSize: sourceActionSize).enumerated().map { ($1, $0) }) { first, _ in first }
            }
        }
        let targetRows = (0..<target.bodyCount).map { target.inputColumns(row: $0, actionSize: actionSize) }
        inputs = (0..<target.inputSize(actionSize: actionSize)).map { column in
            var found: Int?
            for (body, row) in counterpartRows.enumerated() {
                guard let row else { continue }
                guard let meaning = BodyLayoutMapping.translate(targetRows[body][column], bodies: bodies),
                      let sourceColumn = row[meaning], found == nil || found == sourceColumn else { return nil }
                found = sourceColumn
            }
            return found
        }
        let matched = Set(bodies.compactMap { $0 })
        foldedIndicators = (0..<source.bodyCount).filter { !matched.contains($0) }
        states = BodyLayoutMapping.matchStates(source: source, target: target, bodies: bodies)
        let entries = target.targetColumns, sourceEntries = source.targetColumns
        targets = bodies.flatMap { counterpart in
            entries.map { entry in
                guard let counterpart, let k = sourceEntries.firstIndex(of: entry) else { return nil }
                return counterpart * sourceEntries.count + k
            }
        }
    }

    /// For each body of `target`, the body of `source` of the same name, else the next unmatched one of its kind.
    static func matchBodies(source: BodyLayout, target: BodyLayout) -> [Int?] {
        var match = target.bodyNames.map { source.bodyNames.firstIndex(of: $0) }
        var taken = Set(match.compactMap { $0 })
        for body in match.indices where match[body] == nil {
            match[body] = source.bodyNames.indices.first { !taken.contains($0) && source.isObject[$0] == target.isObject[body] }
            if let counterpart = match[body] { taken.insert(counterpart) }
        }
        return match
    }

    /// For each state column of `target`, the column of the same field (or joint entry) of its body's counterpart in `source`.
    static func matchStates(source: BodyLayout, target: BodyLayout, bodies: [Int?]) -> [Int?] {
        var states = [Int?](repeating: nil, count: target.stateSize)
        for (body, counterpart) in bodies.enumerated() {
            guard let counterpart else { continue }
            for (k, field) in target.fields.enumerated() {
                states[target.columns[body][k]] = source.fields.firstIndex(of: field).map { source.columns[counterpart][$0] }
            }
            if let joint = target.joints[body], let sourceJoint = source.joints[counterpart] {
                states[joint.angle] = sourceJoint.angle
                states[joint.velocity] = sourceJoint.velocity
            }
        }
        return states
    }

    /// A target column's meaning in the source's terms (bodies by their counterparts); nil when it names a body without one.
    static func translate(_ column: BodyLayout.InputColumn, bodies: [Int?]) -> BodyLayout.InputColumn? {
        switch column {
        case let .indicator(body): bodies[body].map { .indicator(body: $0) }
        case let .local(.linkHeading(body), axis): bodies[body].map { .local(.linkHeading(body: $0), axis: axis) }
        case let .local(.offset(body), axis): bodies[body].map { .local(.offset(body: $0), axis: axis) }
        default: column
        }
    }
}

extension BodyLayoutMapping {
    /// The new run's first layer from the source's `weight` `[H, source inputs]` and `bias` `[H]` read through `sourceInputs`.
    ///
    /// Carried-over columns are copied bit for bit; the others start at zero, so the new model starts as the source's
    /// function of the columns both have (measured on push → push-tee against the new run's random draw: lower k = 10
    /// error on three seeds out of three). The bias is the source's plus, for each folded indicator `j`,
    /// `weight[h, j] · (0 − mean_j) / std_j`: what that column gave the source's first layer in the rows of every other body.
    func firstLayer(weight: [Float], bias: [Float], sourceInputs: Normalizer) -> (weight: [Float], bias: [Float]) {
        let sourceWidth = sourceInputs.count
        var shifted = bias
        for h in bias.indices {
            for j in foldedIndicators { shifted[h] += weight[h * sourceWidth + j] * ((0 - sourceInputs.mean[j]) / sourceInputs.std[j]) }
        }
        return (BodyLayoutMapping.pickColumns(weight, rows: bias.count, sourceWidth: sourceWidth, columns: inputs), shifted)
    }

    /// The new run's state-encoder first-layer weight from the source's `[H, source state width]` one: state columns with a
    /// counterpart copied bit for bit, the others zero (the bias has no body-dependent part: it is taken over as it is).
    func encoderFirstLayer(weight: [Float], rows: Int) -> [Float] {
        BodyLayoutMapping.pickColumns(weight, rows: rows, sourceWidth: source.stateSize, columns: states)
    }

    /// The new run's state statistics: the source's for state columns with a counterpart, `fresh` for the others.
    func stateNormalizer(source: Normalizer, fresh: Normalizer) -> Normalizer {
        BodyLayoutMapping.pick(states, source: source, fresh: fresh)
    }

    /// `[rows, columns.count]` weights whose column `c` is column `columns[c]` of `weight` `[rows, sourceWidth]`, or zero.
    private static func pickColumns(_ weight: [Float], rows: Int, sourceWidth: Int, columns: [Int?]) -> [Float] {
        var picked = [Float](repeating: 0, count: rows * columns.count)
        for h in 0..<rows {
            for (column, counterpart) in columns.enumerated() {
                if let counterpart { picked[h * columns.count + column] = weight[h * sourceWidth + counterpart] }
            }
        }
        return picked
    }

    /// The new run's input statistics: the source's for carried-over columns, `fresh` (fitted on the new data) for the others.
    func inputNormalizer(source: Normalizer, fresh: Normalizer) -> Normalizer {
        BodyLayoutMapping.pick(inputs, source: source, fresh: fresh)
    }

    /// The new run's target statistics: each matched body's from its counterpart, `fresh` for the others.
    func targetNormalizer(source: Normalizer, fresh: Normalizer) -> Normalizer {
        BodyLayoutMapping.pick(targets, source: source, fresh: fresh)
    }

    private static func pick(_ columns: [Int?], source: Normalizer, fresh: Normalizer) -> Normalizer {
        Normalizer(mean: columns.enumerated().map { column, counterpart in counterpart.map { source.mean[$0] } ?? fresh.mean[column] },
                   std: columns.enumerated().map { column, counterpart in counterpart.map { source.std[$0] } ?? fresh.std[column] })
    }

    /// What is carried over and what starts fresh, in words (for a log).
    public var summary: [String] {
        let pairs = bodies.enumerated().map { body, counterpart in
            "\(target.bodyNames[body]) ← \(counterpart.map { source.bodyNames[$0] } ?? "nothing (fresh)")"
        }
        var lines = ["bodies: " + pairs.joined(separator: ", ")]
        let carried = inputs.compactMap { $0 }.count
        lines.append("input columns: \(carried) of \(inputs.count) carried over, \(inputs.count - carried) fresh; "
            + "target statistics: \(targets.compactMap { $0 }.count) of \(targets.count) carried over"
            + (mapsStateEncoder ? "; state columns (encoder): \(states.compactMap { $0 }.count) of \(states.count)" : ""))
        let rows = (0..<target.bodyCount).map { target.inputColumns(row: $0, actionSize: actionSize) }
        for (column, counterpart) in inputs.enumerated() where counterpart == nil {
            let meanings = Set(rows.map { target.describe($0[column]) }).sorted()
            lines.append("  fresh column \(column): " + meanings.joined(separator: " / "))
        }
        let used = Set(inputs.compactMap { $0 }), folded = Set(foldedIndicators)
        let sourceRows = bodies.compactMap { $0 }.map { source.inputColumns(row: $0, actionSize: sourceActionSize) }
        let dropped = (0..<source.inputSize(actionSize: sourceActionSize)).filter { !used.contains($0) }
        if !folded.isEmpty {
            lines.append("  into the bias (0 in every row here): " + foldedIndicators.map { "is \(source.bodyNames[$0])" }.joined(separator: ", "))
        }
        let atMean = dropped.filter { !folded.contains($0) }.map { column in
            "\(column) (" + Set(sourceRows.map { source.describe($0[column]) }).sorted().joined(separator: " / ") + ")"
        }
        if !atMean.isEmpty { lines.append("  source columns taken at their mean: " + atMean.joined(separator: ", ")) }
        return lines
    }
}

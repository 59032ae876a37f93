import Simulation

extension DatasetManifest {
    /// Checks that the manifest is self-consistent; errors name `path` and the field.
    ///
    /// Checked: the format version, positive counts and time step, a `state` observation,
    /// observation and action shapes (labels and bounds of the right length), bodies with printable
    /// names that are exactly the bodies the state labels hold (`<name>.x`), in order, shards that
    /// tile `0..<episodes` in order with plain, distinct file names, and a contact fraction in `[0, 1]`.
    public func validate(path: String) throws {
        func fail(_ field: String, _ reason: String) -> DatasetError {
            DatasetError(path: path, field: field, reason: reason)
        }
        guard formatVersion == Self.currentFormatVersion else {
            throw fail("format_version", "unsupported version \(formatVersion); this build reads version \(Self.currentFormatVersion)")
        }
        guard episodes > 0 else { throw fail("episodes", "expected a positive count, found \(episodes)") }
        guard stepsPerEpisode > 0 else {
            throw fail("steps_per_episode", "expected a positive count, found \(stepsPerEpisode)")
        }
        guard controlTimeStep.isFinite, controlTimeStep > 0 else {
            throw fail("control_dt", "expected a positive number of seconds, found \(controlTimeStep)")
        }
        try validateObservations(fail)
        guard !action.shape.isEmpty, action.shape.allSatisfy({ $0 > 0 }) else {
            throw fail("action.shape", "expected positive dimensions, found \(action.shape)")
        }
        guard action.low.count == action.width else {
            throw fail("action.low", "expected \(action.width) bounds, found \(action.low.count)")
        }
        guard action.high.count == action.width else {
            throw fail("action.high", "expected \(action.width) bounds, found \(action.high.count)")
        }
        if let i = action.low.indices.first(where: { !(action.low[$0] <= action.high[$0]) }) {
            throw fail("action.low[\(i)]", "\(action.low[i]) is not <= action.high[\(i)] = \(action.high[i])")
        }
        try validateBodies(fail)
        try validateShards(fail)
        guard contactFraction >= 0, contactFraction <= 1 else {
            throw fail("contact_fraction", "expected a fraction in [0, 1], found \(contactFraction)")
        }
    }

    private func validateObservations(_ fail: (String, String) -> DatasetError) throws {
        guard observations[ObservationKind.state.rawValue] != nil else {
            throw fail("observations.state", "missing (every dataset records the state)")
        }
        for name in observations.keys.sorted() {
            let entry = observations[name]!
            guard let kind = ObservationKind(rawValue: name) else {
                throw fail("observations.\(name)",
                           "unknown observation kind (expected one of \(ObservationKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let rank = kind == .pixels ? 3 : 1
            guard entry.shape.count == rank, entry.shape.allSatisfy({ $0 > 0 }),
                  kind != .pixels || entry.shape[2] == 3 else {
                let expected = kind == .pixels ? "[height, width, 3]" : "[n] with n > 0"
                throw fail("observations.\(name).shape", "expected \(expected), found \(entry.shape)")
            }
            if let labels = entry.labels, labels.count != entry.width {
                throw fail("observations.\(name).labels", "expected \(entry.width) labels, found \(labels.count)")
            }
        }
    }

    /// Body names are printable, and the state holds positions for exactly the listed bodies, in the same order.
    private func validateBodies(_ fail: (String, String) -> DatasetError) throws {
        for (i, body) in bodies.enumerated() {
            guard BodyName.isValid(body.name) else {
                throw fail("bodies[\(i)].name", "expected a non-empty name without control characters, found \(BodyName.quoted(body.name))")
            }
        }
        guard let labels = observations[ObservationKind.state.rawValue]?.labels else { return }
        let stated = labels.filter { $0.hasSuffix(".x") }.map { String($0.dropLast(2)) }
        let listed = bodies.map(\.name)
        guard stated == listed else {
            throw fail("bodies", "lists \(listed.count) bodies (\(listed.joined(separator: ", "))) but observations.state.labels "
                       + "hold positions of \(stated.count) (\(stated.joined(separator: ", ")))")
        }
    }

    private func validateShards(_ fail: (String, String) -> DatasetError) throws {
        guard !shards.isEmpty else { throw fail("shards", "expected at least one shard") }
        var next = 0
        var files = Set<String>()
        for (i, shard) in shards.enumerated() {
            guard !shard.file.isEmpty, !shard.file.contains("/"), !shard.file.hasPrefix("."),
                  shard.file != DatasetManifest.fileName else {
                throw fail("shards[\(i)].file", "expected a plain file name inside the dataset folder, found '\(shard.file)'")
            }
            guard files.insert(shard.file).inserted else {
                throw fail("shards[\(i)].file", "'\(shard.file)' is listed twice")
            }
            guard shard.firstEpisode == next else {
                throw fail("shards[\(i)].first_episode", "expected \(next) (shards hold consecutive episodes), found \(shard.firstEpisode)")
            }
            guard shard.episodes > 0 else {
                throw fail("shards[\(i)].episodes", "expected a positive count, found \(shard.episodes)")
            }
            next += shard.episodes
        }
        guard next == episodes else {
            throw fail("shards", "the shards hold \(next) episodes but episodes is \(episodes)")
        }
    }
}

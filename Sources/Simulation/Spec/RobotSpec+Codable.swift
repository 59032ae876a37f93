extension RobotSpec {
    private enum CodingKeys: String, CodingKey {
        case pusher, arm, diffDrive
    }

    /// Decodes `{"pusher": {...}}`, `{"arm": {...}}` or `{"diffDrive": {...}}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let pusher = try container.decodeIfPresent(PusherSpec.self, forKey: .pusher) {
            self = .pusher(pusher)
        } else if let arm = try container.decodeIfPresent(ArmSpec.self, forKey: .arm) {
            self = .arm(arm)
        } else if let diffDrive = try container.decodeIfPresent(DiffDriveSpec.self, forKey: .diffDrive) {
            self = .diffDrive(diffDrive)
        } else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "expected one of pusher, arm, diffDrive"))
        }
    }

    /// Encodes the robot as a one-key object named after its kind.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .pusher(p): try container.encode(p, forKey: .pusher)
        case let .arm(a): try container.encode(a, forKey: .arm)
        case let .diffDrive(d): try container.encode(d, forKey: .diffDrive)
        }
    }
}

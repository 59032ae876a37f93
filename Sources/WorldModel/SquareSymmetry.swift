import TensorCore

/// One of the eight symmetries of a square world centred on the origin: an optional mirror
/// `x → −x`, then `quarterTurns` counter-clockwise quarter turns.
///
/// Acts on states whose bodies all have the fields `x, y, cos, sin, vx, vy, omega` (a `BodyLayout`)
/// and on actions that are points on the table (a pusher's target). Positions, velocities and
/// point actions turn as vectors; a mirrored body at angle θ is the same body at −θ (valid when every
/// shape is mirror-symmetric about its local y axis: `WorldSpec.hasSquareSymmetry`), so the mirror
/// maps `(cos, sin, omega)` to `(cos, −sin, −omega)` before the turn.
public struct SquareSymmetry: Sendable, Equatable {
    /// Whether `x → −x` is applied first.
    public let mirrored: Bool
    /// Counter-clockwise quarter turns applied after the mirror (0...3).
    public let quarterTurns: Int

    /// The eight symmetries, the identity first.
    public static let all: [SquareSymmetry] = [false, true].flatMap { mirrored in
        (0..<4).map { SquareSymmetry(mirrored: mirrored, quarterTurns: $0) }
    }

    /// The image of the vector `(x, y)`.
    public func vector(_ x: Float, _ y: Float) -> (Float, Float) {
        mirrored ? turned(-x, y) : turned(x, y)
    }

    /// The image of a heading `(cos θ, sin θ)`: the mirror takes θ to −θ.
    public func heading(_ cosine: Float, _ sine: Float) -> (Float, Float) {
        mirrored ? turned(cosine, -sine) : turned(cosine, sine)
    }

    /// `(x, y)` after the quarter turns.
    private func turned(_ x: Float, _ y: Float) -> (Float, Float) {
        var (a, b) = (x, y)
        for _ in 0..<quarterTurns { (a, b) = (-b, a) }
        return (a, b)
    }

    /// Maps every body of `states` `[N, D]` in place; `layout` must have every `PoseFields` field.
    public func apply(toStates states: inout Matrix, layout: BodyLayout) {
        guard let f = layout.poseFields else { preconditionFailure("SquareSymmetry: the layout lacks \(PoseFields.names)") }
        for n in 0..<states.rows {
            for body in layout.columns {
                let (x, y) = vector(states[n, body[f.x]], states[n, body[f.y]])
                let (c, s) = heading(states[n, body[f.cos]], states[n, body[f.sin]])
                let (vx, vy) = vector(states[n, body[f.vx]], states[n, body[f.vy]])
                (states[n, body[f.x]], states[n, body[f.y]]) = (x, y)
                (states[n, body[f.cos]], states[n, body[f.sin]]) = (c, s)
                (states[n, body[f.vx]], states[n, body[f.vy]]) = (vx, vy)
                if mirrored { states[n, body[f.omega]] = -states[n, body[f.omega]] }
            }
        }
    }

    /// Maps point actions `[N, 2]` in place.
    public func apply(toPoints points: inout Matrix) {
        for n in 0..<points.rows { (points[n, 0], points[n, 1]) = vector(points[n, 0], points[n, 1]) }
    }

    /// Whether the symmetries can act on states laid out as `layout` with `actionSize`-entry actions.
    public static func applies(to layout: BodyLayout, actionSize: Int) -> Bool {
        actionSize == 2 && layout.poseFields != nil && layout.stateSize == layout.bodyCount * layout.fieldCount
    }

    /// Transitions `(states, next, actions)` followed by their images under the seven other symmetries (8x the rows).
    public static func augment(states: Matrix, next: Matrix, actions: Matrix, layout: BodyLayout) -> (Matrix, Matrix, Matrix) {
        var outStates: [Matrix] = [], outNext: [Matrix] = [], outActions: [Matrix] = []
        for symmetry in all {
            var (s, n, a) = (states, next, actions)
            symmetry.apply(toStates: &s, layout: layout)
            symmetry.apply(toStates: &n, layout: layout)
            symmetry.apply(toPoints: &a)
            outStates.append(s)
            outNext.append(n)
            outActions.append(a)
        }
        return (Matrix.stacked(outStates), Matrix.stacked(outNext), Matrix.stacked(outActions))
    }
}

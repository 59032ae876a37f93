#if Viewer
import Simulation

/// What the model sees, as the viewer draws it: the camera image the encoder read, its slot masks tinted over it.
public struct ModelSight: Sendable {
    /// `side² * 3` RGB bytes, the top row first.
    public var image: [UInt8]
    /// Side of the square image in pixels.
    public var side: Int

    public init(image: [UInt8], side: Int) {
        precondition(image.count == side * side * 3, "ModelSight: \(image.count) bytes for a \(side)x\(side) image")
        self.image = image
        self.side = side
    }

    /// The colour of a slot no body is read from: hues spread by the golden angle, so neighbouring slots differ.
    public static func unreadSlotColor(_ slot: Int) -> RGB {
        let hue = (Double(slot) * 0.618_033_988_75).truncatingRemainder(dividingBy: 1) * 6
        let x = 1 - abs(hue.truncatingRemainder(dividingBy: 2) - 1)
        let (r, g, b): (Double, Double, Double) = switch Int(hue) {
        case 0: (1, x, 0)
        case 1: (x, 1, 0)
        case 2: (0, 1, x)
        case 3: (0, x, 1)
        case 4: (x, 0, 1)
        default: (1, 0, x)
        }
        return RGB(UInt8(40 + 200 * r), UInt8(40 + 200 * g), UInt8(40 + 200 * b))
    }
}
#endif

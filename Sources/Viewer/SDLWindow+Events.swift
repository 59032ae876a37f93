#if Viewer
import CSDL2

/// What the user did, translated from SDL events.
enum InputEvent: Equatable {
    case quit
    case keyDown(Key)
    case keyUp(Key)
    /// The primary mouse button went down at a window-pixel position.
    case pointerDown(SIMD2<Double>)
    case pointerMoved(SIMD2<Double>)
    case pointerUp
    /// The secondary (right) mouse button went down, or up, at a window-pixel position.
    case secondaryDown(SIMD2<Double>)
    case secondaryUp
    /// The mouse wheel turned by this many notches (positive away from the user).
    case wheel(Int)
}

extension SDLWindow {
    /// Drains SDL's event queue.
    func pollEvents() -> [InputEvent] {
        var events = [InputEvent]()
        var event = SDL_Event()
        while SDL_PollEvent(&event) != 0 {
            switch SDL_EventType(event.type) {
            case SDL_QUIT:
                events.append(.quit)
            case SDL_KEYDOWN:
                if event.key.repeat == 0, let key = Self.key(event.key.keysym.sym) { events.append(.keyDown(key)) }
            case SDL_KEYUP:
                if let key = Self.key(event.key.keysym.sym) { events.append(.keyUp(key)) }
            case SDL_MOUSEBUTTONDOWN where event.button.button == UInt8(SDL_BUTTON_LEFT):
                events.append(.pointerDown(SIMD2(Double(event.button.x), Double(event.button.y))))
            case SDL_MOUSEBUTTONUP where event.button.button == UInt8(SDL_BUTTON_LEFT):
                events.append(.pointerUp)
            case SDL_MOUSEBUTTONDOWN where event.button.button == UInt8(SDL_BUTTON_RIGHT):
                events.append(.secondaryDown(SIMD2(Double(event.button.x), Double(event.button.y))))
            case SDL_MOUSEBUTTONUP where event.button.button == UInt8(SDL_BUTTON_RIGHT):
                events.append(.secondaryUp)
            case SDL_MOUSEWHEEL:
                events.append(.wheel(Int(event.wheel.y)))
            case SDL_MOUSEMOTION:
                events.append(.pointerMoved(SIMD2(Double(event.motion.x), Double(event.motion.y))))
            default:
                break
            }
        }
        return events
    }

    /// The viewer's name for an SDL key code, or nil for keys it ignores.
    static func key(_ code: SDL_Keycode) -> Key? {
        switch UInt32(bitPattern: code) {
        case SDLK_SPACE.rawValue: return .space
        case SDLK_ESCAPE.rawValue: return .escape
        case SDLK_LEFT.rawValue: return .left
        case SDLK_RIGHT.rawValue: return .right
        case SDLK_UP.rawValue: return .up
        case SDLK_DOWN.rawValue: return .down
        case SDLK_KP_PLUS.rawValue: return .character("+")
        case SDLK_KP_MINUS.rawValue: return .character("-")
        case SDLK_F1.rawValue...SDLK_F12.rawValue: return .function(Int(UInt32(bitPattern: code) - SDLK_F1.rawValue) + 1)
        case 33...126: return .character(Character(Unicode.Scalar(UInt8(code))))
        default: return nil
        }
    }
}
#endif

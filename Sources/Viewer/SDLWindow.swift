#if Viewer
import CSDL2
import Foundation

/// One resizable SDL window that shows a `Canvas` through a streaming texture.
///
/// Owns SDL's video subsystem for its lifetime: create one at a time.
final class SDLWindow {
    private let window: OpaquePointer
    private let renderer: OpaquePointer
    private var texture: OpaquePointer?
    private var textureSize = (width: 0, height: 0)

    /// Opens a window of `width`×`height` pixels; `visible: false` keeps it hidden (captures only).
    init(title: String, width: Int, height: Int, visible: Bool) throws {
        guard SDL_InitSubSystem(SDL_INIT_VIDEO) == 0 else {
            let message = Self.lastError
            // Without DISPLAY (and without the offscreen driver) SDL has no video device to offer.
            if SDL_GetNumVideoDrivers() == 0 || message.localizedCaseInsensitiveContains("video") {
                throw ViewerError.noDisplay(message)
            }
            throw ViewerError.sdl("SDL_Init(video)", message)
        }
        // Without a display SDL quietly falls back to a driver that draws nowhere; only accept that when asked for.
        let driver = String(cString: SDL_GetCurrentVideoDriver())
        let requested = ProcessInfo.processInfo.environment["SDL_VIDEODRIVER"] ?? ""
        if ["offscreen", "dummy"].contains(driver) && !requested.contains(driver) {
            SDL_QuitSubSystem(SDL_INIT_VIDEO)
            throw ViewerError.noDisplay("DISPLAY and WAYLAND_DISPLAY are unset; SDL would fall back to its \(driver) driver")
        }
        var flags = SDL_WINDOW_RESIZABLE.rawValue | SDL_WINDOW_ALLOW_HIGHDPI.rawValue
        flags |= visible ? SDL_WINDOW_SHOWN.rawValue : SDL_WINDOW_HIDDEN.rawValue
        let centred = Int32(bitPattern: SDL_WINDOWPOS_CENTERED_MASK)
        guard let window = SDL_CreateWindow(title, centred, centred, Int32(width), Int32(height), flags) else {
            let message = Self.lastError
            SDL_QuitSubSystem(SDL_INIT_VIDEO)
            throw ViewerError.sdl("SDL_CreateWindow", message)
        }
        // The canvas is drawn on the CPU, so the software renderer costs nothing extra and reads back reliably.
        guard let renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE.rawValue) else {
            let message = Self.lastError
            SDL_DestroyWindow(window)
            SDL_QuitSubSystem(SDL_INIT_VIDEO)
            throw ViewerError.sdl("SDL_CreateRenderer", message)
        }
        self.window = window
        self.renderer = renderer
    }

    deinit {
        if let texture { SDL_DestroyTexture(texture) }
        SDL_DestroyRenderer(renderer)
        SDL_DestroyWindow(window)
        SDL_QuitSubSystem(SDL_INIT_VIDEO)
    }

    /// The drawable size in pixels (follows the user's resizing).
    var drawableSize: (width: Int, height: Int) {
        var w: Int32 = 0, h: Int32 = 0
        SDL_GetRendererOutputSize(renderer, &w, &h)
        return (max(1, Int(w)), max(1, Int(h)))
    }

    /// Scales window coordinates (events) to drawable pixels.
    func toDrawable(x: Int32, y: Int32) -> SIMD2<Double> {
        var w: Int32 = 0, h: Int32 = 0
        SDL_GetWindowSize(window, &w, &h)
        let drawable = drawableSize
        return SIMD2(Double(x) * Double(drawable.width) / Double(max(1, w)), Double(y) * Double(drawable.height) / Double(max(1, h)))
    }

    /// Copies the canvas to the window's back buffer (not yet shown).
    func upload(_ canvas: Canvas) throws {
        if texture == nil || textureSize != (canvas.width, canvas.height) {
            if let texture { SDL_DestroyTexture(texture) }
            texture = SDL_CreateTexture(
                renderer, SDL_PIXELFORMAT_ARGB8888.rawValue, Int32(SDL_TEXTUREACCESS_STREAMING.rawValue),
                Int32(canvas.width), Int32(canvas.height))
            guard texture != nil else { throw ViewerError.sdl("SDL_CreateTexture", Self.lastError) }
            textureSize = (canvas.width, canvas.height)
        }
        let status = canvas.pixels.withUnsafeBytes { bytes in
            SDL_UpdateTexture(texture, nil, bytes.baseAddress, Int32(canvas.width * 4))
        }
        guard status == 0 else { throw ViewerError.sdl("SDL_UpdateTexture", Self.lastError) }
        guard SDL_RenderCopy(renderer, texture, nil, nil) == 0 else { throw ViewerError.sdl("SDL_RenderCopy", Self.lastError) }
    }

    /// The back buffer's pixels as ARGB8888 (what `present` is about to show), row-major.
    func readBackBuffer() throws -> (pixels: [UInt32], width: Int, height: Int) {
        let (width, height) = drawableSize
        var pixels = [UInt32](repeating: 0, count: width * height)
        let status = pixels.withUnsafeMutableBytes { bytes in
            SDL_RenderReadPixels(renderer, nil, SDL_PIXELFORMAT_ARGB8888.rawValue, bytes.baseAddress, Int32(width * 4))
        }
        guard status == 0 else { throw ViewerError.sdl("SDL_RenderReadPixels", Self.lastError) }
        return (pixels, width, height)
    }

    /// Shows the back buffer.
    func present() { SDL_RenderPresent(renderer) }

    private static var lastError: String { String(cString: SDL_GetError()) }
}
#endif

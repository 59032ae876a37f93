#if Viewer
import CSDL2
import Foundation

/// One resizable SDL window that shows a `Canvas` by copying it into the window's surface.
///
/// The canvas is drawn on the CPU, so the window surface (shared memory on X11) is the shortest way
/// to the screen, and reading it back gives exactly the window's pixels. Owns SDL's video subsystem
/// for its lifetime: create one at a time.
final class SDLWindow {
    private let window: OpaquePointer

    /// Opens a window of `width`×`height` pixels.
    init(title: String, width: Int, height: Int) throws {
        // The window surface stays in plain memory instead of going through an OpenGL texture.
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0")
        guard SDL_InitSubSystem(SDL_INIT_VIDEO) == 0 else {
            let message = Self.lastError
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
        let centred = Int32(bitPattern: SDL_WINDOWPOS_CENTERED_MASK)
        let flags = SDL_WINDOW_RESIZABLE.rawValue | SDL_WINDOW_SHOWN.rawValue
        guard let window = SDL_CreateWindow(title, centred, centred, Int32(width), Int32(height), flags) else {
            let message = Self.lastError
            SDL_QuitSubSystem(SDL_INIT_VIDEO)
            throw ViewerError.sdl("SDL_CreateWindow", message)
        }
        self.window = window
    }

    deinit {
        SDL_DestroyWindow(window)
        SDL_QuitSubSystem(SDL_INIT_VIDEO)
    }

    /// The window's size in pixels (follows the user's resizing).
    var size: (width: Int, height: Int) {
        var w: Int32 = 0, h: Int32 = 0
        SDL_GetWindowSize(window, &w, &h)
        return (max(1, Int(w)), max(1, Int(h)))
    }

    /// Copies the canvas into the window surface (shown by `present`); the canvas must have the window's size.
    func upload(_ canvas: Canvas) throws {
        let surface = try windowSurface(matching: canvas.width, canvas.height)
        let status = canvas.pixels.withUnsafeBytes { bytes in
            SDL_ConvertPixels(Int32(canvas.width), Int32(canvas.height), SDL_PIXELFORMAT_ARGB8888.rawValue, bytes.baseAddress,
                              Int32(canvas.width * 4), surface.pointee.format.pointee.format, surface.pointee.pixels, surface.pointee.pitch)
        }
        guard status == 0 else { throw ViewerError.sdl("SDL_ConvertPixels", Self.lastError) }
    }

    /// The window surface's pixels as ARGB8888, row-major: what the window shows after `present`.
    func readPixels() throws -> (pixels: [UInt32], width: Int, height: Int) {
        guard let surface = SDL_GetWindowSurface(window) else { throw ViewerError.sdl("SDL_GetWindowSurface", Self.lastError) }
        let width = Int(surface.pointee.w), height = Int(surface.pointee.h)
        var pixels = [UInt32](repeating: 0, count: width * height)
        let status = pixels.withUnsafeMutableBytes { bytes in
            SDL_ConvertPixels(Int32(width), Int32(height), surface.pointee.format.pointee.format, surface.pointee.pixels,
                              surface.pointee.pitch, SDL_PIXELFORMAT_ARGB8888.rawValue, bytes.baseAddress, Int32(width * 4))
        }
        guard status == 0 else { throw ViewerError.sdl("SDL_ConvertPixels", Self.lastError) }
        return (pixels.map { $0 | 0xFF00_0000 }, width, height)
    }

    /// Shows the window surface.
    func present() throws {
        guard SDL_UpdateWindowSurface(window) == 0 else { throw ViewerError.sdl("SDL_UpdateWindowSurface", Self.lastError) }
    }

    /// The window surface, checked to have the given size (it changes when the window is resized).
    private func windowSurface(matching width: Int, _ height: Int) throws -> UnsafeMutablePointer<SDL_Surface> {
        guard let surface = SDL_GetWindowSurface(window) else { throw ViewerError.sdl("SDL_GetWindowSurface", Self.lastError) }
        guard Int(surface.pointee.w) == width, Int(surface.pointee.h) == height else {
            throw ViewerError.sdl("SDL_GetWindowSurface", "surface is \(surface.pointee.w)x\(surface.pointee.h), canvas \(width)x\(height)")
        }
        return surface
    }

    private static var lastError: String { String(cString: SDL_GetError()) }
}
#endif

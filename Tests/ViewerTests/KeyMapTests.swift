#if Viewer
import CSDL2
import Testing
@testable import Viewer

@Suite struct KeyMapTests {
    let keys = KeyMap.standard

    @Test func everyCommandHasAKeyAndAHelpLine() {
        let help = keys.helpLines
        for command in ViewerCommand.allCases {
            let binding = keys.bindings.first { $0.command == command }
            #expect(binding != nil, "\(command) has no key")
            #expect(help.contains { $0.action == command.summary }, "\(command) is missing from the help")
        }
        let allKeys = keys.bindings.flatMap(\.keys)
        #expect(Set(allKeys).count == allKeys.count, "a key is bound twice")
    }

    @Test func documentedKeysDoWhatTheIssueSays() {
        #expect(keys.command(for: .space, paused: false) == .togglePause)
        #expect(keys.command(for: .escape, paused: false) == .quit)
        #expect(keys.command(for: .character("q"), paused: true) == .quit)
        #expect(keys.command(for: .character("r"), paused: false) == .reset)
        #expect(keys.command(for: .character("["), paused: false) == .shorterHorizon)
        #expect(keys.command(for: .character("]"), paused: false) == .longerHorizon)
        #expect(keys.command(for: .character("+"), paused: false) == .faster)
        #expect(keys.command(for: .character("-"), paused: false) == .slower)
        #expect(keys.command(for: .character("h"), paused: false) == .toggleHelp)
        #expect(keys.command(for: .function(2), paused: false) == .toggleInfo)
    }

    @Test func sdlKeyCodesBecomeTheViewersKeys() {
        func code(_ key: SDL_KeyCode) -> SDL_Keycode { SDL_Keycode(bitPattern: key.rawValue) }
        #expect(SDLWindow.key(code(SDLK_SPACE)) == .space)
        #expect(SDLWindow.key(code(SDLK_ESCAPE)) == .escape)
        #expect(SDLWindow.key(code(SDLK_RIGHT)) == .right)
        #expect(SDLWindow.key(code(SDLK_r)) == .character("r"))
        #expect(SDLWindow.key(code(SDLK_LEFTBRACKET)) == .character("["))
        #expect(SDLWindow.key(code(SDLK_EQUALS)) == .character("="))
        #expect(SDLWindow.key(code(SDLK_KP_PLUS)) == .character("+"))
        #expect(SDLWindow.key(code(SDLK_F2)) == .function(2))
        #expect(SDLWindow.key(code(SDLK_F4)) == .function(4))
        #expect(SDLWindow.key(code(SDLK_LSHIFT)) == nil)
    }

    @Test func rightArrowStepsWhenPausedAndSteersWhenRunning() {
        #expect(keys.command(for: .right, paused: true) == .stepOnce)
        #expect(keys.steering(for: .right, paused: true) == nil)
        #expect(keys.command(for: .right, paused: false) == nil)
        #expect(keys.steering(for: .right, paused: false) == SIMD2(1, 0))
        #expect(keys.steering(for: .character("w"), paused: true) == SIMD2(0, 1))
        #expect(keys.steering(for: .left, paused: false) == SIMD2(-1, 0))
    }
}
#endif

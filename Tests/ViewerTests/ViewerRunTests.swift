#if Viewer
import Foundation
import Simulation
import Testing
import TestSupport
@testable import Viewer
import WorldModel

/// The tests that open SDL windows: one at a time, since they share SDL and the process environment.
@Suite(.serialized) enum WindowTests {
    /// Selects SDL's offscreen video driver and returns how to put the environment back.
    static func useOffscreenDriver() -> () -> Void {
        let saved = ProcessInfo.processInfo.environment["SDL_VIDEODRIVER"]
        setenv("SDL_VIDEODRIVER", "offscreen", 1)
        return { if let saved { setenv("SDL_VIDEODRIVER", saved, 1) } else { unsetenv("SDL_VIDEODRIVER") } }
    }
}

extension WindowTests {
    /// Runs the real viewer (SDL window, offscreen video driver) in-process and checks its screenshots
    /// against an independent replay of the same simulation.
    @Suite final class ViewerRunTests {
        let folder: URL
        let restoreEnvironment = WindowTests.useOffscreenDriver()

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("viewer-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        deinit {
            try? FileManager.default.removeItem(at: folder)
            restoreEnvironment()
        }

        /// push with seed 0 and the viewer's scripted policy stream, stepped `steps` times; the states of
        /// every step, the reset state first.
        static func replay(steps: Int) throws -> (Environment, states: [[Float]]) {
            let spec = try WorldSpec.builtIn(named: "push")
            let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
            var observation = environment.reset(seed: 0).observation
            var policy = ScriptedPolicy()
            policy.reset(for: environment, rng: ViewerSession.policyStream(seed: 0))
            var states = [observation.state]
            for _ in 0..<steps {
                observation = environment.step(policy.action(for: observation, in: environment)).observation
                states.append(observation.state)
            }
            return (environment, states)
        }

        /// Runs `foresight view worlds/push.yaml --policy scripted --frames N --screenshot` with the offscreen driver.
        func screenshot(_ name: String, frames: Int, model: PredictionSourceFactory? = nil) throws -> (StoredPNG, FrameDescription) {
            var options = ViewerOptions(spec: try WorldSpec.builtIn(named: "push"))
            options.policy = ScriptedPolicy()
            options.frames = frames
            options.model = model
            options.screenshot = folder.appendingPathComponent("\(name).png")
            let stats = try ViewerApp.run(options)
            #expect(stats.frames == frames)
            let png = try StoredPNG(contentsOf: options.screenshot!)
            let sidecar = try JSONDecoder().decode(FrameDescription.self, from: Data(contentsOf: FrameDescription.sidecarURL(for: options.screenshot!)))
            return (png, sidecar)
        }

        @Test func screenshotShowsEveryBodyWhereTheSimulationPutsIt() throws {
            let (png, frame) = try screenshot("plain", frames: 120)
            // The window takes the square world's shape, but stays wide enough for the status text.
            #expect(png.width == 960 && png.height == 800)
            #expect(frame.width == png.width && frame.height == png.height)
            // 120 frames at 60 fps are 2 s of simulated time: 20 control steps of push's 0.1 s.
            #expect(frame.step == 20)

            // The table colour dominates the picture.
            let table = try #require(RGB(hex: frame.table))
            var counts = [RGB: Int]()
            for pixel in png.pixels { counts[pixel, default: 0] += 1 }
            let mode = counts.max { $0.value < $1.value }!
            #expect(mode.key == table)
            #expect(Double(mode.value) > 0.3 * Double(png.pixels.count))

            // An independent replay: same world, seed, policy stream and number of steps.
            let spec = try WorldSpec.builtIn(named: "push")
            let (environment, _) = try Self.replay(steps: frame.step)
            let replay = environment.scene()
            var canvas = Canvas(width: png.width, height: png.height)
            let camera = try FrameRenderer.bundled().camera(for: replay, canvas: canvas)
            canvas.clear(to: table)

            let bodies = replay.bodies.filter { $0.role != .wall }
            #expect(bodies.count == frame.bodies.count && bodies.count == spec.objects.count + 1)
            for (body, drawn) in zip(bodies, frame.bodies) {
                #expect(body.name == drawn.name)
                let pixel = camera.toScreen(body.position)
                #expect(abs(pixel.x - drawn.pixel[0]) < 1e-6 && abs(pixel.y - drawn.pixel[1]) < 1e-6, "\(body.name) drawn elsewhere")
                // The fill colour at the projected centre: the body really is there, and visible.
                let colour = try #require(RGB(hex: drawn.color))
                let seen = png[Int(pixel.x), Int(pixel.y)]
                #expect(seen.distance(to: colour) <= 2, "\(body.name): \(seen) at its centre, expected \(colour)")
                #expect(colour.distance(to: table) > 40)
            }
            #expect(frame.ghosts.isEmpty && frame.predictionError == nil)
        }

        @Test func modelOverlayDrawsGhostsNextToTheBodies() throws {
            let (plain, _) = try screenshot("plain", frames: 120)
            let (overlaid, frame) = try screenshot("model", frames: 120) { environment in
                let layout = try StateReadout(labels: environment.stateLabels, bodyNames: environment.bodies.map(\.name), purpose: "test")
                return ConstantVelocityPredictor(layout: layout, controlTimeStep: environment.controlTimeStep)
            }
            #expect(frame.horizon == 10)
            #expect(frame.ghosts.count == frame.bodies.count)
            // The error shown: constant velocity from the state k steps ago against where the bodies are now,
            // recomputed from an independent replay.
            let error = try #require(frame.predictionError)
            let k = try #require(frame.horizon)
            let (environment, states) = try Self.replay(steps: frame.step)
            let labels = environment.stateLabels, elapsed = Double(k) * environment.controlTimeStep
            let positions = Dictionary(uniqueKeysWithValues: environment.scene().bodies.map { ($0.name, $0.position) })
            var total = 0.0
            for body in frame.bodies {
                func value(_ field: String) throws -> Double {
                    Double(states[frame.step - k][try #require(labels.firstIndex(of: "\(body.name).\(field)"))])
                }
                let (x, y, vx, vy) = (try value("x"), try value("y"), try value("vx"), try value("vy"))
                let predicted = SIMD2(x + vx * elapsed, y + vy * elapsed)
                let actual = try #require(positions[body.name])
                total += ((predicted - actual) * (predicted - actual)).sum().squareRoot()
            }
            let expected = total / Double(frame.bodies.count)
            #expect(expected > 1e-3, "the bodies moved unlike constant velocity")
            #expect(abs(error - expected) < 1e-5, "shown error \(error), recomputed \(expected)")
            // Same seed, same frames: the simulation is identical, so every difference on the table is the overlay.
            let left = Int(frame.tableRect[0]) + 2, top = Int(frame.tableRect[1]) + 2
            let right = Int(frame.tableRect[2]) - 2, bottom = Int(frame.tableRect[3]) - 2
            var changed = 0
            for y in top..<bottom {
                for x in left..<right where plain[x, y].distance(to: overlaid[x, y]) > 8 { changed += 1 }
            }
            #expect(changed > 150, "only \(changed) pixels of overlay on the table")
            // The real bodies stay on top of their ghosts.
            for body in frame.bodies {
                let colour = try #require(RGB(hex: body.color))
                #expect(overlaid[Int(body.pixel[0]), Int(body.pixel[1])].distance(to: colour) <= 2, "\(body.name) hidden by the overlay")
            }
            // The status bar differs too: the error plot and the model line.
            let barDifferences = (0..<(plain.width * 40)).filter { plain.pixels[$0] != overlaid.pixels[$0] }.count
            #expect(barDifferences > 100)
        }

        @Test func recordWritesEveryFrame() throws {
            var options = ViewerOptions(spec: try WorldSpec.builtIn(named: "diffdrive"))
            options.policy = RandomPolicy()
            options.frames = 3
            options.width = 320
            options.height = 240
            options.record = folder.appendingPathComponent("frames")
            _ = try ViewerApp.run(options)
            let names = try FileManager.default.contentsOfDirectory(atPath: options.record!.path).sorted()
            #expect(names == ["frame-00000.png", "frame-00001.png", "frame-00002.png"])
            let last = try StoredPNG(contentsOf: options.record!.appendingPathComponent(names[2]))
            #expect(last.width == 320 && last.height == 240)
        }

        @Test func withoutDisplayOrOffscreenDriverTheViewerSaysSo() throws {
            let saved = ["DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"].map { ($0, ProcessInfo.processInfo.environment[$0]) }
            defer { for (name, value) in saved { if let value { setenv(name, value, 1) } else { unsetenv(name) } } }
            for (name, _) in saved { unsetenv(name) }
            var options = ViewerOptions(spec: try WorldSpec.builtIn(named: "push"))
            options.frames = 1
            do {
                _ = try ViewerApp.run(options)
                Issue.record("the viewer ran without a display")
            } catch let error as ViewerError {
                guard case .noDisplay = error else { throw error }
                #expect(error.description.contains("SDL_VIDEODRIVER=offscreen"))
                #expect(error.description.contains("DISPLAY"))
            }
        }
    }
}
#endif

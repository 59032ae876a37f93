import ArgumentParser
import Control
import Foundation
import Simulation
import WorldModel

#if Viewer
import Viewer
#endif

/// `foresight view`: the SDL window on a world, with teleoperation and the prediction overlay.
struct View: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watch a world in a window: drive it, and see a model's predictions next to reality.",
        discussion: """
            Keys: Space pause/play, Right one step (paused), R reset (new seed), [ ] prediction horizon, + - speed,
            F1 lidar, F2 info (frame time), F3 contacts, F4 prediction overlay, F5 dream pane, F6 re-sync the dream,
            F7 what the model sees (--ghosts latent on a slot run), M save the model learned (--learn), H help, Esc/Q quit.
            A pixel run draws (and dreams) its own latent model's predictions by default: the camera image encoded, rolled forward,
            read through a position probe fitted at start on the run's training data (as `eval` fits it).
            Teleop: WASD or the arrows move the target; drag with the mouse to pull the robot's tool.
            --policy plan: the planner runs beside the frame loop (on it with --frames or --record, for reproducible captures)
            and its plan is drawn as ghosts; drag with the right mouse button to place its goal, turn it with the wheel or , and .
            Needs a display (DISPLAY, e.g. under Xvfb) or SDL_VIDEODRIVER=offscreen for --screenshot/--record.
            """)

    @Argument(help: "A world file (worlds/push.yaml) or a built-in world name (push, arm, diffdrive, push-tee).")
    var world: String

    @Option(help: "The prediction overlay's model: `constant-velocity`, or a training run folder (its best.safetensors).")
    var model: String?

    @Option(help: "Which of --model RUN's models draws the ghosts and dreams: state (its state-space model) or latent (a pixel run's own latent model through the position probe). Default: latent for a pixel run, else state.")
    var ghosts: GhostModel?

    @Flag(help: "Open with the dream pane: --model RUN's model (as --ghosts picks it) alone advances the world from reality's actions (F5 toggles, F6 re-syncs).")
    var dream = false

    @Option(help: "Who drives: scripted, random, teleop (the keyboard and mouse), plan (CEM on --model RUN's state model toward the world's goal) or curious (with --learn: where the ensemble learned online disagrees most).")
    var policy = "scripted"

    @Option(help: "Seed of the first episode (R moves on to the next).")
    var seed: UInt64 = 0

    @Option(help: "Prediction horizon k in control steps at start ([ and ] change it).")
    var horizon = Evaluation.defaultHorizon

    @Option(help: "Stop after this many frames; with them, simulated time advances exactly 1/60 s per frame.")
    var frames: Int?

    @Option(help: "Save the last frame as this PNG file (with a .json sidecar of the projected body centres).")
    var screenshot: String?

    @Option(help: "Write every frame into this folder as frame-00000.png, ... (for a video).")
    var record: String?

    @Option(help: "Panels to open with, comma-separated: help, info, masks (as if H, F2 and F7 were pressed).")
    var show: String?

    @Flag(help: "Learn the state-space model online from what the viewer shows (from scratch, or from --model RUN); M saves it.")
    var learn = false

    @Option(help: "--learn: the learning rule, pc or bp.")
    var rule = ForwardRule.pc

    @Option(help: "--learn: the run folder M saves the model into (default: runs/online-WORLD).")
    var learnSave: String?

    @Option(help: "Window width in pixels (default: the world's aspect, at least 960).")
    var width: Int?

    @Option(help: "Window height in pixels.")
    var height = 800

    func validate() throws {
        if policy == "curious" {
            guard learn else { throw ValidationError("--policy curious needs --learn (it steers by the model learned online)") }
        } else if policy == "plan" {
            guard let model, model != "constant-velocity" else { throw ValidationError("--policy plan needs --model RUN (a trained run)") }
        } else {
            _ = try policyValue(spec: nil)
        }
        if dream, model == nil || model == "constant-velocity" {
            throw ValidationError("--dream needs --model RUN (a trained run whose model dreams)")
        }
        if learn, model == "constant-velocity" { throw ValidationError("--learn: --model must be a run (or absent, to learn from scratch)") }
        if let ghosts, learn || model == nil || model == "constant-velocity" {
            throw ValidationError("--ghosts \(ghosts.rawValue) needs --model RUN (a trained run) without --learn")
        }
        if panels.contains("masks"), learn || model == nil || model == "constant-velocity" || ghosts == .state {
            throw ValidationError("--show masks needs --model RUN (a slot run) drawing its latent model's ghosts")
        }
        guard (1...50).contains(horizon) else { throw ValidationError("--horizon must be in 1...50") }
        guard width ?? 160 >= 160, height >= 120 else { throw ValidationError("the window must be at least 160x120 pixels") }
        if let frames, frames < 1 { throw ValidationError("--frames must be at least 1") }
        if screenshot != nil && frames == nil { throw ValidationError("--screenshot needs --frames N (the frame to save)") }
        if let unknown = panels.first(where: { !["help", "info", "masks"].contains($0) }) {
            throw ValidationError("--show: unknown panel `\(unknown)` (expected help, info, masks)")
        }
    }

    func run() throws {
        #if Viewer
        let spec = try WorldSpec.named(world)
        var options = ViewerOptions(spec: spec)
        let board = PublishedModel()
        options.policy = policy == "curious" ? CuriousPolicy(board: board) : try policyValue(spec: spec)
        options.planner = (options.policy as? PlannerPolicy)?.planner
        let chosen = try Self.chosenGhosts(model, ghosts: learn ? .state : ghosts)
        if learn {
            options.model = try learningFactory(spec: spec, board: board)
        } else {
            (options.model, options.modelReadsPixels) = Self.modelFactory(model, ghosts: chosen)
        }
        options.dream = Self.dreamFactory(chosen)
        options.showDream = dream
        options.seed = seed
        options.horizon = horizon
        options.width = width
        options.height = height
        options.frames = frames
        options.screenshot = screenshot.map { URL(fileURLWithPath: $0) }
        options.record = record.map { URL(fileURLWithPath: $0, isDirectory: true) }
        options.showHelp = panels.contains("help")
        options.showInfo = panels.contains("info")
        options.showSight = panels.contains("masks")
        do {
            let stats = try ViewerApp.run(options)
            print(String(format: "frames %d  draw %.2f ms mean (worst %.2f ms)  frame %.2f ms mean", stats.frames,
                         stats.meanDrawMilliseconds, stats.worstDrawMilliseconds, stats.meanFrameMilliseconds))
            if let screenshot { print("screenshot \(screenshot)") }
        } catch {
            FileHandle.standardError.write(Data("foresight view: \(error)\n".utf8))
            throw ExitCode.failure
        }
        #else
        FileHandle.standardError.write(Data("""
            foresight view: this foresight was built without the Viewer trait (SDL2).
            Build it with the default traits (`swift build`) or explicitly with `swift build --traits Viewer`;
            both need libsdl2-dev (scripts/install-deps installs it).

            """.utf8))
        throw ExitCode.failure
        #endif
    }

    /// The policy `--policy` names for `spec`'s world; nil for `teleop`.
    func policyValue(spec: WorldSpec?) throws -> (any Policy)? {
        guard policy != "teleop" else { return nil }
        if policy == "plan", let spec, let model {
            guard let goal = spec.goal else { throw ValidationError("--policy plan: world '\(spec.name)' has no goal (`goal` in its file)") }
            let environment = try Environment(spec: spec, observations: ObservationSettings(kinds: [.state]))
            return try PlannerPolicy(predictor: try PositionPredictor(run: URL(fileURLWithPath: model)), goal: TaskGoal(goal),
                                     actionSpace: environment.actionSpace, mode: planningMode)
        }
        do { return try BuiltInPolicies.named(policy) } catch {
            throw ValidationError("--policy: unknown policy '\(policy)' (expected \((error.validNames + ["teleop", "plan", "curious"]).joined(separator: ", ")))")
        }
    }

    /// Where `--policy plan` plans: beside the frame loop, or on it for the reproducible captures of `--frames` and `--record`.
    var planningMode: BackgroundPlanner.Mode { frames != nil || record != nil ? .synchronous : .background }

    #if Viewer
    /// The overlay's model for `--learn`: a learner from scratch (an ensemble of 3 for `--policy curious`) or from
    /// `--model RUN`, publishing on `board`, saving into `--learn-save`.
    func learningFactory(spec: WorldSpec, board: PublishedModel) throws -> PredictionSourceFactory {
        let settings = OnlineLearnerSettings(rule: rule), start = model.map { URL(fileURLWithPath: $0) }
        let folder = URL(fileURLWithPath: learnSave ?? "runs/online-\(spec.name)", isDirectory: true)
        let seed = self.seed
        var config = WorldModelConfig()
        if policy == "curious" { config.forwardEnsembleSize = 3 }
        return { [config] environment in
            let data = DataSignature(environment: environment)
            let learner = try start.map { try OnlineLearner(run: $0, data: data, settings: settings) }
                ?? OnlineLearner(config: config, data: data, settings: settings)
            return try LearningPredictionSource(learner: learner, environment: environment, saveFolder: folder, seed: seed,
                                                board: board)
        }
    }
    #endif

    /// The panels `--show` names.
    var panels: [String] { show.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? [] }

    #if Viewer
    /// Which of the run `--model` names draws the ghosts and dreams: `ghosts` if given, else by default a pixel run's latent
    /// model and the state-space model otherwise, sharing one fitted latent predictor; nil without a run. Throws when the
    /// run does not exist.
    static func chosenGhosts(_ model: String?, ghosts: GhostModel?) throws -> ChosenGhosts? {
        guard let model, model != "constant-velocity" else { return nil }
        let url = URL(fileURLWithPath: model)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ValidationError("--model \(model): expected `constant-velocity`, a training run folder or its .safetensors checkpoint")
        }
        switch ghosts ?? Self.defaultGhosts(run: url) {
        case .state: return .state(url)
        case .latent: return .latent(SharedLatentPredictor(run: url))
        }
    }

    /// The predictor `--model` names: the constant-velocity baseline, or the run's model `chosen` (`chosenGhosts`); and
    /// whether it reads the camera image.
    static func modelFactory(_ model: String?, ghosts chosen: ChosenGhosts?) -> (PredictionSourceFactory?, readsPixels: Bool) {
        if model == "constant-velocity" {
            return ({ environment in
                let layout = try StateReadout(labels: environment.stateLabels, bodyNames: environment.bodies.map(\.name),
                                             purpose: "--model constant-velocity")
                return ConstantVelocityPredictor(layout: layout, controlTimeStep: environment.controlTimeStep)
            }, false)
        }
        switch chosen {
        case nil: return (nil, false)
        case .state(let url): return ({ environment in try RunPredictionSource(run: url, environment: environment) }, false)
        case .latent(let shared):
            return ({ environment in
                try LatentPredictionSource(predictor: shared.predictor(for: environment), path: shared.run.path, environment: environment)
            }, true)
        }
    }

    /// The ghosts of the run at `url` by default: its latent model when its encoder reads the camera alone and it has one,
    /// else its state model (also when the checkpoint does not load: the state model's source then says why, as before).
    static func defaultGhosts(run url: URL) -> GhostModel {
        let file = url.pathExtension == "safetensors" ? url : RunCheckpointFile.best.url(in: url)
        guard let models = try? RunModels(contentsOf: file) else { return .state }
        let hasLatentModel = models.forward.keys.contains { $0.space == .latent }
        return models.record.config.input == .pixels && hasLatentModel ? .latent : .state
    }

    /// The dream of the run `--model` names (F5 shows it), with the model `chosen` (`chosenGhosts`); nil without a run.
    static func dreamFactory(_ chosen: ChosenGhosts?) -> DreamFactory? {
        switch chosen {
        case nil: return nil
        case .state(let url):
            return { environment, first in try DreamSession(run: url, environment: environment, state: first.state) }
        case .latent(let shared):
            return { environment, first in
                try DreamSession(predictor: shared.predictor(for: environment), run: shared.run, environment: environment,
                                 observation: first)
            }
        }
    }
    #endif
}

#if Viewer
extension ViewerApp {
    /// Applies the pending keyboard and mouse events; false when the user asked to quit.
    func handleEvents() -> Bool {
        for event in window.pollEvents() {
            switch event {
            case .quit:
                return false
            case .keyDown(let key):
                if keyMap.steering(for: key, paused: session.paused) != nil { heldKeys.insert(key) }
                if let command = keyMap.command(for: key, paused: session.paused), !perform(command) { return false }
            case .keyUp(let key):
                heldKeys.remove(key)
            case .pointerDown(let point):
                session.pointerTarget = camera.toWorld(point)
            case .pointerMoved(let point):
                if session.pointerTarget != nil { session.pointerTarget = camera.toWorld(point) }
                if draggingGoal { moveGoal(to: camera.toWorld(point)) }
            case .pointerUp:
                session.pointerTarget = nil
            case .secondaryDown(let point):
                draggingGoal = planner != nil
                moveGoal(to: camera.toWorld(point))
            case .secondaryUp:
                draggingGoal = false
            case .wheel(let notches):
                rotateGoal(by: Double(notches) * Self.goalRotationStep)
            }
        }
        return true
    }

    /// Carries out one command; false for quit.
    private func perform(_ command: ViewerCommand) -> Bool {
        switch command {
        case .quit: return false
        case .togglePause: session.paused.toggle()
        case .stepOnce: session.step()
        case .reset: session.reset()
        case .shorterHorizon: session.changeHorizon(by: -1)
        case .longerHorizon: session.changeHorizon(by: 1)
        case .faster: session.faster()
        case .slower: session.slower()
        case .toggleHelp: showHelp.toggle()
        case .toggleLidar: layers.lidar.toggle()
        case .toggleInfo: showInfo.toggle()
        case .toggleContacts: layers.contacts.toggle()
        case .togglePrediction: showPrediction.toggle()
        case .toggleDream: showDream = session.dream != nil && !showDream
        case .syncDream: session.dream?.sync(to: session.observation)
        case .toggleSight: showSight.toggle()
        case .rotateGoalLeft: rotateGoal(by: Self.goalRotationStep)
        case .rotateGoalRight: rotateGoal(by: -Self.goalRotationStep)
        case .saveModel: saveLearnedModel()
        }
        return true
    }
}
#endif

// The Viewer module (SDL2), compiled only with the Viewer trait: see docs/ARCHITECTURE.md.

// The Simulation module: see docs/ARCHITECTURE.md.

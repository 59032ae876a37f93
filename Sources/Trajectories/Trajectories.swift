// The Trajectories module: see docs/ARCHITECTURE.md.

// The WorldModel module: see docs/ARCHITECTURE.md.

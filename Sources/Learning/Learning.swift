// The Learning module: see docs/ARCHITECTURE.md.

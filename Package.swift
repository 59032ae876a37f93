// swift-tools-version: 6.1
import PackageDescription

/// Foresight: a robotics self-supervised world-model simulator.
///
/// Modules (lower never imports higher): the C shims, `TensorCore`, `Learning`,
/// `Simulation`, `Trajectories`, `WorldModel`, `Viewer`, `Benchmarks`, and the `foresight` CLI.
/// Every target lists each module its files import, not only the ones it reaches through others.
/// The SDL2 viewer sits behind the `Viewer` trait (on by default), so
/// `swift build --disable-default-traits` builds everything else without SDL2. The `MPI` trait (off by
/// default) adds `ForesightMPI`, so `mpirun -np N foresight simulate|train` splits the work over N ranks.
let package = Package(
    name: "Foresight",
    products: [
        .executable(name: "foresight", targets: ["foresight"]),
        .library(name: "ForesightKit", targets: ["TensorCore", "Learning", "Simulation", "Trajectories", "WorldModel", "Control"]),
    ],
    traits: [
        .trait(name: "Viewer", description: "Build the SDL2 viewer (`foresight view`); needs libsdl2-dev."),
        .trait(name: "MPI", description: "Run `simulate` and `train` across processes with mpirun; needs libopenmpi-dev."),
        .default(enabledTraits: ["Viewer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CChipmunk",
            providers: [.apt(["libchipmunk-dev"])]),
        .target(name: "CChipmunkState", dependencies: ["CChipmunk"]),
        .systemLibrary(
            name: "CSDL2", pkgConfig: "sdl2",
            providers: [.apt(["libsdl2-dev"])]),
        .systemLibrary(
            name: "CMPI", pkgConfig: "ompi-c",
            providers: [.apt(["libopenmpi-dev"])]),

        .target(name: "TensorCore", dependencies: ["CBLAS"]),
        .target(name: "CKernels"),
        .target(name: "Learning", dependencies: ["TensorCore", "CKernels"]),
        .target(
            name: "Simulation",
            dependencies: ["CChipmunk", "CChipmunkState", "TensorCore", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Worlds")]),
        .target(name: "Trajectories", dependencies: ["Simulation", "TensorCore"]),
        .target(name: "WorldModel", dependencies: ["TensorCore", "Learning", "Simulation", "Trajectories"]),
        .target(name: "Control", dependencies: ["Simulation", "TensorCore", "WorldModel"]),
        .target(
            name: "Viewer",
            dependencies: [
                "TensorCore", "Simulation", "WorldModel", "Control",
                .target(name: "CSDL2", condition: .when(traits: ["Viewer"])),
            ],
            resources: [.copy("Resources")]),
        .target(
            name: "ForesightMPI",
            dependencies: ["TensorCore", .target(name: "CMPI", condition: .when(traits: ["MPI"]))]),
        .target(
            name: "Benchmarks",
            dependencies: [
                "TensorCore", "Learning", "Simulation", "Trajectories", "WorldModel", "Control",
                .target(name: "Viewer", condition: .when(traits: ["Viewer"])),
            ]),
        .executableTarget(
            name: "foresight",
            dependencies: [
                "TensorCore", "Learning", "Simulation", "Trajectories", "WorldModel", "Control", "Benchmarks",
                .target(name: "Viewer", condition: .when(traits: ["Viewer"])),
                .target(name: "ForesightMPI", condition: .when(traits: ["MPI"])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .target(name: "TestSupport", dependencies: ["TensorCore", "Simulation"], path: "Tests/TestSupport"),
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore", "TestSupport"]),
        .testTarget(name: "LearningTests", dependencies: ["TensorCore", "Learning", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["CChipmunk", "TensorCore", "Simulation", "TestSupport"]),
        .testTarget(name: "TrajectoriesTests", dependencies: ["TensorCore", "Simulation", "Trajectories", "TestSupport"]),
        .target(name: "ModelTestSupport", dependencies: ["WorldModel"], path: "Tests/ModelTestSupport"),
        .testTarget(name: "ControlTests", dependencies: ["Control", "Simulation", "TensorCore", "WorldModel", "TestSupport", "ModelTestSupport"]),
        .testTarget(name: "WorldModelTests", dependencies: ["TensorCore", "Learning", "Simulation", "Trajectories", "WorldModel", "TestSupport", "ModelTestSupport"]),
        .testTarget(
            name: "ViewerTests",
            dependencies: [
                "TensorCore", "Simulation", "WorldModel", "Control", "Viewer", "TestSupport",
                .target(name: "CSDL2", condition: .when(traits: ["Viewer"])),
            ]),
        .testTarget(name: "ForesightCLITests", dependencies: ["Trajectories", "foresight", "TestSupport"], resources: [.copy("Fixtures")]),
    ]
)

// Reads and writes the Chipmunk2D state that carries from one cpSpaceStep to the next but has no
// public accessor: raw body fields (centre of gravity position, bias velocities, cached transform),
// the solver's accumulated constraint and contact impulses (warm starting), the cached arbiters
// and the space's step stamp and previous time step.
// Only ChipmunkState.c sees Chipmunk's private structs. The header names no Chipmunk type (Swift
// would see them twice, here and in CChipmunk), so the pointers stay opaque on the Swift side.
#ifndef FORESIGHT_CHIPMUNK_STATE_H
#define FORESIGHT_CHIPMUNK_STATE_H

#include <stdbool.h>
#include <stdint.h>

struct cpBody;
struct cpConstraint;
struct cpShape;
struct cpSpace;

/// Every field of a body that one physics step hands to the next.
typedef struct ChipmunkBodyState {
    /// Centre of gravity (world), velocity, force, pseudo-velocity of the position correction.
    double position[2], velocity[2], force[2], biasVelocity[2];
    /// Angle, angular velocity, torque, angular pseudo-velocity.
    double angle, angularVelocity, torque, biasAngularVelocity;
    /// The body-to-world transform Chipmunk caches from the position and angle (a, b, c, d, tx, ty).
    double transform[6];
} ChipmunkBodyState;

/// The warm-start impulse a constraint accumulated (only [0] for angular joints) and a motor's rate.
typedef struct ChipmunkConstraintState {
    double accumulatedImpulse[2];
    double rate;
} ChipmunkConstraintState;

/// One contact point of an arbiter as the next step matches it: its feature hash and accumulated impulses.
typedef struct ChipmunkContactState {
    uintptr_t hash;
    double normalImpulse, tangentImpulse;
} ChipmunkContactState;

/// A cached arbiter (a pair of shapes that touched within the last few steps) as the next step sees it.
typedef struct ChipmunkArbiterState {
    const struct cpShape *a, *b;
    /// The step stamp of the arbiter's last contact and its state (first contact, normal, cached...).
    unsigned int stamp;
    int state;
    /// Up to two contacts (Chipmunk's maximum per arbiter).
    int contactCount;
    ChipmunkContactState contacts[2];
} ChipmunkArbiterState;

/// The space's step counter and the time step of its last step (0 before the first).
typedef struct ChipmunkSpaceState {
    unsigned int stamp;
    double previousTimeStep;
} ChipmunkSpaceState;

/// The state of `body`.
ChipmunkBodyState chipmunk_body_state(const struct cpBody *body);

/// Writes `state` into `body` (the caller reindexes its shapes).
void chipmunk_set_body_state(struct cpBody *body, ChipmunkBodyState state);

/// The state of a pivot, gear, rotary-limit or simple-motor constraint; false for any other kind.
bool chipmunk_constraint_state(const struct cpConstraint *constraint, ChipmunkConstraintState *state);

/// Writes `state` into a pivot, gear, rotary-limit or simple-motor constraint; false for any other kind.
bool chipmunk_set_constraint_state(struct cpConstraint *constraint, ChipmunkConstraintState state);

/// The space's stamp and previous time step (the next step scales cached impulses by dt / previous).
ChipmunkSpaceState chipmunk_space_state(const struct cpSpace *space);

/// Sets the space's stamp and previous time step.
void chipmunk_set_space_state(struct cpSpace *space, ChipmunkSpaceState state);

/// How many arbiters the space caches.
int chipmunk_space_arbiter_count(const struct cpSpace *space);

/// Writes the space's cached arbiters (`chipmunk_space_arbiter_count` of them, in no particular order)
/// to `arbiters`, each with the state the next step starts it in.
void chipmunk_space_arbiters(const struct cpSpace *space, ChipmunkArbiterState *arbiters);

/// Caches `arbiter` in a space that has none for its pair of shapes, as if it came from a previous step.
///
/// The shapes must belong to `space`. The arbiter and its contacts are allocated in the space's own
/// buffers (freed with the space). Its collision handler does nothing until the next step that
/// touches the pair sets the real one (so a pair that does not touch again gets no separate callback).
void chipmunk_space_cache_arbiter(struct cpSpace *space, ChipmunkArbiterState arbiter);

#endif

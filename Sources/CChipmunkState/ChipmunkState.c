#include "ChipmunkState.h"
#include <chipmunk/chipmunk_private.h>
#include <stdlib.h>

static void store(cpVect v, double out[2]) {
    out[0] = v.x;
    out[1] = v.y;
}

static cpVect load(const double in[2]) {
    return cpv(in[0], in[1]);
}

ChipmunkBodyState chipmunk_body_state(const cpBody *body) {
    ChipmunkBodyState state;
    store(body->p, state.position);
    store(body->v, state.velocity);
    store(body->f, state.force);
    store(body->v_bias, state.biasVelocity);
    state.angle = body->a;
    state.angularVelocity = body->w;
    state.torque = body->t;
    state.biasAngularVelocity = body->w_bias;
    cpTransform t = body->transform;
    state.transform[0] = t.a;
    state.transform[1] = t.b;
    state.transform[2] = t.c;
    state.transform[3] = t.d;
    state.transform[4] = t.tx;
    state.transform[5] = t.ty;
    return state;
}

void chipmunk_set_body_state(cpBody *body, ChipmunkBodyState state) {
    body->p = load(state.position);
    body->v = load(state.velocity);
    body->f = load(state.force);
    body->v_bias = load(state.biasVelocity);
    body->a = state.angle;
    body->w = state.angularVelocity;
    body->t = state.torque;
    body->w_bias = state.biasAngularVelocity;
    const double *t = state.transform;
    body->transform = (cpTransform){t[0], t[1], t[2], t[3], t[4], t[5]};
}

bool chipmunk_constraint_state(const cpConstraint *constraint, ChipmunkConstraintState *state) {
    ChipmunkConstraintState result = {{0, 0}, 0};
    if (cpConstraintIsPivotJoint(constraint)) {
        store(((const cpPivotJoint *)constraint)->jAcc, result.accumulatedImpulse);
    } else if (cpConstraintIsGearJoint(constraint)) {
        result.accumulatedImpulse[0] = ((const cpGearJoint *)constraint)->jAcc;
    } else if (cpConstraintIsRotaryLimitJoint(constraint)) {
        result.accumulatedImpulse[0] = ((const cpRotaryLimitJoint *)constraint)->jAcc;
    } else if (cpConstraintIsSimpleMotor(constraint)) {
        result.accumulatedImpulse[0] = ((const cpSimpleMotor *)constraint)->jAcc;
        result.rate = ((const cpSimpleMotor *)constraint)->rate;
    } else {
        return false;
    }
    *state = result;
    return true;
}

bool chipmunk_set_constraint_state(cpConstraint *constraint, ChipmunkConstraintState state) {
    if (cpConstraintIsPivotJoint(constraint)) {
        ((cpPivotJoint *)constraint)->jAcc = load(state.accumulatedImpulse);
    } else if (cpConstraintIsGearJoint(constraint)) {
        ((cpGearJoint *)constraint)->jAcc = state.accumulatedImpulse[0];
    } else if (cpConstraintIsRotaryLimitJoint(constraint)) {
        ((cpRotaryLimitJoint *)constraint)->jAcc = state.accumulatedImpulse[0];
    } else if (cpConstraintIsSimpleMotor(constraint)) {
        ((cpSimpleMotor *)constraint)->jAcc = state.accumulatedImpulse[0];
        ((cpSimpleMotor *)constraint)->rate = state.rate;
    } else {
        return false;
    }
    return true;
}

ChipmunkSpaceState chipmunk_space_state(const cpSpace *space) {
    ChipmunkSpaceState state = {space->stamp, space->curr_dt};
    return state;
}

void chipmunk_set_space_state(cpSpace *space, ChipmunkSpaceState state) {
    space->stamp = state.stamp;
    space->curr_dt = state.previousTimeStep;
}

int chipmunk_space_arbiter_count(const cpSpace *space) {
    return cpHashSetCount(space->cachedArbiters);
}

typedef struct ArbiterCursor {
    const cpSpace *space;
    ChipmunkArbiterState *next;
} ArbiterCursor;

static void capture_arbiter(void *element, void *data) {
    const cpArbiter *arb = element;
    ArbiterCursor *cursor = data;
    ChipmunkArbiterState *out = cursor->next++;
    out->a = arb->a;
    out->b = arb->b;
    out->stamp = arb->stamp;
    // The next step first marks every arbiter of the last step's solve as normal.
    bool solved = cpArrayContains(cursor->space->arbiters, (void *)arb);
    out->state = solved ? CP_ARBITER_STATE_NORMAL : arb->state;
    int count = arb->contacts ? arb->count : 0;
    out->contactCount = count < 2 ? count : 2;
    for (int i = 0; i < 2; i++) {
        ChipmunkContactState contact = {0, 0, 0};
        if (i < out->contactCount) {
            contact.hash = arb->contacts[i].hash;
            contact.normalImpulse = arb->contacts[i].jnAcc;
            contact.tangentImpulse = arb->contacts[i].jtAcc;
        }
        out->contacts[i] = contact;
    }
}

void chipmunk_space_arbiters(const cpSpace *space, ChipmunkArbiterState *arbiters) {
    ArbiterCursor cursor = {space, arbiters};
    cpHashSetEach(space->cachedArbiters, capture_arbiter, &cursor);
}

/// Allocates an arbiter for a shape pair in the space's buffers (the hash set's insert callback).
static void *new_arbiter(const void *shapePair, void *data) {
    cpSpace *space = data;
    cpShape *const *shapes = shapePair;
    cpArbiter *arb = calloc(1, sizeof(cpArbiter));
    cpArrayPush(space->allocatedBuffers, arb);
    return cpArbiterInit(arb, shapes[0], shapes[1]);
}

void chipmunk_space_cache_arbiter(cpSpace *space, ChipmunkArbiterState state) {
    const cpShape *pair[] = {state.a, state.b};
    cpHashValue key = CP_HASH_PAIR((cpHashValue)state.a, (cpHashValue)state.b);
    cpArbiter *arb = (cpArbiter *)cpHashSetInsert(space->cachedArbiters, key, pair, new_arbiter, space);
    arb->handler = arb->handlerA = arb->handlerB = &cpCollisionHandlerDoNothing;
    arb->stamp = state.stamp;
    arb->state = (enum cpArbiterState)state.state;
    arb->count = state.contactCount;
    arb->contacts = NULL;
    if (state.contactCount > 0) {
        struct cpContact *contacts = calloc((size_t)state.contactCount, sizeof(struct cpContact));
        cpArrayPush(space->allocatedBuffers, contacts);
        for (int i = 0; i < state.contactCount; i++) {
            contacts[i].hash = state.contacts[i].hash;
            contacts[i].jnAcc = state.contacts[i].normalImpulse;
            contacts[i].jtAcc = state.contacts[i].tangentImpulse;
        }
        arb->contacts = contacts;
    }
}

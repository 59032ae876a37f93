"""Checks that the PCX peer trains by Foresight's rule: one PCX step against a NumPy reference.

The reference is the update `foresight bench pc` documents (Learning's PredictiveCodingNetwork):
feedforward initialisation, x_L clamped to the target, T synchronous steps
x_l <- x_l - gamma (eps_l - f'(x_l) * (eps_{l+1} W_{l+1})) on the hidden nodes, then one
weight step on dF/dW_l = -eps_l^T f(x_{l-1}) / B, dF/db_l = -sum(eps_l) / B. The check
swaps Adam for plain SGD on the weights (Adam's first step only sees the gradient's sign)
and compares the gradients PCX applied with the reference ones. Prints one JSON row with
the largest difference relative to the largest gradient; exits 1 above the tolerance.
"""

import argparse
import sys

from common import emit, require
from pc_pcx import build

PEER = "pcx"


def reference_gradients(weights, x, target, steps, gamma):
    """The weight gradients of one training step by the documented rule, in float64 NumPy."""
    import numpy as np

    layers = len(weights)
    f = [lambda v: v] + [np.tanh] * (layers - 1)            # f applied to x_0 (input) and to hidden nodes
    df = [None] + [lambda v: 1 - np.tanh(v) ** 2] * (layers - 1)
    nodes = [x]
    for w, b in weights:                                    # feedforward initialisation
        nodes.append(f[len(nodes) - 1](nodes[-1]) @ w.T + b)
    nodes[-1] = target

    def errors():
        return [None] + [nodes[l] - (f[l - 1](nodes[l - 1]) @ weights[l - 1][0].T + weights[l - 1][1])
                         for l in range(1, layers + 1)]

    for _ in range(steps):
        eps = errors()
        updates = [eps[l] - df[l](nodes[l]) * (eps[l + 1] @ weights[l][0]) for l in range(1, layers)]
        for l in range(1, layers):
            nodes[l] = nodes[l] - gamma * updates[l - 1]
    eps = errors()
    batch = x.shape[0]
    return [(-(eps[l].T @ f[l - 1](nodes[l - 1])) / batch, -eps[l].sum(axis=0) / batch)
            for l in range(1, layers + 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=1e-4)
    arguments = parser.parse_args()
    (np,) = require(PEER, "numpy")
    args = argparse.Namespace(batch=32, hidden=16, layers=2, h_lr=0.1, w_lr=1.0, weight_sgd=True,
                              inference_steps=8, seed=0)
    jax, train_step, _, fresh_model = build(args, 5, 3)
    model, optim_w, optim_h = fresh_model(args.seed)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(args.batch, 5)).astype(np.float32)
    target = rng.normal(size=(args.batch, 3)).astype(np.float32)
    for layer in model.layers:  # non-zero biases, so the bias path is checked too
        layer.nn.bias.set(jax.numpy.asarray(rng.normal(size=layer.nn.bias.get().shape).astype(np.float32) * 0.1))
    before = [(np.asarray(l.nn.weight.get(), np.float64), np.asarray(l.nn.bias.get(), np.float64)) for l in model.layers]
    expected = reference_gradients(before, x.astype(np.float64), target.astype(np.float64),
                                   args.inference_steps, args.h_lr)
    train_step(args.inference_steps, jax.numpy.asarray(x), jax.numpy.asarray(target),
               model=model, optim_w=optim_w, optim_h=optim_h)
    applied = [(b0w - np.asarray(l.nn.weight.get(), np.float64), b0b - np.asarray(l.nn.bias.get(), np.float64))
               for l, (b0w, b0b) in zip(model.layers, before)]     # SGD with rate 1: the gradient itself
    scale = max(float(np.max(np.abs(g))) for pair in expected for g in pair)
    worst = max(float(np.max(np.abs(a - e))) for pa, pe in zip(applied, expected) for a, e in zip(pa, pe)) / scale
    emit("pc.rule_check", worst, "relative", peer=PEER, tolerance=arguments.tolerance)
    sys.exit(0 if worst <= arguments.tolerance else 1)


if __name__ == "__main__":
    main()

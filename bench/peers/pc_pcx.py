"""Predictive-coding peer: the benchmark network trained with PCX (JAX) on the CPU.

The network and the training rule are the ones `foresight bench pc` runs (docs/benchmarks.md):
input 14, two hidden layers of 256 with tanh, a linear output of 12; value nodes x_l after
each layer, predictions mu_l = W_l f(x_{l-1}) + b_l (f = tanh on hidden nodes, identity on
the input); energy 1/2 sum over layers of |x_l - mu_l|^2 per sample, summed over the batch.
For each mini-batch of 256: feedforward initialisation (h = u), the output node pinned to
the target, T inference steps of plain SGD on the free value nodes (rate --h-lr), then one
Adam step on the weights with the energy gradient averaged over the batch (rate --w-lr).
The training loop is the usual PCX one: a jitted step per mini-batch, called from Python.
Weights start U(+-1/sqrt(fan-in)) (Equinox's default, as Foresight) and biases at 0 (as Foresight).

Reports samples/s (training only: JIT compilation and test evaluation are excluded),
the test MSE after every epoch with the training time so far, and the final test MSE.
"""

import argparse

from common import Stopwatch, context, emit, load_regression_dataset, log, require

PEER = "pcx"


def build(args, input_size, output_size):
    """Creates the PCX model and its two optimisers, and returns the jitted step and predictor."""
    jax, optax, px = require(PEER, "jax", "optax", "pcx")
    pxc, pxnn, pxf, pxu = require(PEER, "pcx.predictive_coding", "pcx.nn", "pcx.functional", "pcx.utils")
    jnp = jax.numpy

    class Network(pxc.EnergyModule):
        """Linear layers with a value node after each; the last node is the output.

        As in Foresight's network, a value node holds a layer's prediction before the
        activation, and the next layer predicts from tanh of it: mu_l = W_l tanh(x_{l-1}) + b_l.
        """

        def __init__(self, sizes):
            super().__init__()
            self.layers = [pxnn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
            self.nodes = [pxc.Vode() for _ in self.layers]
            self.nodes[-1].h.frozen = True

        def __call__(self, x, target):
            for layer, node in zip(self.layers[:-1], self.nodes[:-1]):
                x = jax.nn.tanh(node(layer(x)))
            x = self.nodes[-1](self.layers[-1](x))
            if target is not None:
                self.nodes[-1].set("h", target)
            return self.nodes[-1].get("u")

    batched = pxu.M(pxc.VodeParam | pxc.VodeParam.Cache).to((None, 0))

    @pxf.vmap(batched, in_axes=(0, 0), out_axes=0)
    def forward(x, target, *, model):
        return model(x, target)

    @pxf.vmap(batched, in_axes=(0,), out_axes=(None, 0), axis_name="batch")
    def energy(x, *, model):
        prediction = model(x, None)
        return jax.lax.psum(model.energy(), "batch"), prediction

    def free_nodes():  # a fresh mask each time: `M.to` changes the mask it is called on
        return pxu.M_hasnot(pxc.VodeParam, frozen=True)

    inference_gradient = pxf.value_and_grad(free_nodes().to([False, True]), has_aux=True)(energy)
    weight_gradient = pxf.value_and_grad(pxu.M(pxnn.LayerParam).to([False, True]), has_aux=True)(energy)

    @pxf.jit(static_argnums=0)
    def train_step(steps, x, target, *, model, optim_w, optim_h):
        model.train()
        with pxu.step(model, pxc.STATUS.INIT, clear_params=pxc.VodeParam.Cache):
            forward(x, target, model=model)
        optim_h.init(free_nodes()(model))
        for _ in range(steps):
            with pxu.step(model, clear_params=pxc.VodeParam.Cache):
                _, grads = inference_gradient(x, model=model)
            optim_h.step(model, grads["model"])
        optim_h.clear()
        with pxu.step(model, clear_params=pxc.VodeParam.Cache):
            _, grads = weight_gradient(x, model=model)
        optim_w.step(model, grads["model"], scale_by=1.0 / x.shape[0])

    @pxf.jit()
    def predict(x, *, model):
        model.eval()
        with pxu.step(model, pxc.STATUS.INIT, clear_params=pxc.VodeParam.Cache):
            return forward(x, None, model=model)

    # One optax transformation of each kind, handed out by the same functions every time: PCX
    # keeps them as static (hashed) state, so new ones would make every fresh model recompile.
    value_rule = optax.sgd(args.h_lr)
    weight_rule = optax.sgd(args.w_lr) if getattr(args, "weight_sgd", False) else optax.adam(args.w_lr)

    def value_optimiser():
        return value_rule

    def weight_optimiser():
        return weight_rule

    def fresh_model(seed):
        px.RKG.seed(seed)
        sizes = [input_size] + [args.hidden] * args.layers + [output_size]
        model = Network(sizes)
        for layer in model.layers:  # Equinox draws weights as Foresight does, U(+-1/sqrt(fan-in)); biases start at 0 there
            layer.nn.bias.set(jnp.zeros_like(layer.nn.bias.get()))
        with pxu.step(model, pxc.STATUS.INIT, clear_params=pxc.VodeParam.Cache):
            forward(jnp.zeros((args.batch, input_size)), None, model=model)
            optim_h = pxu.Optim(value_optimiser)
            optim_w = pxu.Optim(weight_optimiser, pxu.M(pxnn.LayerParam)(model))
        return model, optim_w, optim_h

    return jax, train_step, predict, fresh_model


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="safetensors file from `foresight bench pc --export`")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--inference-steps", type=int, default=8, help="T")
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--layers", type=int, default=2, help="hidden layers")
    parser.add_argument("--h-lr", type=float, default=0.1, help="value-node SGD rate")
    parser.add_argument("--w-lr", type=float, default=1e-3, help="weight Adam rate")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    require(PEER, "numpy", "safetensors")
    import numpy as np

    x_train, y_train, x_test, y_test = load_regression_dataset(args.data)
    jax, train_step, predict, fresh_model = build(args, x_train.shape[1], y_train.shape[1])
    jnp = jax.numpy
    batches = x_train.shape[0] // args.batch

    def test_mse(model):
        rows = x_test.shape[0]
        padded = -(-rows // args.batch) * args.batch
        x = np.zeros((padded, x_test.shape[1]), np.float32)
        x[:rows] = x_test
        outputs = [np.asarray(predict(jnp.asarray(x[i:i + args.batch]), model=model))
                   for i in range(0, padded, args.batch)]
        error = np.concatenate(outputs)[:rows] - y_test
        return float(np.mean(error * error))

    def shuffled_batches(rng, count):
        order = rng.permutation(x_train.shape[0])[: count * args.batch]
        return (jnp.asarray(x_train[order].reshape(count, args.batch, -1)),
                jnp.asarray(y_train[order].reshape(count, args.batch, -1)))

    def sync(model):
        jax.block_until_ready(model.layers[-1].nn.weight.get())

    model, optim_w, optim_h = fresh_model(args.seed)
    rng = np.random.default_rng(args.seed)
    info = context()
    mse = test_mse(model)
    emit("pc.epoch", mse, "mse", epoch=0, seconds=0.0, peer=PEER, **info)

    # PCX compiles the training step at its first call on a model, and the compiled step is
    # bound to that model; the first call is timed apart and counted at the steady rate.
    train_seconds = 0.0
    compile_seconds = None
    for epoch in range(1, args.epochs + 1):
        xs, ys = shuffled_batches(rng, batches)
        first = 0
        if compile_seconds is None:
            clock = Stopwatch()
            train_step(args.inference_steps, xs[0], ys[0], model=model, optim_w=optim_w, optim_h=optim_h)
            sync(model)
            compile_seconds = clock.elapsed()
            first = 1
        clock = Stopwatch()
        for i in range(first, batches):
            train_step(args.inference_steps, xs[i], ys[i], model=model, optim_w=optim_w, optim_h=optim_h)
        sync(model)
        seconds = clock.elapsed()
        train_seconds += seconds * batches / (batches - first)
        mse = test_mse(model)
        emit("pc.epoch", mse, "mse", epoch=epoch, seconds=train_seconds, peer=PEER, **info)
        log(f"pcx: epoch {epoch}: test MSE {mse:.6g}, {train_seconds:.2f} s")
    log(f"pcx: first step (compilation) {compile_seconds:.2f} s, not counted")

    samples = batches * args.batch * args.epochs
    emit("pc.samples_per_s", samples / train_seconds, "samples/s", peer=PEER,
         inference_steps=args.inference_steps, batch=args.batch, **info)
    emit("pc.test_mse", mse, "mse", peer=PEER, epochs=args.epochs, **info)
    emit("pc.train_seconds", train_seconds, "s", peer=PEER, epochs=args.epochs, **info)


if __name__ == "__main__":
    main()

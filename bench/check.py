"""torch_dcgan.py --check: the peer's networks against the spec, and with --against against the spec's own peer.

The spec is ../shared/bench/README.md and the toolkit's `gan inspect` of configs/fashion-dcgan.yaml and
configs/folder-dcgan-64.yaml: per layer, the output shape of one image and the trained parameter count (DL4J also
counts batch norm's running mean and variance, which PyTorch keeps as buffers). FLOPs count 2 per multiply-add of
the dense, conv and deconv layers; batch norm, activations and Adam are left out, as the spec's 160.8 MFLOP does.
"""
import importlib.util
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn as nn

# (layer type, output shape of one image, trained parameters), in order; the last entry is FLOPs per image and
# iteration.
SPEC = {
    "dcgan28": {
        "G": [("Linear", (6272,), 633_472), ("BatchNorm1d", (6272,), 12_544), ("ReLU", (6272,), 0),
              ("Unflatten", (128, 7, 7), 0), ("ConvTranspose2d", (64, 14, 14), 131_136),
              ("BatchNorm2d", (64, 14, 14), 128), ("ReLU", (64, 14, 14), 0),
              ("ConvTranspose2d", (1, 28, 28), 1_025), ("Tanh", (1, 28, 28), 0)],
        "D": [("Conv2d", (64, 14, 14), 1_088), ("LeakyReLU", (64, 14, 14), 0), ("Conv2d", (128, 7, 7), 131_200),
              ("BatchNorm2d", (128, 7, 7), 256), ("LeakyReLU", (128, 7, 7), 0), ("Flatten", (6272,), 0),
              ("Linear", (1,), 6_273)],
        "flops": 160_776_448,
    },
    "dcgan64": {
        "G": [("Linear", (8192,), 827_392), ("BatchNorm1d", (8192,), 16_384), ("ReLU", (8192,), 0),
              ("Unflatten", (512, 4, 4), 0), ("ConvTranspose2d", (256, 8, 8), 2_097_408),
              ("BatchNorm2d", (256, 8, 8), 512), ("ReLU", (256, 8, 8), 0),
              ("ConvTranspose2d", (128, 16, 16), 524_416), ("BatchNorm2d", (128, 16, 16), 256),
              ("ReLU", (128, 16, 16), 0), ("ConvTranspose2d", (64, 32, 32), 131_136),
              ("BatchNorm2d", (64, 32, 32), 128), ("ReLU", (64, 32, 32), 0),
              ("ConvTranspose2d", (3, 64, 64), 3_075), ("Tanh", (3, 64, 64), 0)],
        "D": [("Conv2d", (64, 32, 32), 3_136), ("LeakyReLU", (64, 32, 32), 0),
              ("Conv2d", (128, 16, 16), 131_200), ("BatchNorm2d", (128, 16, 16), 256),
              ("LeakyReLU", (128, 16, 16), 0), ("Conv2d", (256, 8, 8), 524_544), ("BatchNorm2d", (256, 8, 8), 512),
              ("LeakyReLU", (256, 8, 8), 0), ("Conv2d", (512, 4, 4), 2_097_664), ("BatchNorm2d", (512, 4, 4), 1024),
              ("LeakyReLU", (512, 4, 4), 0), ("Flatten", (8192,), 0), ("Linear", (1,), 8_193)],
        "flops": 2_482_257_920,
    },
}
INPUTS = {"dcgan28": (1, 28, 28), "dcgan64": (3, 64, 64)}


def layer_table(net, input_shape):
    """[(type, output shape of one image, trained parameters, multiply-adds per image)] from a forward pass."""
    rows = []

    def record(module, inputs, output):
        kind = type(module).__name__
        if isinstance(module, nn.Linear):
            macs = module.in_features * module.out_features
        elif isinstance(module, nn.Conv2d):
            macs = output[0].numel() * module.in_channels * module.kernel_size[0] * module.kernel_size[1]
        elif isinstance(module, nn.ConvTranspose2d):
            macs = inputs[0][0].numel() * module.out_channels * module.kernel_size[0] * module.kernel_size[1]
        else:
            macs = 0
        rows.append((kind, tuple(output.shape[1:]), sum(p.numel() for p in module.parameters()), macs))

    handles = [m.register_forward_hook(record) for m in net]
    net.eval()
    with torch.no_grad():
        net(torch.zeros(2, *input_shape))
    for h in handles:
        h.remove()
    return rows


def flops_per_image(g_rows, d_rows):
    """One iteration: G forward and backward once; D forward and backward three times (real, fake, and the G step
    through D). A backward pass costs a forward for the weight gradients plus one for the input gradients, except
    where the input needs none: z at G's first layer, and the images at D's first layer in the two D-step passes
    (the G step needs D's input gradient)."""
    g = sum(r[3] for r in g_rows)
    d = sum(r[3] for r in d_rows)
    g_first = next(r[3] for r in g_rows if r[3])
    d_first = next(r[3] for r in d_rows if r[3])
    return 2 * (3 * g + 9 * d - g_first - 2 * d_first)


def print_table(name, rows):
    print(f"{name}:  {'type':<16} {'output':<14} {'parameters':>11} {'MACs/image':>12}")
    for kind, shape, params, macs in rows:
        print(f"    {kind:<16} {'x'.join(map(str, shape)):<14} {params:>11,} {macs:>12,}")
    print(f"    total: {sum(r[2] for r in rows):,} trained parameters, {sum(r[3] for r in rows):,} multiply-adds "
          f"per image forward")


def check_against_spec(build, seed):
    problems = []
    for arch, spec in SPEC.items():
        torch.manual_seed(seed)
        G, D = build(arch)
        print(f"== {arch}")
        g_rows = layer_table(G, (100,))
        d_rows = layer_table(D, INPUTS[arch])
        for name, rows in (("G", g_rows), ("D", d_rows)):
            print_table(name, rows)
            if [r[:3] for r in rows] != spec[name]:
                problems.append(f"{arch} {name}: layers differ from the spec: {[r[:3] for r in rows]}")
        flops = flops_per_image(g_rows, d_rows)
        print(f"  {flops / 1e6:.1f} MFLOP per image per iteration ({flops:,})")
        if flops != spec["flops"]:
            problems.append(f"{arch}: {flops:,} FLOP per image per iteration, the spec says {spec['flops']:,}")
    return problems


def load_shared(path):
    spec = importlib.util.spec_from_file_location("shared_peer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)   # defines functions only; its main() runs under __name__ == "__main__"
    return module


def check_against_shared(build, shared_path, seed):
    """Same layers, and bit for bit the same parameters from the same seed; then the same training: both scripts'
    --mode train progress lines (losses, D(x), D(G(z)) after 2 iterations) and grids; and the same RESULT fields."""
    problems = []
    shared = load_shared(shared_path)
    for arch, theirs_builder in (("dcgan28", shared.build), ("dcgan64", shared.build64)):
        torch.manual_seed(seed)
        G, D = build(arch)
        torch.manual_seed(seed)
        G2, D2 = theirs_builder()
        for name, mine, theirs, shape in (("G", G, G2, (100,)), ("D", D, D2, INPUTS[arch])):
            if layer_table(mine, shape) != layer_table(theirs, shape):
                problems.append(f"{arch} {name}: layers differ from the shared peer's")
            tensors = list(mine.state_dict().items())
            other = list(theirs.state_dict().values())
            same = len(tensors) == len(other) and all(torch.equal(t, o) for (_, t), o in zip(tensors, other))
            print(f"{arch} {name}: {len(tensors)} parameter and buffer tensors, "
                  f"{'bit for bit the same' if same else 'DIFFERENT'} as the shared peer's from seed {seed}")
            if not same:
                problems.append(f"{arch} {name}: parameters differ from the shared peer's from the same seed")

    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_dcgan.py")
    with tempfile.TemporaryDirectory() as tmp:
        common = ["--mode", "train", "--iters", "2", "--batch", "64", "--seed", str(seed)]
        mine = _run([here, *common, "--out", os.path.join(tmp, "mine.png")])
        theirs = _run([shared_path, *common, "--out", os.path.join(tmp, "shared")])
        progress = [_without_time(line) for line in mine.splitlines() if line.startswith("it ")]
        print("train, 2 iterations:", progress[0] if progress else "no progress line")
        if not progress or progress != [_without_time(line) for line in theirs.splitlines() if line.startswith("it ")]:
            problems.append(f"train: progress lines differ:\n  mine:   {mine}\n  shared: {theirs}")
        from PIL import Image
        same_grid = np.array_equal(np.asarray(Image.open(os.path.join(tmp, "mine.png"))),
                                   np.asarray(Image.open(os.path.join(tmp, "shared_separate_it2_eval.png"))))
        print(f"train, 2 iterations: sample grids {'pixel for pixel the same' if same_grid else 'DIFFERENT'}")
        if not same_grid:
            problems.append("train: the sample grids differ")
    for arch in SPEC:
        common = ["--arch", arch, "--batch", "4", "--warmup", "1", "--iters", "1"]
        fields = [_result_fields(_run([p, *common])) for p in (here, shared_path)]
        print(f"bench {arch}: RESULT fields {' '.join(fields[0])}")
        if fields[0] != fields[1]:
            problems.append(f"bench {arch}: RESULT fields differ: mine {fields[0]}, shared {fields[1]}")
    return problems


def _run(argv):
    done = subprocess.run([sys.executable, *argv], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr}")
    return done.stdout


def _without_time(line):
    return re.sub(r" [0-9.]+s$", "", line)


def _result_fields(out):
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    return [field.split("=")[0] for field in line.split()[1:]]


def run_checks(build, shared_path, seed):
    problems = check_against_spec(build, seed)
    if shared_path:
        problems += check_against_shared(build, shared_path, seed)
    for p in problems:
        print("MISMATCH", p)
    print("check: " + ("OK" if not problems else f"{len(problems)} mismatch(es)"))
    return 1 if problems else 0

#!/usr/bin/env python3
"""jvm-gan's PyTorch peer: the toolkit's DCGANs trained with PyTorch on the CPU, to compare the two side by side.

The networks, schedule and thread settings are those of ../shared/bench/torch_dcgan.py (the spec); this file is
the project's own copy, so that a clone can reproduce the README's ratios. One iteration:
    fake = G(z)                                              z ~ N(0, 1), B latents
    D step: D(real) and D(fake.detach()), two passes of B, gradients summed, one Adam update
    G step: D(fake) through the updated D, one Adam update
img/s counts the B real images of an iteration. Float32, Adam lr 2e-4 betas (0.5, 0.999), weights N(0, 0.02).

    torch_dcgan.py --batch 64 --warmup 10 --iters 40     bench: one RESULT line, as the spec's
    torch_dcgan.py --profile ...                          bench, and PROFILE lines: op time by category
    torch_dcgan.py --mode train --iters 1000              train on Fashion-MNIST, write an 8x8 sample grid
    torch_dcgan.py --check [--against ../shared/bench/torch_dcgan.py]   layer table and FLOPs against the spec
"""
import argparse
import contextlib
import os
import resource
import sys
import time


def seconds_since_process_start():
    with open("/proc/self/stat") as f:
        stat = f.read()
    start_ticks = int(stat[stat.rindex(")") + 2:].split(" ")[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


IMPORT_START_S = seconds_since_process_start()
# Before torch loads: libgomp reads it once. The toolkit's launcher sets the same value; with libgomp's default
# (300,000 spins) idle OpenMP workers take the core the working thread needs on 2 cores (../shared/bench/README.md).
if not os.environ.get("PEER_DEFAULT_OMP"):
    os.environ.setdefault("GOMP_SPINCOUNT", "10000")
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

LATENT = 100
# The toolkit's configs/fashion-dcgan.yaml and configs/folder-dcgan-64.yaml: widths smallest resolution first.
ARCHS = {
    "dcgan28": dict(size=28, channels=1, g_widths=(128, 64), d_widths=(64, 128)),
    "dcgan64": dict(size=64, channels=3, g_widths=(512, 256, 128, 64), d_widths=(64, 128, 256, 512)),
}


def build(arch):
    """G: z -> Dense -> BN -> ReLU -> [Deconv k4 s2 p1 -> BN -> ReLU]... -> Deconv k4 s2 p1 -> tanh.
    D: [Conv k4 s2 p1 -> BN (not after the first) -> LeakyReLU 0.2]... -> Dense 1 (a logit, for BCE with logits)."""
    a = ARCHS[arch]
    g_widths, d_widths = a["g_widths"], a["d_widths"]
    start = a["size"] >> len(g_widths)
    g = [nn.Linear(LATENT, g_widths[0] * start * start), nn.BatchNorm1d(g_widths[0] * start * start), nn.ReLU(),
         nn.Unflatten(1, (g_widths[0], start, start))]
    for c_in, c_out in zip(g_widths, g_widths[1:]):
        g += [nn.ConvTranspose2d(c_in, c_out, 4, 2, 1), nn.BatchNorm2d(c_out), nn.ReLU()]
    g += [nn.ConvTranspose2d(g_widths[-1], a["channels"], 4, 2, 1), nn.Tanh()]
    d, c_in = [], a["channels"]
    for i, c_out in enumerate(d_widths):
        d += [nn.Conv2d(c_in, c_out, 4, 2, 1)] + ([nn.BatchNorm2d(c_out)] if i > 0 else []) + [nn.LeakyReLU(0.2)]
        c_in = c_out
    end = a["size"] >> len(d_widths)
    d += [nn.Flatten(), nn.Linear(d_widths[-1] * end * end, 1)]
    G, D = nn.Sequential(*g), nn.Sequential(*d)
    # After building both, G's layers first: the spec draws its random numbers in this order, so one seed gives
    # both peers the same parameters (--check --against compares them bit for bit).
    for m in list(G.modules()) + list(D.modules()):
        if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0.0, 0.02)
            nn.init.zeros_(m.bias)
    return G, D


def fashion_mnist_pixels():
    """The 60k training images as uint8, shape (n, 1, 28, 28)."""
    import gzip
    import struct
    path = os.path.join(os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist/"),
                        "train-images-idx3-ubyte.gz")
    with gzip.open(path, "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        if magic != 0x803:
            sys.exit(f"{path}: not an IDX images file (magic {magic:#x})")
        return np.frombuffer(f.read(n * rows * cols), dtype=np.uint8).reshape(n, 1, rows, cols)


def training_images(arch):
    """Fashion-MNIST's 60k training images for dcgan28; for dcgan64 2,048 uniform-noise images (throughput does not
    depend on pixel values). Shuffled once by a generator of their own (the global one draws only parameters and z),
    and scaled to [-1, 1] in float32: the spec's values bit for bit, made with fewer temporary copies, so that peak
    RSS measures training rather than loading (0.50 instead of 0.59 GB at 28x28)."""
    if arch == "dcgan64":
        images = torch.rand(2048, 3, 64, 64, generator=torch.Generator().manual_seed(1)).mul_(2).sub_(1)
    else:
        images = fashion_mnist_pixels()
    order = torch.randperm(images.shape[0], generator=torch.Generator().manual_seed(42))
    if arch == "dcgan64":
        return images[order].contiguous()
    scaled = images[order.numpy()].astype(np.float32)
    scaled /= 127.5
    scaled -= 1.0
    return torch.from_numpy(scaled)


class Trainer:
    """The GAN loop of the spec; iteration() is one G update and returns (lossD, lossG) as tensors."""

    def __init__(self, G, D, images, batch, bf16=False):
        self.G, self.D, self.images, self.batch = G, D, images, batch
        # --bf16: PyTorch's CPU autocast runs the networks' convolutions in bfloat16; losses stay float32.
        self.autocast = (lambda: torch.autocast("cpu", dtype=torch.bfloat16)) if bf16 else contextlib.nullcontext
        self.opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-8)
        self.opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999), eps=1e-8)
        self.bce = nn.BCEWithLogitsLoss()
        self.real_labels, self.fake_labels = torch.ones(batch, 1), torch.zeros(batch, 1)
        self.cursor = 0
        G.train()
        D.train()

    def next_real(self):
        if self.cursor + self.batch > self.images.shape[0]:
            self.cursor = 0
        real = self.images[self.cursor:self.cursor + self.batch]
        self.cursor += self.batch
        return real

    def iteration(self):
        real = self.next_real()
        with self.autocast():
            fake = self.G(torch.randn(self.batch, LATENT))
        self.opt_d.zero_grad(set_to_none=True)
        with self.autocast():
            logits_real = self.D(real)
        loss_real = self.bce(logits_real.float(), self.real_labels)
        loss_real.backward()
        with self.autocast():
            logits_fake = self.D(fake.detach())
        loss_fake = self.bce(logits_fake.float(), self.fake_labels)
        loss_fake.backward()
        self.opt_d.step()
        self.opt_g.zero_grad(set_to_none=True)
        with self.autocast():
            logits_g = self.D(fake)
        loss_g = self.bce(logits_g.float(), self.real_labels)   # the non-saturating G loss, through the updated D
        loss_g.backward()
        self.opt_g.step()
        return loss_real + loss_fake, loss_g


def save_grid(images, path, n=8, pad=2):
    """n x n tiles with pad black pixels around and between them, as the spec's grid."""
    from PIL import Image
    pixels = ((images.detach().clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(0, 2, 3, 1).numpy()
    size, channels = pixels.shape[1], pixels.shape[3]
    side = n * (size + pad) + pad
    canvas = np.zeros((side, side, channels), np.uint8)
    for k in range(n * n):
        top, left = pad + (k // n) * (size + pad), pad + (k % n) * (size + pad)
        canvas[top:top + size, left:left + size] = pixels[k]
    Image.fromarray(canvas[:, :, 0] if channels == 1 else canvas).save(path)


def train(args, trainer):
    """--mode train: prints the spec's progress lines (same values, from the same seed) and writes the grid."""
    G, D, images = trainer.G, trainer.D, trainer.images
    fixed = torch.randn(64, LATENT)
    started = time.perf_counter()
    for it in range(1, args.iters + 1):
        loss_d, loss_g = trainer.iteration()
        if it % 100 == 0 or it == 1:
            G.eval()
            D.eval()
            with torch.no_grad():
                fakes = G(fixed)
                d_real = torch.sigmoid(D(images[:64])).mean().item()
                d_fake = torch.sigmoid(D(fakes)).mean().item()
            G.train()
            D.train()
            print(f"it {it:5d} lossD {loss_d.item():.4f} lossG {loss_g.item():.4f} eval D(x) {d_real:.3f} "
                  f"D(G(z)) {d_fake:.3f} fake mean {fakes.mean().item():.3f} std {fakes.std().item():.3f} "
                  f"{time.perf_counter() - started:.1f}s", flush=True)
    G.eval()
    with torch.no_grad():
        save_grid(G(fixed), args.out)
        print(f"wrote {args.out}")
        if args.samples_dir:
            from PIL import Image
            os.makedirs(args.samples_dir, exist_ok=True)
            for first in range(0, args.n_samples, 500):
                fakes = G(torch.randn(min(500, args.n_samples - first), LATENT))
                pixels = ((fakes.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).numpy()[:, 0]
                for k, image in enumerate(pixels):
                    Image.fromarray(image).save(os.path.join(args.samples_dir, f"{first + k:05d}.png"))


def bench(args, trainer, lib_ready_s, data_ready_s):
    """--mode bench: W warm-up iterations (the first timed apart), N timed ones, one RESULT line as the spec's."""
    started = time.perf_counter()
    trainer.iteration()
    first_iter_s = time.perf_counter() - started
    first_iter_end_s = seconds_since_process_start()
    for _ in range(max(0, args.warmup - 1)):
        trainer.iteration()
    profiler = None
    if args.profile:
        from profile_categories import CategoryProfiler
        profiler = CategoryProfiler([trainer.G, trainer.D, trainer.bce])
    seconds = []
    with profiler if profiler else contextlib.nullcontext():
        loop_started = time.perf_counter()
        for _ in range(args.iters):
            s = time.perf_counter()
            trainer.iteration()
            seconds.append(time.perf_counter() - s)
        total = time.perf_counter() - loop_started
    median = float(np.median(seconds))
    if profiler:
        print(f"PyTorch op time over the {args.iters} timed iterations, in jvm-gan's categories (ms per iteration, "
              f"share of the timed wall time):")
        profiler.print_table(total, args.iters)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    B = args.batch
    print(f"RESULT impl=torch-{torch.__version__}{'-bf16' if args.bf16 else ''} arch={args.arch} scheme=separate batch={B} "
          f"threads={torch.get_num_threads()} iters={args.iters} img_per_s={B * args.iters / total:.1f} "
          f"median_iter_ms={median * 1e3:.2f} img_per_s_median={B / median:.1f} import_s={IMPORT_START_S:.2f} "
          f"lib_ready_s={lib_ready_s:.2f} data_ready_s={data_ready_s:.2f} first_iter_ms={first_iter_s * 1e3:.0f} "
          f"start_to_first_iter_end_s={first_iter_end_s:.2f} peak_rss_mb={peak_rss_mb:.0f}", flush=True)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mode", default="bench", choices=["bench", "train"])
    p.add_argument("--arch", default="dcgan28", choices=sorted(ARCHS),
                   help="dcgan28: the reference Fashion-MNIST DCGAN; dcgan64: the 64x64 RGB DCGAN of the PyTorch "
                        "tutorial (configs/folder-dcgan-64.yaml) on synthetic images, bench mode only")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--iters", type=int, default=40)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--bf16", action="store_true",
                   help="bench: the networks under torch.autocast('cpu', bfloat16), as the toolkit's train.precision: "
                        "bf16 (losses and optimiser float32)")
    p.add_argument("--profile", action="store_true",
                   help="bench: run torch.autograd.profiler over the timed iterations and print op time by category "
                        "(PROFILE lines); the profiler slows the run, so the RESULT line is then not a benchmark")
    p.add_argument("--out", default="/tmp/torch_dcgan_samples.png", help="train: the sample grid's PNG")
    p.add_argument("--samples-dir", default=None, help="train: also write --n-samples single 28x28 PNGs here")
    p.add_argument("--n-samples", type=int, default=5000)
    p.add_argument("--check", action="store_true",
                   help="print both networks' layers, output shapes, parameter counts and FLOPs per image, compare "
                        "them with the spec and exit (non-zero on a difference)")
    p.add_argument("--against", metavar="SHARED_PEER",
                   help="with --check: also build the networks of this torch_dcgan.py and compare layer by layer "
                        "and parameter by parameter")
    args = p.parse_args(argv)
    if args.mode == "train" and args.arch != "dcgan28":
        p.error("--mode train trains on Fashion-MNIST: --arch dcgan28 only")
    if args.profile and args.mode != "bench":
        p.error("--profile goes with --mode bench")
    if args.batch < 2 or args.iters < 1 or args.warmup < 1:
        p.error("--batch must be >= 2 (batch norm), --iters and --warmup >= 1")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    if args.check:
        from check import run_checks
        sys.exit(run_checks(build, args.against, args.seed))
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    lib_ready_s = seconds_since_process_start()
    images = training_images(args.arch)
    data_ready_s = seconds_since_process_start()
    G, D = build(args.arch)
    trainer = Trainer(G, D, images, args.batch, args.bf16)
    if args.mode == "train":
        train(args, trainer)
    else:
        bench(args, trainer, lib_ready_s, data_ready_s)


if __name__ == "__main__":
    main()

"""torch_dcgan.py --profile: PyTorch's op time in the categories `gan bench --profile` prints, line for line.

What counts: the self CPU time of every aten:: op that torch.autograd.profiler records (an op's time without the
ops it calls), so nothing is counted twice. An op belongs to
- copies: if it only copies or converts (aten::copy_, _to_copy, clone, cat, stack), wherever it runs, as the toolkit
  counts ND4J's assign, cast and concat; for example addmm's copy of the bias into its output;
- in the forward pass, the module that ran it: hooks open a record_function scope "jvmgan::<kind>" around every
  Conv2d, ConvTranspose2d, BatchNorm, ReLU/LeakyReLU/Tanh, Linear and BCEWithLogitsLoss forward;
- in the backward pass, the module of the forward op that made its autograd node (a node's sequence number is
  that op's); conv and deconv then count as "backward";
- optimiser: inside Optimizer.step or Optimizer.zero_grad;
- other_ops: anything else (the latents' randn, the sum of the two D losses, AccumulateGrad's sums, views).
framework is the timed wall time that no aten:: op accounts for: Python, the autograd engine, the hooks and the
profiler itself.
"""
import torch.nn as nn
from torch.autograd.profiler import profile, record_function

# The order and the tokens of OpCategories.Category in gan-core.
CATEGORIES = ["conv_forward", "conv_backward", "deconv_forward", "deconv_backward", "batch_norm", "activations",
              "dense", "loss", "optimiser", "copies", "other_ops", "framework"]
COPY_OPS = {"aten::copy_", "aten::_to_copy", "aten::clone", "aten::cat", "aten::stack"}
MODULE_KINDS = [(nn.Conv2d, "conv"), (nn.ConvTranspose2d, "deconv"), ((nn.BatchNorm1d, nn.BatchNorm2d), "batch_norm"),
                ((nn.ReLU, nn.LeakyReLU, nn.Tanh), "activations"), (nn.Linear, "dense"),
                (nn.BCEWithLogitsLoss, "loss")]
SCOPE = "jvmgan::"
BACKWARD_NODE = "autograd::engine::evaluate_function: "


def forward_category(kind):
    return kind + "_forward" if kind in ("conv", "deconv") else kind


def backward_category(kind):
    return kind + "_backward" if kind in ("conv", "deconv") else kind


class CategoryProfiler:
    """A context manager: profiles what runs inside it, then print_table() attributes the op time."""

    def __init__(self, modules):
        self.modules = modules
        self.handles = []
        self.profile = profile()

    def __enter__(self):
        for root in self.modules:
            for module in root.modules():
                kind = next((k for types, k in MODULE_KINDS if isinstance(module, types)), None)
                if kind:
                    self.handles.append(module.register_forward_pre_hook(self._opener(SCOPE + kind)))
                    self.handles.append(module.register_forward_hook(self._closer))
        self.profile.__enter__()
        return self

    def __exit__(self, *exc):
        self.profile.__exit__(*exc)
        for handle in self.handles:
            handle.remove()
        return False

    @staticmethod
    def _opener(name):
        def open_scope(module, inputs):
            module._jvmgan_scope = record_function(name)
            module._jvmgan_scope.__enter__()
        return open_scope

    @staticmethod
    def _closer(module, inputs, output):
        module._jvmgan_scope.__exit__(None, None, None)

    def op_microseconds(self):
        """{category: {op name: self CPU microseconds}} over the profiled region."""
        events = self.profile.function_events
        kind_of_sequence = {}
        for e in events:
            if e.name.startswith("aten::") and e.sequence_nr >= 0:
                scope = _ancestor(e, lambda a: a.name.startswith(SCOPE))
                if scope is not None:
                    kind_of_sequence[e.sequence_nr] = scope.name[len(SCOPE):]
        table = {}
        for e in events:
            if not e.name.startswith("aten::"):
                continue
            category = "copies" if e.name in COPY_OPS else _category(e, kind_of_sequence)
            ops = table.setdefault(category, {})
            ops[e.name] = ops.get(e.name, 0.0) + e.self_cpu_time_total
        return table

    def print_table(self, wall_seconds, iterations):
        """The PROFILE lines of `gan bench --profile` (ms per timed iteration, share of the timed wall time)."""
        table = self.op_microseconds()
        wall_us = wall_seconds * 1e6
        op_us = sum(sum(ops.values()) for ops in table.values())
        for category in CATEGORIES:
            us = max(0.0, wall_us - op_us) if category == "framework" else sum(table.get(category, {}).values())
            print(f"PROFILE category={category} ms={us / 1e3 / iterations:.2f} share={us / wall_us:.3f}")
        print(f"PROFILE category=total ms={wall_us / 1e3 / iterations:.2f} share=1.000")
        print("PyTorch ops by category, ms per timed iteration:")
        for category in CATEGORIES:
            ops = sorted(table.get(category, {}).items(), key=lambda kv: -kv[1])
            if ops:
                print(f"  {category}: " + " ".join(f"{name} {us / 1e3 / iterations:.2f}" for name, us in ops
                                                   if us / 1e3 / iterations >= 0.005))


def _ancestor(event, wanted):
    a = event.cpu_parent
    while a is not None and not wanted(a):
        a = a.cpu_parent
    return a


def _category(event, kind_of_sequence):
    """The innermost scope around the op decides: a module's forward, a backward node, or the optimiser."""
    a = event.cpu_parent
    while a is not None:
        if a.name.startswith(SCOPE):
            return forward_category(a.name[len(SCOPE):])
        if a.name.startswith(BACKWARD_NODE):
            kind = kind_of_sequence.get(a.sequence_nr)
            return backward_category(kind) if kind else "other_ops"
        if a.name.startswith("Optimizer."):
            return "optimiser"
        a = a.cpu_parent
    return "other_ops"


if __name__ == "__main__":
    raise SystemExit("run torch_dcgan.py --profile")

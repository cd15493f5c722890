"""Median and fastest wall time of `GradientLogger.log` on the demo model (issue 11).

usage: python3 python/bench/log_call_time.py PACKAGE_PARENT_DIR   (e.g. `python`, or a copy of
an older gradscope_torch), from the repository root; 60 calls on one backward's gradients.
"""
import importlib.util, sys, tempfile, time, torch, statistics
sys.path.insert(0, sys.argv[1])
from gradscope_torch import GradientLogger
torch.set_num_threads(2)
spec = importlib.util.spec_from_file_location("ref", "../shared/reference/postln_copy_reference.py")
ref = importlib.util.module_from_spec(spec); spec.loader.exec_module(ref)
torch.manual_seed(0); model = ref.PostLN(64, 4, 6); gen = torch.Generator().manual_seed(1)
x, y = ref.copy_batch(gen, 32)
loss = torch.nn.functional.cross_entropy(model(x)[:, ref.HALF:].reshape(-1, ref.VOCAB), y[:, ref.HALF:].reshape(-1)); loss.backward()
logger = GradientLogger(tempfile.mkdtemp())
ts = []
for t in range(60):
    t0 = time.perf_counter(); logger.log(model, t + 1, loss=loss, lr=1e-3); ts.append(time.perf_counter() - t0)
print(sys.argv[1], "median log ms %.2f, min %.2f" % (statistics.median(ts[5:]) * 1e3, min(ts) * 1e3))

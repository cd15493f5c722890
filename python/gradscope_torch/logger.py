"""``GradientLogger``: exact log-scale |g| histograms of a PyTorch model, in gradscope's format.

Per optimizer step it writes, like ``gradscope train``: ``loss`` and ``lr`` (when given),
``grad/global_norm``, a histogram of ``|g|`` per parameter (``grad/<name>``), their exact
merge ``grad/abs_all`` and ``grad/median_log10``. Buckets are exact (``buckets``), counted on
the gradient's device (``counting``).

Accelerators: counts of every tensor go to one fixed-size int64 buffer per device
(``index_add_``), statistics to one float64 buffer; at the end of ``log()`` one non-blocking
copy per device goes to pinned host memory, and the histograms are built and written at the
next ``log()`` or at ``flush()``/``close()``. Nothing in ``log()`` waits for the device.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Iterable, Mapping

import numpy as np
import torch

from . import counting
from .batch import HistogramBatch
from .eventfile import EventFileWriter
from .histogram import ExponentialHistogram

ALL_TAG = "grad/abs_all"
_COMPILE_PREFIX = "_orig_mod."


def parameter_name(name: str) -> str:
    """The name without ``torch.compile``'s ``_orig_mod.`` components."""
    return name.replace(_COMPILE_PREFIX, "")


def _distributed_rank() -> int:
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        return torch.distributed.get_rank()
    return 0


@dataclass
class _Slice:
    name: str
    layout: counting.Layout
    offset: int  # of the tensor's slots in its device's count buffer
    row: int  # of its statistics in the device's statistics buffer


class _DeviceBatch:
    """One step's count and statistics buffers on one device, and their host copies."""

    def __init__(self, device: torch.device, slices: list[_Slice], total_slots: int):
        self.device, self.slices = device, slices
        self.counts = torch.zeros(total_slots, dtype=torch.int64, device=device)
        self.stats = torch.empty((len(slices), 4), dtype=torch.float64, device=device)
        self.host_counts: torch.Tensor | None = None
        self.host_stats: torch.Tensor | None = None
        self.ready: torch.cuda.Event | None = None

    def copy_to_host(self) -> None:
        if self.device.type == "cpu":
            self.host_counts, self.host_stats = self.counts, self.stats
            return
        pin = self.device.type == "cuda"
        self.host_counts = torch.empty(self.counts.shape, dtype=self.counts.dtype, pin_memory=pin)
        self.host_stats = torch.empty(self.stats.shape, dtype=self.stats.dtype, pin_memory=pin)
        self.host_counts.copy_(self.counts, non_blocking=True)
        self.host_stats.copy_(self.stats, non_blocking=True)
        if self.device.type == "cuda":
            self.ready = torch.cuda.Event()
            self.ready.record(torch.cuda.current_stream(self.device))

    def histogram_batch(self, zero_threshold: float) -> HistogramBatch:
        """The step's histograms, one row per slice (in slice order), over the columns from the
        first to the last bucket any slice uses."""
        if self.ready is not None:
            self.ready.synchronize()
        counts = self.host_counts.numpy()
        stats = self.host_stats.numpy()[[s.row for s in self.slices]].astype(np.float64)
        groups = [(lay, np.array([r for r, s in enumerate(self.slices) if s.layout == lay]))
                  for lay in {s.layout for s in self.slices}]
        slots = [self._slots(counts, lay, rows) for lay, rows in groups]
        used = [np.flatnonzero(x[:, :lay.width].any(axis=0)) + lay.window_low for (lay, _), x in zip(groups, slots)]
        low = min((int(u[0]) for u in used if u.size), default=0)
        high = max((int(u[-1]) + 1 for u in used if u.size), default=low)
        buckets = np.zeros((len(self.slices), high - low), dtype=np.uint64)
        special = np.zeros((len(self.slices), 3), dtype=np.uint64)
        for (lay, rows), x in zip(groups, slots):
            first, last = max(low, lay.window_low), min(high, lay.window_low + lay.width)
            if first < last:
                buckets[rows, first - low:last - low] = x[:, first - lay.window_low:last - lay.window_low]
            special[rows] = x[:, [lay.zero_slot, lay.nan_slot, lay.infinity_slot]]
        return HistogramBatch(self.slices[0].layout.scale, zero_threshold, low, buckets, special[:, 0], special[:, 1],
                              special[:, 2], stats[:, 0], stats[:, 1], stats[:, 2], stats[:, 3])

    def _slots(self, counts: np.ndarray, lay: counting.Layout, rows: np.ndarray) -> np.ndarray:
        """The count slots of the slices ``rows`` (all of layout ``lay``), one row each."""
        starts = np.array([self.slices[r].offset for r in rows])
        if rows.size == len(self.slices) and np.array_equal(starts, np.arange(rows.size) * lay.slot_count):
            return counts[:rows.size * lay.slot_count].reshape(rows.size, lay.slot_count)
        return counts[starts[:, None] + np.arange(lay.slot_count)]


class GradientLogger:
    """Logs exact |g| histograms of a model's gradients to a TensorBoard event file.

    >>> logger = GradientLogger("runs/exp1", scale=3, every=1)
    >>> loss.backward(); logger.log(model, step, loss=loss); opt.step()
    >>> logger.attach(opt, model)   # or: once per optimizer step, from a step pre-hook
    >>> logger.close()

    - ``scale``: histogram resolution, base ``2^(2^-scale)`` (3: ~9 % per bucket), −10…8.
    - ``every``: log the steps that are multiples of it.
    - ``include``: glob(s) on parameter names; only matching tensors are logged.
    - ``zero_threshold``: magnitudes at most the largest float32 ≤ it count as zeros.
    - ``sharded``: gradients are shards (FSDP, ZeRO): every rank calls ``log()`` on its
      shard, the count vectors are all-reduced at equal scale (SUM for counts, sum and sum of
      squares; MIN and MAX for min and max) and rank 0 writes. Without it, under
      ``torch.distributed`` (DDP: gradients already all-reduced) only rank 0 logs.
    - Mixed precision with ``GradScaler``: gradients are scaled until ``scaler.unscale_(opt)``.
      ``attach`` logs from ``opt.step``, after ``scaler.step`` has unscaled them, and skipped
      steps never reach it. With ``log()``, call ``scaler.unscale_(opt)`` first.
    """

    def __init__(self, logdir: str, scale: int = 3, every: int = 1, *, include: str | Iterable[str] | None = None,
                 zero_threshold: float = 0.0, sharded: bool = False, device_path: bool | None = None,
                 payload_version: int | None = None):
        if every < 1:
            raise ValueError("every must be at least 1")
        counting.layout(scale, counting.FLOAT32)  # validates the scale, builds the table
        self.scale, self.every, self.sharded = scale, every, sharded
        self.zero_threshold = float(zero_threshold)
        self.include = [include] if isinstance(include, str) else (list(include) if include else None)
        self._device_path = device_path  # None: accelerators only; True: also CPU (tests)
        self.rank = _distributed_rank()
        self.writer = EventFileWriter(logdir, version=payload_version) if self.rank == 0 else None
        self._pending: tuple[int, list[_DeviceBatch], dict] | None = None
        self._hooks: list = []
        self._optimizer_steps = 0
        self._loss = None
        self._last: tuple[list[str], HistogramBatch, HistogramBatch] | None = None

    # -- public API ------------------------------------------------------------------------

    def log(self, model_or_tensors, step: int, *, loss=None, lr: float | None = None) -> None:
        """Logs the gradients of ``model_or_tensors`` (an ``nn.Module``, or a mapping from name to
        gradient or parameter) at ``step``; ``loss`` (a number or a tensor) and ``lr`` optional."""
        if step % self.every != 0 or (self.rank != 0 and not self.sharded):
            return
        tensors = self._gradients(model_or_tensors)
        batches = self._count(tensors)
        if self.sharded:
            self._all_reduce(batches)
        scalars = {}
        if loss is not None:
            scalars["loss"] = loss.detach().to("cpu", non_blocking=True) if torch.is_tensor(loss) else float(loss)
        if lr is not None:
            scalars["lr"] = float(lr)
        if self.rank != 0:
            return
        for b in batches:
            b.copy_to_host()
        self._write_pending()
        self._pending = (step, batches, scalars)
        if all(b.device.type == "cpu" for b in batches) and not any(torch.is_tensor(v) and v.device.type != "cpu"
                                                                    for v in scalars.values()):
            self._write_pending()

    @property
    def last_histograms(self) -> dict[str, ExponentialHistogram]:
        """The histograms of the last step written, by tag (what the file holds)."""
        if self._last is None:
            return {}
        tags, histograms, merged = self._last
        out = {tag: histograms.histogram(r) for r, tag in enumerate(tags)}
        out[ALL_TAG] = merged.histogram(0)
        return out

    def attach(self, optimizer: torch.optim.Optimizer, model, *, start_step: int = 1):
        """Logs ``model``'s gradients once per optimizer step, before the step updates the
        parameters (``register_step_pre_hook``): with gradient accumulation once per
        ``opt.step()``, not per backward. Steps are numbered from ``start_step``; the loss
        given to ``note_loss`` is logged with the next step, the lr of the first group always."""
        self._optimizer_steps = start_step - 1

        def hook(opt, args, kwargs):
            self._optimizer_steps += 1
            loss, self._loss = self._loss, None
            self.log(model, self._optimizer_steps, loss=loss, lr=opt.param_groups[0]["lr"])

        handle = optimizer.register_step_pre_hook(hook)
        self._hooks.append(handle)
        return handle

    def note_loss(self, loss) -> None:
        """The loss to log with the next attached optimizer step."""
        self._loss = loss

    def flush(self) -> None:
        """Writes the pending step (waiting for its device copy) and flushes the file."""
        self._write_pending()
        if self.writer is not None:
            self.writer.flush()

    def close(self) -> None:
        for handle in self._hooks:
            handle.remove()
        self._hooks.clear()
        self.flush()
        if self.writer is not None:
            self.writer.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- steps -----------------------------------------------------------------------------

    def _gradients(self, source) -> list[tuple[str, torch.Tensor]]:
        if isinstance(source, torch.nn.Module):
            items = ((parameter_name(n), p.grad) for n, p in source.named_parameters())
        elif isinstance(source, Mapping):
            items = ((parameter_name(n), t.grad if isinstance(t, torch.nn.Parameter) else t) for n, t in source.items())
        else:
            raise TypeError("log() takes an nn.Module or a mapping from names to tensors")
        out = []
        for name, g in items:
            if g is None:
                continue
            if self.include is not None and not any(fnmatchcase(name, pattern) for pattern in self.include):
                continue
            out.append((name, g))
        return out

    def _on_device_path(self, device: torch.device) -> bool:
        return self._device_path if self._device_path is not None else device.type != "cpu"

    def _count(self, tensors: list[tuple[str, torch.Tensor]]) -> list[_DeviceBatch]:
        by_device: dict[torch.device, list[tuple[str, torch.Tensor, counting.Layout]]] = {}
        for name, g in tensors:
            lay = counting.layout(self.scale, counting.format_of(g.dtype))
            by_device.setdefault(g.device, []).append((name, g, lay))
        batches = []
        for device, items in by_device.items():
            slices, offset = [], 0
            for row, (name, _, lay) in enumerate(items):
                slices.append(_Slice(name, lay, offset, row))
                offset += lay.slot_count
            batch = _DeviceBatch(device, slices, offset)
            device_path = self._on_device_path(device)
            if not device_path and self._count_together(batch, [g for _, g, _ in items]):
                batches.append(batch)
                continue
            for s, (_, g, _) in zip(slices, items):
                self._count_one(batch, s, g, device_path)
            batches.append(batch)
        return batches

    def _count_together(self, batch: _DeviceBatch, gradients: list[torch.Tensor]) -> bool:
        """The host path for every tensor of ``batch`` at once (``counting.host_counts_many``),
        when all are dense, non-empty and of one format; False (nothing counted) otherwise."""
        if not gradients or any(g.is_sparse or g.numel() == 0 for g in gradients):
            return False
        fmt = counting.format_of(gradients[0].dtype)
        if any(counting.format_of(g.dtype) is not fmt for g in gradients):
            return False
        segments = counting.Segments.of_gradients(gradients, fmt)
        lay = batch.slices[0].layout
        counts = counting.host_counts_many(segments, fmt, self.scale, self.zero_threshold)
        batch.counts.copy_(counts.reshape(-1))
        finite = (counts[:, lay.nan_slot] == 0) & (counts[:, lay.infinity_slot] == 0)
        batch.stats.copy_(counting.host_moments_many(segments, finite.tolist()))
        return True

    def _count_one(self, batch: _DeviceBatch, s: _Slice, g: torch.Tensor, device_path: bool) -> None:
        implicit_zeros = 0
        if g.is_sparse:
            g = g.coalesce()
            implicit_zeros = g.numel() - g.values().numel()
            g = g.values()
        a, fmt = counting.magnitudes(g)
        lay = s.layout
        counts = batch.counts.narrow(0, s.offset, lay.slot_count)
        stats = batch.stats[s.row]
        if a.numel() == 0:
            stats.copy_(torch.tensor([0.0, 0.0, math.inf, -math.inf], dtype=torch.float64))
        elif device_path:
            slots = counting.exact_slots(a, fmt, self.scale, self.zero_threshold)
            counts.index_add_(0, slots, torch.ones((), dtype=torch.int64, device=a.device).expand(slots.numel()))
            counting.device_moments_into(a, stats)
        else:
            c = counting.host_counts(a, fmt, self.scale, self.zero_threshold)
            counts.copy_(c)
            non_finite = bool(c[lay.nan_slot] or c[lay.infinity_slot])
            stats.copy_(torch.tensor(counting.host_moments(a, non_finite), dtype=torch.float64))
        if implicit_zeros:  # |0| = 0 joins the zeros, min and max
            counts[lay.zero_slot] += implicit_zeros
            stats[2:3].clamp_(max=0.0)
            stats[3:4].clamp_(min=0.0)

    def _all_reduce(self, batches: list[_DeviceBatch]) -> None:
        dist = torch.distributed
        for b in batches:
            dist.all_reduce(b.counts, op=dist.ReduceOp.SUM)
            sums = b.stats[:, :2].contiguous()
            lows = b.stats[:, 2].contiguous()
            highs = b.stats[:, 3].contiguous()
            dist.all_reduce(sums, op=dist.ReduceOp.SUM)
            dist.all_reduce(lows, op=dist.ReduceOp.MIN)
            dist.all_reduce(highs, op=dist.ReduceOp.MAX)
            b.stats[:, :2], b.stats[:, 2], b.stats[:, 3] = sums, lows, highs

    def _write_pending(self) -> None:
        if self._pending is None or self.writer is None:
            return
        step, batches, scalars = self._pending
        self._pending = None
        w = self.writer
        for tag, value in scalars.items():
            w.add_scalar(tag, float(value), step)
        if not batches:
            w.flush()
            return
        tags = ["grad/" + s.name for b in batches for s in b.slices]
        histograms = HistogramBatch.concatenated([b.histogram_batch(self.zero_threshold) for b in batches])
        merged = histograms.merged()
        w.add_scalar("grad/global_norm", math.sqrt(float(merged.sum_of_squares[0])), step)
        w.add_histograms(tags, histograms, step)
        w.add_histograms([ALL_TAG], merged, step)
        self._last = (tags, histograms, merged)
        median = merged.histogram(0).magnitude_quantile(0.5)
        if median is not None and median > 0:
            w.add_scalar("grad/median_log10", math.log10(median), step)
        w.flush()

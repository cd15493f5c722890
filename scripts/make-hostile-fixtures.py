#!/usr/bin/env python3
"""Writes the hostile event files of Tests/GradscopeTestSupport/Fixtures/hostile/<case>/.

Each file is a TFRecord event file whose protobuf wire bytes are encoded here by hand, with
no protobuf library and none of gradscope's code, so the fixtures are independent of the
reader they test. Every file holds, besides one crafted value:

- step 0: the scalar `loss` = 0.5;
- step 1: the good exponential histogram `grad/good` (scale 0, positive buckets
  (1, 2] = 2 and (2, 4] = 1: the values 1.5, 2, 3), then the crafted value `grad/bad`;
- step 2: the scalar `loss` = 0.25.

A reader must keep both scalars and `grad/good`, and skip (or read safely, with a warning
naming the file, the tag and the step) `grad/bad`. Usage: make-hostile-fixtures.py [outdir]
"""
import math
import os
import shutil
import struct
import sys

PLUGIN = b"gradscope.exponential_histogram"

# --- protobuf wire format -------------------------------------------------------------


def varint(n):
    n &= (1 << 64) - 1  # negative int64 as two's complement
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def zigzag(n):
    return (n << 1) ^ (n >> 63)


def key(field, wire):
    return varint(field << 3 | wire)


def f_varint(field, n):
    return key(field, 0) + varint(n)


def f_double(field, x):
    return key(field, 1) + struct.pack("<d", x)


def f_float(field, x):
    return key(field, 5) + struct.pack("<f", x)


def f_bytes(field, data):
    return key(field, 2) + varint(len(data)) + data


def f_packed_doubles(field, xs):
    return f_bytes(field, b"".join(struct.pack("<d", x) for x in xs))


def f_packed_varints(field, ns):
    return f_bytes(field, b"".join(varint(n) for n in ns))


# --- messages (field numbers from tensorboard/compat/proto and exponential_histogram.proto) ---


def bucket_run(offset, counts):
    """gradscope.BucketCountsProto: sint64 offset = 1, packed uint64 counts = 2."""
    return f_varint(1, zigzag(offset)) + f_packed_varints(2, counts)


def payload(version=2, scale=0, zero_threshold=None, positive=None, negative=None, zero=0, nan=0,
            pos_inf=0, neg_inf=0, stats=None):
    """gradscope.ExponentialHistogramProto."""
    out = f_varint(1, version) + f_varint(2, zigzag(scale))
    if zero_threshold is not None:
        out += f_double(3, zero_threshold)
    if positive is not None:
        out += f_bytes(4, bucket_run(*positive))
    if negative is not None:
        out += f_bytes(5, bucket_run(*negative))
    for field, n in ((6, zero), (7, nan), (8, pos_inf), (9, neg_inf)):
        if n:
            out += f_varint(field, n)
    if stats is not None:
        for field, x in zip((10, 11, 12, 13), stats):
            out += f_double(field, x)
    return out


def histo(limits, counts, num, total, squares, lo, hi):
    """tensorboard.HistogramProto: min 1, max 2, num 3, sum 4, sum_squares 5, limits 6, buckets 7."""
    return (f_double(1, lo) + f_double(2, hi) + f_double(3, num) + f_double(4, total) + f_double(5, squares)
            + f_packed_doubles(6, limits) + f_packed_doubles(7, counts))


def metadata(plugin_name, content):
    """SummaryMetadata{plugin_data = 1: PluginData{plugin_name = 1, content = 2}}."""
    return f_bytes(1, f_bytes(1, plugin_name) + f_bytes(2, content))


def value_histo(tag, display, meta=None):
    """Summary.Value: tag 1, histo 5, metadata 9."""
    out = f_bytes(1, tag.encode()) + f_bytes(5, display)
    return out + (f_bytes(9, meta) if meta is not None else b"")


def value_tensor(tag, tensor, plugin_name):
    return f_bytes(1, tag.encode()) + f_bytes(8, tensor) + f_bytes(9, metadata(plugin_name, b""))


def tensor_proto(dims, doubles=None, content=None):
    """TensorProto: dtype 1 (DT_DOUBLE = 2), shape 2 {dim 2 {size 1}}, content 4, double_val 6."""
    shape = b"".join(f_bytes(2, f_varint(1, d)) for d in dims)
    out = f_varint(1, 2) + f_bytes(2, shape)
    if content is not None:
        out += f_bytes(4, content)
    if doubles is not None:
        out += f_packed_doubles(6, doubles)
    return out


def event(step, wall_time, summary_values=None, file_version=None):
    """Event: wall_time 1, step 2, file_version 3, summary 5 {value 1}."""
    out = f_double(1, wall_time) + f_varint(2, step)
    if file_version is not None:
        return out + f_bytes(3, file_version)
    return out + f_bytes(5, b"".join(f_bytes(1, v) for v in summary_values))


def value_scalar(tag, x):
    return f_bytes(1, tag.encode()) + f_float(2, x)


# --- TFRecord framing with masked CRC-32C (Castagnoli, reflected 0x82F63B78) ------------

CRC_TABLE = []
for i in range(256):
    c = i
    for _ in range(8):
        c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
    CRC_TABLE.append(c)


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = CRC_TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def masked(crc):
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def record(data):
    header = struct.pack("<Q", len(data))
    return header + struct.pack("<I", masked(crc32c(header))) + data + struct.pack("<I", masked(crc32c(data)))


# --- the files --------------------------------------------------------------------------

GOOD_DISPLAY = histo([2, 4], [2, 1], 3, 6.5, 15.25, 1.5, 3)
GOOD = value_histo("grad/good", GOOD_DISPLAY, metadata(PLUGIN, payload(positive=(0, [2, 1]))))
# A plausible display for the crafted payloads: two values, bucket (0.5, 1] and (1, 2].
PLAIN_DISPLAY = histo([1, 2], [1, 1], 2, 2.5, 3.25, 1, 1.5)
NAN = float("nan")
INF = float("inf")


def ours(content, display=PLAIN_DISPLAY):
    return value_histo("grad/bad", display, metadata(PLUGIN, content))


def foreign(limits, counts, num=3, lo=0.0, hi=1.0):
    return value_histo("grad/bad", histo(limits, counts, num, 1.0, 1.0, lo, hi))


CASES = {
    # The file: one bucket at +2^40 and one at -2^40 (a 17 TB allocation once).
    "offsets-2pow40": ours(payload(positive=(1 << 40, [1]), negative=(-(1 << 40), [1]))),
    # One sign spanning more than 2^15 buckets (a finite range at scale 20).
    "span-too-wide": ours(payload(scale=20, positive=(0, [1] + [0] * 40000 + [1]))),
    # Each sign narrow, but folded onto |x| they span 80 001 buckets.
    "signs-union-too-wide": ours(payload(scale=20, positive=(40000, [1]), negative=(-40000, [1]))),
    # Counts whose total overflows UInt64.
    "counts-overflow": ours(payload(positive=(0, [1 << 63, 1 << 63]))),
    "nan-threshold": ours(payload(zero_threshold=NAN, positive=(0, [1]), zero=1)),
    "negative-threshold": ours(payload(zero_threshold=-1.0, positive=(0, [1]), zero=1)),
    "infinite-threshold": ours(payload(zero_threshold=INF, zero=1)),
    # Version 2 takes its statistics from the display histogram: NaN there.
    "nan-minmax": ours(payload(positive=(0, [1, 1])), display=histo([2, 4], [1, 1], 2, 4.5, 11.25, NAN, NAN)),
    # Version 1 carries its statistics in the payload: min > max.
    "v1-min-above-max": ours(payload(version=1, positive=(0, [1, 1]), stats=(4.5, 11.25, 3.0, 1.5))),
    "scale-99": ours(payload(scale=99, positive=(0, [1]))),
    "scale-negative-99": ours(payload(scale=-99, positive=(0, [1]))),
    # offset + count overflows Int64.
    "offset-int64-max": ours(payload(positive=((1 << 63) - 1, [0, 1]))),
    "offset-int64-min": ours(payload(negative=(-(1 << 63), [1, 1]))),
    "version-99": ours(payload(version=99, positive=(0, [1]))),
    "garbage-payload": ours(b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01\x12\x80"),
    # Foreign HistogramProtos (no plugin).
    "foreign-nan-limits": foreign([NAN, 1, 2], [1, 1, 1]),
    "foreign-decreasing-limits": foreign([3, 2, 1], [1, 1, 1]),
    "foreign-mismatched-lengths": foreign([1, 2, 3], [1]),
    "foreign-bad-counts": foreign([1, 2, 3], [-5, NAN, INF]),
    "foreign-nan-statistics": foreign([1, 2], [1, 1], num=NAN, lo=NAN, hi=NAN),
    # TF2 [k, 3] tensors of the "histograms" plugin.
    "tensor-nan-edges": value_tensor("grad/bad", tensor_proto([2, 3], doubles=[NAN, 1, 1, 1, NAN, 1]),
                                     b"histograms"),
    "tensor-left-above-right": value_tensor("grad/bad", tensor_proto([1, 3], doubles=[5, 1, 1]), b"histograms"),
    "tensor-huge-shape": value_tensor("grad/bad", tensor_proto([1 << 62, 3], content=b"\0" * 24), b"histograms"),
    "tensor-negative-shape": value_tensor("grad/bad", tensor_proto([-1, 3], doubles=[0, 1, 1]), b"histograms"),
}


def write_case(directory, name, bad):
    events = [
        event(0, 1.0e9, file_version=b"brain.Event:2"),
        event(0, 1.0e9 + 1, [value_scalar("loss", 0.5)]),
        event(1, 1.0e9 + 2, [GOOD, bad]),
        event(2, 1.0e9 + 3, [value_scalar("loss", 0.25)]),
    ]
    path = os.path.join(directory, name)
    os.makedirs(path)
    with open(os.path.join(path, "events.out.tfevents.1000000000.hostile.1.0"), "wb") as f:
        for e in events:
            f.write(record(e))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "..", "Tests", "GradscopeTestSupport", "Fixtures", "hostile")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    for name, bad in CASES.items():
        write_case(out, name, bad)
    assert crc32c(b"123456789") == 0xE3069283  # the CRC-32C check value (RFC 3720)
    print(f"{len(CASES)} cases in {out}")


if __name__ == "__main__":
    main()

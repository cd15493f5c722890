#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer target (Fuzz/, `-sanitize=fuzzer`) and runs it for
# FUZZ_SECONDS (default 300) on a corpus seeded from the test fixtures: every record of
# every fixture event file (the fuzzer frames an input as one record) and every whole file.
# Findings (crashing inputs) land in Fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-300}"
corpus="Fuzz/corpus"
(cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer)
rm -rf "$corpus" && mkdir -p "$corpus" Fuzz/findings
python3 - "$corpus" <<'PY'
import glob, os, struct, sys
out = sys.argv[1]
n = 0
for path in sorted(glob.glob("Tests/GradscopeTestSupport/Fixtures/**/events.out.tfevents.*", recursive=True)):
    data = open(path, "rb").read()
    with open(os.path.join(out, f"file-{n}"), "wb") as f:
        f.write(data[:1 << 20])
    n += 1
    at = 0
    while at + 12 <= len(data):
        (length,) = struct.unpack_from("<Q", data, at)
        if at + 16 + length > len(data):
            break
        with open(os.path.join(out, f"record-{n}"), "wb") as f:
            f.write(data[at + 12:at + 12 + length])
        n += 1
        at += 16 + length
print(f"corpus: {n} inputs", file=sys.stderr)
PY
Fuzz/.build/release/EventFuzzer "$corpus" -max_total_time="$seconds" -max_len=65536 \
  -artifact_prefix=Fuzz/findings/ -print_final_stats=1
# Then a sample of the corpus through every reading command of the CLI.
swift build -c release --product gradscope
scripts/fuzz-replay-cli.sh .build/release/gradscope "$corpus" "${FUZZ_REPLAY:-150}"

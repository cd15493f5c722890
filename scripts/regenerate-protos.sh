#!/usr/bin/env bash
# Regenerates Sources/TensorBoardLog/Generated/*.pb.swift from Sources/TensorBoardLog/Protos.
#
# protoc-gen-swift is built from the swift-protobuf checkout that SwiftPM resolved for this
# package, so the generated code always matches the runtime library version (1.39.0).
# Needs `protoc` on PATH (Debian: protobuf-compiler).
#
# usage: scripts/regenerate-protos.sh
#   PROTOC_GEN_SWIFT_SCRATCH  build directory for the plugin (default .build/protoc-gen-swift)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

command -v protoc >/dev/null || { echo "protoc not found (apt-get install protobuf-compiler)" >&2; exit 1; }

swift package resolve
checkout="$root/.build/checkouts/swift-protobuf"
[ -f "$checkout/Package.swift" ] || { echo "no swift-protobuf checkout at $checkout" >&2; exit 1; }

scratch="${PROTOC_GEN_SWIFT_SCRATCH:-$root/.build/protoc-gen-swift}"
swift build --package-path "$checkout" --scratch-path "$scratch" --product protoc-gen-swift
plugin="$(swift build --package-path "$checkout" --scratch-path "$scratch" --show-bin-path)/protoc-gen-swift"

protos=Sources/TensorBoardLog/Protos
out=Sources/TensorBoardLog/Generated
mkdir -p "$out"
rm -f "$out"/*.pb.swift
files=$(cd "$protos" && find . -name '*.proto' | sed 's|^\./||' | sort)
# shellcheck disable=SC2086
protoc --plugin=protoc-gen-swift="$plugin" \
    --swift_opt=Visibility=Internal \
    --swift_opt=FileNaming=PathToUnderscores \
    --swift_out="$out" \
    -I "$protos" $files
echo "generated: $(ls "$out")"

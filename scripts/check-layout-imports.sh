#!/usr/bin/env bash
# Prints each module's imports, as the README's layout table lists them.
set -euo pipefail
cd "$(dirname "$0")/.."
for dir in Sources/*/; do
  module=$(basename "$dir")
  imports=$( (grep -rhoE '^(@_exported |@testable |public )?import [A-Za-z_.]+' "$dir" --include='*.swift' 2>/dev/null || true) \
    | sed -E 's/.*import //' | sort -u | tr '\n' ' ')
  if [ -n "$imports" ]; then echo "$module: $imports"; fi
done

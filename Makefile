# gradscope — build, test, demo and benchmark targets.
# `make demo` and `make test` install what a fresh Debian machine lacks, then build.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libcairo2-dev libopenblas-dev fonts-dejavu-core pkg-config poppler-utils
DEMO_OUT ?= demo-out

.PHONY: deps browser build release test python-venv python-test demo demo-quick check-demo bench fuzz gallery protos clean

## deps: install the Debian packages the build needs (only those missing).
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing" >&2; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >&2; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product gradscope

## browser: Debian's chromium, which the report's browser test (ReportBrowserTests) loads pages in.
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >&2; }

test: deps browser
	GRADSCOPE_REQUIRE_CHROMIUM=1 $(SWIFT) test
	$(MAKE) demo-quick
	$(MAKE) python-test

## python-venv: a virtual environment (.venv) with gradscope-torch and its test extras. It sees
## the system's packages, so a preinstalled torch is reused; where none is, pip installs torch.
VENV ?= .venv
PYTHON ?= python3
python-venv:
	@command -v $(PYTHON) >/dev/null && $(PYTHON) -c 'import ensurepip' 2>/dev/null || { \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3 python3-venv python3-pip >&2; }
	@[ -x $(VENV)/bin/python ] || $(PYTHON) -m venv --system-site-packages $(VENV)
	$(VENV)/bin/python -m pip install -q './python[test,fast-crc,tensorboard]'

## python-test: the Python package's tests, the cross-language ones against the CLI built here.
python-test: python-venv
	$(SWIFT) build --product gradscope
	GRADSCOPE="$$($(SWIFT) build --show-bin-path)/gradscope" GRADSCOPE_REQUIRE_CLI=1 \
	  $(VENV)/bin/python -m pytest -q -p no:cacheprovider python/tests

## demo: the main job — train Adam, Adam + warmup and RAdam, plot, diagnose (about a minute after the build).
demo: release
	.build/release/gradscope demo --out $(DEMO_OUT)

## demo-quick: the quick demo (4 layers, 150 steps) from the release binary, its three verdicts
## and figure files checked by scripts/check-demo-quick.sh (part of `make test`).
demo-quick: release
	rm -rf $(DEMO_OUT)-quick
	scripts/check-demo-quick.sh .build/release/gradscope $(DEMO_OUT)-quick

## check-demo: the README's headline, checked: the full demo (6 layers, 1000 steps) reproduces
## the pathology on seeds 0, 1 and 2 (PathologyTests.fullDemo, release build; see README for its run time).
check-demo: deps
	GRADSCOPE_FULL_DEMO=1 $(SWIFT) test -c release --filter PathologyTests

bench: deps
	$(SWIFT) build -c release --product gradscope-bench

## fuzz: libFuzzer over the event-file reader and the payload decoder (Fuzz/), corpus from
## the test fixtures, FUZZ_SECONDS (default 300) long; crashing inputs go to Fuzz/findings/;
## then 150 corpus inputs through every reading command of the CLI (scripts/fuzz-replay-cli.sh).
fuzz: deps
	scripts/fuzz.sh

## protos: regenerate the committed Swift code of the .proto files (needs protoc).
protos: deps
	@command -v protoc >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq protobuf-compiler >&2; }
	scripts/regenerate-protos.sh

clean:
	rm -rf .build $(DEMO_OUT)

# gensyn: one Makefile for the contracts (Foundry) and the Go node software.
# Tool versions are pinned in one place each: package.json/package-lock.json
# (forge, anvil, cast, solc, forge-std, OpenZeppelin) and go.mod (go-ethereum
# via op-geth, op-service, abigen).

SHELL := /bin/bash
.DEFAULT_GOAL := help

BIN        := node_modules/.bin
FORGE      := $(BIN)/forge
GO         ?= go
# Packages whose results must be bit-identical on every architecture: they run
# under GOAMD64=v1, GOAMD64=v3 and arm64 (qemu-user) in test-repro.
REPRO_PKGS ?= ./node/repops/... ./node/commit/... ./node/spec/... ./node/dataset/... ./node/trainer/... ./node/lm/...
# Packages run without -race: pure computation (the race detector multiplies
# its run time and finds nothing there), and every package whose tests use
# go-ethereum's simulated chain: its block building can miss a wake-up
# (miner.Payload.WaitFull waits on a condition without checking it first) and
# hang forever, which the race detector's slowdown makes likely. Their
# concurrent code is still exercised by the end-to-end tests.
NORACE_PKGS ?= ./examples ./node/float32evm/... ./node/onestepevm/... ./internal/inbox/... ./internal/testchain/... ./bindings/... ./node/worker ./sequencer ./node/dispute ./verifier
# Everything else (services, chain code, CLI, end-to-end) runs with -race.
# The end-to-end tests (real anvil and processes, about 17 minutes under
# -race on 2 cores) run on their own, with a timeout of their own.
RACE_PKGS = $(shell $(GO) list ./... | grep -v -E '/node/(repops|commit|spec|dataset|trainer|lm|float32evm|onestepevm)(/|$$)|/examples$$|/internal/(inbox|testchain)$$|/bindings$$|/node/worker$$|/sequencer$$|/node/dispute$$|/verifier$$|/e2e$$')
QEMU       ?= qemu-aarch64
EXPLORER_ADDR ?= 127.0.0.1:8580
# The commit `gensyn version` prints (+modified for a dirty work tree).
COMMIT     := $(shell git rev-parse HEAD 2>/dev/null)$(shell git diff --quiet HEAD 2>/dev/null || echo +modified)
# The gas snapshot covers the dedicated gas tests only (fuzz and invariant
# runs vary from run to run).
SNAPSHOT_ARGS ?= --match-contract '_Gas_Test$$|^Float32GasTest$$'

.PHONY: help
help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_-]+:.*## / {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

.PHONY: deps
deps: node_modules/.stamp ## Install the pinned contracts toolchain (npm ci) and Go modules
	$(GO) mod download

.PHONY: build
build: node_modules/.stamp ## Build the contracts and the gensyn binary (bin/gensyn)
	$(FORGE) build
	$(GO) build -ldflags "-X main.Commit=$(COMMIT)" -o bin/gensyn ./cmd/gensyn

.PHONY: s3server
s3server: ## Build the S3 test server (tools/s3server, the S3 tests' own) into bin/s3server
	$(GO) build -o bin/s3server ./tools/s3server

.PHONY: test
test: node_modules/.stamp ## Run the whole test suite: forge, Go (services with -race), cross-architecture reproducibility
	$(FORGE) build
	$(FORGE) test
	$(MAKE) --no-print-directory test-go
	$(MAKE) --no-print-directory test-repro

.PHONY: test-contracts
test-contracts: node_modules/.stamp ## Run the forge tests only
	$(FORGE) test

.PHONY: test-go
test-go: node_modules/.stamp ## Run the Go tests except the cross-architecture runs
	$(FORGE) build
	$(GO) test -race -timeout 25m $(RACE_PKGS)
	$(GO) test -timeout 25m $(NORACE_PKGS)
	$(GO) test -race -timeout 45m ./e2e

.PHONY: test-repro
# Within each run, node/repops's tests loop over every matrix-product kernel
# the CPU runs (avx2, sse, go on amd64; neon, go on arm64) and 1, 2 and 3
# threads, including the golden training digests and the trainer's golden
# root. The last two lines: the trainer's whole golden job with the kernel
# and thread count forced through the environment, and the purego build.
# Under qemu (ten times slower) the run is -short: every golden and
# bit-identity test still runs, the random sweeps draw fewer cases, and the
# training-quality test (a transformer against a bigram) is left to amd64.
test-repro: ## RepOps reproducibility: the node tests under GOAMD64=v1, GOAMD64=v3 and arm64 (qemu-user), every kernel and 1-3 threads
	GOAMD64=v1 $(GO) test -count=1 $(REPRO_PKGS)
	GOAMD64=v3 $(GO) test -count=1 $(REPRO_PKGS)
	@$(MAKE) --no-print-directory qemu
	GOARCH=arm64 $(GO) test -count=1 -short -exec $(QEMU) $(REPRO_PKGS)
	GENSYN_REPOPS_KERNEL=sse GENSYN_REPOPS_THREADS=3 $(GO) test -count=1 -run Golden ./node/trainer/... ./node/lm/...
	$(GO) test -count=1 -tags purego -run 'MatMul|Kernel|Golden' ./node/repops/...

# The vector exp against the scalar exp program on all 2^32 inputs (minutes
# of CPU; not in test or ci, which check every 4093rd input).
.PHONY: test-exp-exhaustive
test-exp-exhaustive: ## RepOps: the vector exp against the exp program on every one of the 2^32 binary32 inputs
	GENSYN_REPOPS_EXP_EXHAUSTIVE=1 $(GO) test -count=1 -timeout 2h -run 'TestExpVecExhaustive' -v ./node/repops

# The AVX-512 code executed on an emulated AVX-512 CPU (this project's
# machines may have none): tools/emu boots Linux in Bochs (CPU model
# corei7_skylake_x) with the package's test binary as the program, checks
# that AVX-512 instructions execute in the guest, and passes only if the
# tests print PASS. RepOps: the avx512 kernel must be the one auto-dispatch
# picks, and the matrix-product bit-identity tests (every kernel, 1-3
# threads), the golden training digests and the trainer's golden root must
# match. tools/emu/setup.sh installs Bochs and caches a Debian kernel once
# (apt-get); two to four minutes a run on 2 cores. See docs/avx512.md.
AVX512_REPOPS_RUN ?= TestAVX512|TestKernelsMatchGo|TestMatMulKernelsThreads|TestMatMulSpecialsOnly|TestMatMulConcurrent|TestMatMulNoAllocs|TestLMKernelsMatchPrograms|TestKernelSelection|TestKernelEnv|TestGoldenTraining|TestGoldenTrainingKernelsThreads|TestTrainerGoldenRootKernelsThreads|TestExpVecPicksKernel
# node/commit: the eight-way avx512 keccak must be the path auto-dispatch
# picks, each of its eight states must match the Go permutation, and the
# differential tests (every path the CPU runs against x/crypto and the old
# implementation) and the commitment vectors must pass on it.
AVX512_COMMIT_RUN ?= TestAVX512|TestPermutationX8|TestKeccakEnv|TestLookupPath|TestKeccakKnownAnswer|TestLeavesAndNodesMatchXCrypto|TestListRootMatchesOld|TestMerkleRootMatchesReference|TestTensorRootMatchesReference|TestTensorRootsParallelMatchesSequential|TestVectors|TestChunkedTensorRootsMatchReference|TestElementPathMatchesMerkleProof|TestFrontierMatchesReference
.PHONY: test-avx512 test-avx512-setup test-avx512-repops test-avx512-commit
# The two emulator runs are independent (each Bochs uses one core): run them
# side by side with make -j2 --output-sync=target test-avx512, as .ci/run does.
test-avx512: test-avx512-repops test-avx512-commit ## AVX-512 code executed on an emulated AVX-512 CPU (Bochs, tools/emu): RepOps' avx512 kernel, bit identity and golden digests; node/commit's avx512 keccak

test-avx512-setup:
	tools/emu/setup.sh

test-avx512-repops: test-avx512-setup
	tools/emu/run.sh -copy node/repops/testdata,node/trainer/testdata,examples,data -env GENSYN_TEST_REQUIRE_AVX512=1 \
	  ./node/repops -test.run '$(AVX512_REPOPS_RUN)' -test.short -test.v

test-avx512-commit: test-avx512-setup
	tools/emu/run.sh -copy testdata/vectors -env GENSYN_TEST_REQUIRE_AVX512=1 \
	  ./node/commit -test.run '$(AVX512_COMMIT_RUN)' -test.short -test.v

# qemu-user runs the arm64 test binaries. On a fresh machine it is installed
# here when that can be done without a question (root, or password-less sudo,
# with apt-get); otherwise one line says what to install.
.PHONY: qemu
qemu: ## Install qemu-user (for test-repro's arm64 run) if it is missing and apt-get can
	@command -v $(QEMU) >/dev/null && exit 0; \
	if command -v apt-get >/dev/null && { [ "$$(id -u)" = 0 ] && SUDO= || { sudo -n true 2>/dev/null && SUDO="sudo -n"; }; }; then \
	  echo "--- $(QEMU) not found: installing qemu-user (apt-get)"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq qemu-user >/dev/null || { echo "$(QEMU) not found and apt-get install qemu-user failed: install qemu-user by hand"; exit 1; }; \
	  command -v $(QEMU) >/dev/null || { echo "qemu-user installed but $(QEMU) is not on PATH"; exit 1; }; \
	else \
	  echo "$(QEMU) not found: install qemu-user (Debian/Ubuntu: sudo apt-get install qemu-user), or run as root to let make test install it"; exit 1; \
	fi

.PHONY: devnet-soak
devnet-soak: node_modules/.stamp ## The saved devnet chain over a day of 1 s blocks: TestSavedChain with three bursts of 28,800 blocks, saved and resumed after each
	GENSYN_DEVNET_SOAK_BLOCKS=28800 $(GO) test -count=1 -timeout 3h -run '^TestSavedChain$$' -v ./internal/devnet

# Not part of test or ci: each party holds gigabytes and it runs for tens of
# minutes (docs/dispute.md, "Disputes at the maximum size").
.PHONY: e2e-maxsize
e2e-maxsize: node_modules/.stamp ## A dispute at the spec's maximum MLP size (117.5M parameters) with real processes: a cheater with its data published and withheld, and an honest Defender; moves, gas, clocks, peak RSS
	$(FORGE) build
	GENSYN_E2E_MAXSIZE=1 $(GO) test -count=1 -timeout 4h -run '^TestDisputeMaxSize$$' -v ./e2e

.PHONY: bench
bench: ## Run the Go benchmarks (RepOps kernels, training, commitments)
	$(GO) test -run '^$$' -bench . -benchmem ./node/...

.PHONY: bench-indexer
bench-indexer: node_modules/.stamp ## Indexer catch-up on a generated chain of 1000 jobs and 10,000 commitments (GENSYN_INDEXER_BENCH_JOBS to resize)
	$(GO) test -count 3 -timeout 30m -run '^$$' -bench '^BenchmarkCatchUp$$' -benchtime 1x ./indexer

.PHONY: snapshot
snapshot: node_modules/.stamp ## Write the forge gas snapshot (.gas-snapshot)
	$(FORGE) snapshot $(SNAPSHOT_ARGS)

.PHONY: check-snapshot
check-snapshot: node_modules/.stamp ## Fail if the gas snapshot is out of date
	$(FORGE) snapshot --check $(SNAPSHOT_ARGS)

.PHONY: bindings
bindings: node_modules/.stamp ## Regenerate the Go bindings from the Foundry artifacts
	$(FORGE) build
	$(GO) run ./internal/cmd/genbindings

.PHONY: check-bindings
check-bindings: node_modules/.stamp ## Fail if the committed Go bindings are stale
	$(FORGE) build
	$(GO) run ./internal/cmd/genbindings -check

.PHONY: lint
lint: node_modules/.stamp ## gofmt, go vet, go mod tidy diff, forge fmt --check
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^bindings/')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@cp go.mod /tmp/gensyn-go.mod.bak && cp go.sum /tmp/gensyn-go.sum.bak; \
	  $(GO) mod tidy && git diff --exit-code go.mod go.sum || { echo "go.mod/go.sum not tidy: run go mod tidy"; cp /tmp/gensyn-go.mod.bak go.mod; cp /tmp/gensyn-go.sum.bak go.sum; exit 1; }
	$(FORGE) fmt --check

.PHONY: fmt
fmt: node_modules/.stamp ## Format Go and Solidity sources
	gofmt -w $$(git ls-files '*.go' | grep -v '^bindings/')
	$(FORGE) fmt

.PHONY: ci
ci: lint check-bindings check-snapshot ## Everything CI runs: lint, bindings and gas snapshot freshness, the whole test suite (CI fuzz profile)
	FOUNDRY_PROFILE=ci $(MAKE) --no-print-directory test

.PHONY: demo
demo: node_modules/.stamp ## Run a whole job on a fresh devnet, then a dispute; leave the explorer running on EXPLORER_ADDR (Ctrl-C stops it)
	$(GO) run ./cmd/gensyn demo --explorer $(EXPLORER_ADDR) --keep

.PHONY: devnet-up
devnet-up: node_modules/.stamp ## Start a local anvil devnet with the contracts deployed
	$(GO) run ./cmd/gensyn devnet up

.PHONY: devnet-down
devnet-down: ## Stop the local devnet
	$(GO) run ./cmd/gensyn devnet down

.PHONY: clean
clean: ## Remove build outputs
	rm -rf bin contracts/out contracts/cache

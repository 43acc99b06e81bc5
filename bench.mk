# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The perf buffer vs ring buffer benchmark, included by the Makefile:
# `make ringbuf-bench` builds the tool, `make bench` runs the standard matrix
# and draws its plots, `make bench-test` builds what its tests need.

BENCH_OUT := $(OUTPUT)/bench
BENCH_OBJS := main.o options.o run.o ring.o stats.o report.o
BENCH_HDRS := $(wildcard src/bench/*.h) src/tool/parse.h src/tool/clock.h \
	src/tool/libbpf_log.h src/perf_sample.h src/wakeup.h src/ring_set.h \
	src/ring_topology.h
BENCH_UNIT_SRCS := $(wildcard tests/unit/bench/*.c)
BENCH_UNIT_DEPS := $(BENCH_UNIT_SRCS) $(wildcard tests/unit/bench/*.h) \
		   $(BENCH_HDRS) tests/unit/check.h
# The unit tests link only the parts that need neither BPF nor root.
BENCH_UNIT_OBJS := $(BENCH_OUT)/options.o $(BENCH_OUT)/stats.o \
		   $(BENCH_OUT)/report.o $(OUTPUT)/parse.o

BENCH_CLEAN := ringbuf-bench

.PHONY: bench bench-test

$(BENCH_OUT):
	$(Q)mkdir -p $@

# The benchmark's BPF objects; their skeletons are the Makefile's rule's.
$(BENCH_OUT)/%.bpf.o: src/bench/%.bpf.c $(OUTPUT)/vmlinux.h \
		      $(OUTPUT)/build-config | $(BENCH_OUT) $(LIBBPF_DEPS)
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) $(DEPFLAGS) $(INCLUDES) -c $< -o $@

# Only run.c names the skeleton.
$(BENCH_OUT)/run.o: $(BENCH_OUT)/bench.skel.h

$(BENCH_OUT)/%.o: src/bench/%.c $(OUTPUT)/build-config | $(BENCH_OUT) \
		   $(LIBBPF_DEPS)
	$(call msg,CC,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(INCLUDES) -I$(BENCH_OUT) -c $< -o $@
-include $(wildcard $(BENCH_OUT)/*.d)

# The value parsers are the tracers' own (src/tool/parse.c), and so are the
# rings of --rings (src/ring_set.c).  Beside the
# tracers: ./ringbuf-bench, or in the tree of a build of the tests' own.
$(BINDIR)/ringbuf-bench: $(addprefix $(BENCH_OUT)/,$(BENCH_OBJS)) \
			 $(OUTPUT)/parse.o $(OUTPUT)/ring_set.o $(LIBBPF_A)
	$(call msg,BINARY,$@)
	$(Q)mkdir -p $(BINDIR)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(filter %.o,$^) $(LIBBPF_LIBS) \
		-lpthread -lm -o $@

# The exec storm that measures the tracers' cost, and its static child.
$(BENCH_OUT)/exec-storm: src/bench/exec-storm.c $(OUTPUT)/parse.o | $(BENCH_OUT)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(INCLUDES) $^ -o $@

$(BENCH_OUT)/storm-child: src/bench/storm-child.c | $(BENCH_OUT)
	$(call msg,BINARY,$@)
	$(Q)$(CC) -O2 -static -nostdlib -fno-stack-protector $< -o $@

STORM := $(BENCH_OUT)/exec-storm $(BENCH_OUT)/storm-child

# The floors bench/bpf-cost measures the tracers' programs against: BPF
# programs on the same hooks that do nothing, or send an empty record.
$(BENCH_OUT)/floor: src/bench/floor.c $(BENCH_OUT)/floor.skel.h \
		    src/perf_sample.h $(LIBBPF_A)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(INCLUDES) -I$(BENCH_OUT) $(LDFLAGS) \
		$< $(LIBBPF_LIBS) -o $@

STORM += $(BENCH_OUT)/floor

# Unit tests of the benchmark: own binary, own main, no BPF, no root.
$(OUTPUT)/bench-unit-tests: $(BENCH_UNIT_DEPS) $(BENCH_UNIT_OBJS)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc/bench $(INCLUDES) $(BENCH_UNIT_SRCS) \
		$(BENCH_UNIT_OBJS) $(LIBBPF_LIBS) -lm -o $@

bench-test: check-deps ringbuf-bench $(OUTPUT)/bench-unit-tests $(STORM)

# The standard matrix on this machine: results table, CSV and plots.
bench: check-deps ringbuf-bench $(VARIANTS) $(STORM)
	$(Q)tools/bench-install-deps
	$(Q)bench/run-matrix

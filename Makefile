# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Builds the four exec/exit tracers.  `make V=1` shows the full commands;
# `make STATIC=1` links each tool into one file that needs no shared library;
# `make LIBBPF=system` builds with the distribution's libbpf and bpftool
# instead of the pinned submodules (see libbpf.mk).

VERSION := 0.1.0
OUTPUT := .output
CLANG ?= clang
LLVM_STRIP ?= llvm-strip
PKG_CONFIG ?= pkg-config
CC ?= cc
ARCH := $(shell uname -m | sed -e 's/x86_64/x86/' -e 's/aarch64/arm64/')

VARIANTS := perfbuf-output ringbuf-output ringbuf-reserve-submit \
	ringbuf-reserve-dynptr
BINDIR ?= .
TOOLS := $(addprefix $(BINDIR)/,$(VARIANTS))
COMMON_OBJS := main.o options.o parse.o format.o env.o unicode.o buf.o writer.o \
	latency.o stop.o consumer.o preflight.o fill.o reorder.o rings.o \
	ring_set.o

CFLAGS ?= -g -O2
ifeq ($(V),1)
	Q =
	msg =
else
	Q = @
	msg = @printf '  %-8s %s\n' "$(1)" "$(2)";
endif

# Its rules come first in the file: `make` alone still means `make all`.
.DEFAULT_GOAL := all
include libbpf.mk

# What the sources need, kept apart so `make CFLAGS=...` cannot drop it;
# CPPFLAGS and LDFLAGS as a packager's build sets them (hardening).
ALL_CFLAGS = $(CPPFLAGS) $(CFLAGS) -Wall -Wextra -std=gnu11 -D_GNU_SOURCE \
	-DVERSION='"$(VERSION)"' -DLIBBPF_ORIGIN='"$(LIBBPF)"'
INCLUDES := -I$(OUTPUT) -Isrc -Isrc/tool $(LIBBPF_INCLUDES)
# The mechanism and the contract in src/, the tool's machinery in src/tool/.
HEADERS := $(wildcard src/*.h src/tool/*.h)
vpath %.c src src/tool
BPF_CFLAGS := -g -O2 -Wall -target bpf -D__TARGET_ARCH_$(ARCH)
ifeq ($(STATIC),1)
LINK_MODE := static
else
LINK_MODE := dynamic
endif

.PHONY: all clean test check-deps test-programs sanitize static system-libbpf \
	fuzz docs FORCE
all: check-deps $(TOOLS)

# Say what is missing, and how to get it, before anything fails obscurely.
check-deps:
	@LIBBPF=$(LIBBPF) LIBBPF_MIN_VERSION=$(LIBBPF_MIN_VERSION) tools/check-deps

# CO-RE types: from this machine's kernel when it has BTF, else the
# committed copy (types are relocated at load time either way).  bpftool
# 7.6 and later say on stderr that they load the kernel's BTF as the base:
# that line goes, errors stay.
VMLINUX_BTF ?= /sys/kernel/btf/vmlinux
$(OUTPUT)/vmlinux.h: | $(OUTPUT) $(LIBBPF_DEPS)
	$(call msg,VMLINUX,$@)
	$(Q)if [ -r $(VMLINUX_BTF) ]; then \
		{ $(BPFTOOL) btf dump file $(VMLINUX_BTF) format c 2>&1 >$@.tmp && \
		  mv $@.tmp $@; } | grep -v 'will be loaded as base' >&2; \
		[ -e $@ ]; \
	else \
		cp vmlinux/$(ARCH)/vmlinux.h $@; \
	fi

$(OUTPUT):
	$(Q)mkdir -p $@

$(OUTPUT)/%.bpf.o: src/%.bpf.c src/tracer.bpf.h src/rings.bpf.h src/cwd.bpf.h \
		   src/failed.bpf.h src/wakeup.bpf.h src/event.h $(OUTPUT)/vmlinux.h | $(LIBBPF_DEPS)
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) $(INCLUDES) -c $< -o $@
	$(Q)$(LLVM_STRIP) -g $@	# DWARF goes, BTF stays: CO-RE needs only BTF

$(OUTPUT)/%.skel.h: $(OUTPUT)/%.bpf.o
	$(call msg,GEN-SKEL,$@)
	$(Q)$(BPFTOOL) gen skeleton $< > $@.tmp && mv $@.tmp $@

# A tool's own file opens its skeleton; a ring buffer tool's, the perf
# buffer's too (its fallback).  None links an object it does not use.
$(patsubst %,$(OUTPUT)/%.o,$(VARIANTS)): $(OUTPUT)/%.o: $(OUTPUT)/%.skel.h \
	$(OUTPUT)/perfbuf-output.skel.h

$(OUTPUT)/%.o: %.c $(HEADERS) Makefile $(OUTPUT)/build-config \
	      | $(OUTPUT) $(LIBBPF_DEPS)
	$(call msg,CC,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(INCLUDES) -c $< -o $@

# Changes only when the build's choices do (STATIC=1, LIBBPF=system):
# what depends on it is built again then, and only then.
$(OUTPUT)/build-config: FORCE | $(OUTPUT)
	$(Q)echo $(LINK_MODE) $(LIBBPF) | cmp -s - $@ || echo $(LINK_MODE) $(LIBBPF) > $@

$(TOOLS): $(BINDIR)/%: $(OUTPUT)/%.o $(addprefix $(OUTPUT)/,$(COMMON_OBJS)) \
		       $(OUTPUT)/build-config $(LIBBPF_A)
	$(call msg,BINARY,$@)
	$(Q)mkdir -p $(BINDIR)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(filter %.o,$^) $(LIBBPF_LIBS) -o $@

# Unit tests: the pure C parts, no BPF, no root.
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(addprefix $(OUTPUT)/,options.o parse.o format.o env.o unicode.o buf.o \
	       latency.o writer.o fill.o reorder.o)
$(OUTPUT)/unit-tests: $(UNIT_SRCS) tests/unit/check.h $(UNIT_OBJS)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(INCLUDES) $(UNIT_SRCS) $(UNIT_OBJS) \
		$(LIBBPF_LIBS) -o $@

# A program whose exec and exit the live tests watch.
$(OUTPUT)/lifecycle: tests/helpers/lifecycle.c | $(OUTPUT)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $< -lpthread -o $@

# Runs a command where bpf() fails with EPERM, as in a locked-down container.
$(OUTPUT)/deny-bpf: tests/helpers/deny-bpf.c | $(OUTPUT)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $< -o $@

# Runs a program through execveat(), to give it a name longer than PATH_MAX.
$(OUTPUT)/execveat: tests/helpers/execveat.c | $(OUTPUT)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $< -o $@

# Runs a program under a pid of our choosing: a pid reused on purpose.
$(OUTPUT)/with-pid: tests/helpers/with-pid.c | $(OUTPUT)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $< -o $@

# Runs a program from a memfd, or from a file deleted once opened.
$(OUTPUT)/fdexec: tests/helpers/fdexec.c | $(OUTPUT)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $< -o $@

# Overwrites its own environment once running: --env shows the exec's.
$(OUTPUT)/rewrite-env: tests/helpers/rewrite-env.c | $(OUTPUT)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $< -o $@

# Runs a program through execve() itself: how the tests make execs fail.
$(OUTPUT)/execve: tests/helpers/execve.c | $(OUTPUT)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $< -o $@

# What the tests run: the tools, the unit tests, the helper processes.
test-programs: all $(OUTPUT)/unit-tests $(OUTPUT)/lifecycle \
	       $(OUTPUT)/deny-bpf $(OUTPUT)/execveat $(OUTPUT)/with-pid \
	       $(OUTPUT)/fdexec $(OUTPUT)/rewrite-env $(OUTPUT)/execve

# The same programs with the user space under AddressSanitizer and
# UndefinedBehaviorSanitizer, in a tree of their own.
SANITIZE_OUTPUT := $(OUTPUT)/sanitize
SANITIZE_CFLAGS := -g -O1 -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all
sanitize: $(LIBBPF_DEPS)
	$(Q)$(MAKE) --no-print-directory OUTPUT=$(SANITIZE_OUTPUT) \
		BINDIR=$(SANITIZE_OUTPUT)/bin CC=$(CLANG) \
		CFLAGS="$(SANITIZE_CFLAGS)" test-programs

# The tools linked statically, in a tree of their own, for the tests.
STATIC_OUTPUT := $(OUTPUT)/static
static: $(LIBBPF_DEPS)
	$(Q)$(MAKE) --no-print-directory OUTPUT=$(STATIC_OUTPUT) \
		BINDIR=$(STATIC_OUTPUT)/bin STATIC=1 all

# The tools and ringbuf-bench built against the distribution's libbpf and
# bpftool, in a tree of their own, for the tests: what `make LIBBPF=system`
# builds.
SYSTEM_OUTPUT := $(OUTPUT)/system
system-libbpf:
	$(Q)$(MAKE) --no-print-directory OUTPUT=$(SYSTEM_OUTPUT) \
		BINDIR=$(SYSTEM_OUTPUT)/bin LIBBPF=system all \
		$(SYSTEM_OUTPUT)/bin/ringbuf-bench

# libFuzzer on the code that turns a raw record into text and JSON.
FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined
FUZZ_SRCS := src/tool/format.c src/tool/env.c src/tool/unicode.c src/tool/buf.c
$(OUTPUT)/fuzz-record: tests/fuzz/fuzz_record.c $(FUZZ_SRCS) $(HEADERS) | $(OUTPUT)
	$(call msg,FUZZ,$@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) -D_GNU_SOURCE $(INCLUDES) $< $(FUZZ_SRCS) -o $@
fuzz: $(OUTPUT)/fuzz-record

# The whole suite, as root: unit tests, every tracer live, faults, a short
# fuzz run, unit and live tests again under the sanitizers, the tracers
# built against the system's libbpf, and the Debian package.
test: test-programs man sanitize static system-libbpf fuzz bench-test
	$(Q)tests/run

# The diffs, tables and figures in README.md and docs/*.md, from the
# sources and bench/*.csv; tests/docs.sh fails when they are stale.
docs:
	$(Q)tools/gen-docs

# The perfbuf vs ringbuf benchmark: ringbuf-bench and `make bench`.
-include bench.mk
# make install, make uninstall, the man pages and the systemd unit.
include install.mk

clean:
	$(call msg,CLEAN)
	$(Q)rm -rf $(OUTPUT) $(VARIANTS) $(BENCH_CLEAN)

.DELETE_ON_ERROR:
.SECONDARY:

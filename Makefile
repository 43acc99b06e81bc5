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
COMMON_OBJS := tracer.o output.o cgroup.o options.o sizing.o order.o parse.o \
	record.o format.o text.o json.o escape.o env.o unicode.o buf.o writer.o \
	latency.o stop.o perf_consumer.o ring_consumer.o fill_sample.o preflight.o fill.o reorder.o \
	rings.o ring_set.o

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
# User space is told the BPF side's architecture too (src/exec_calls.h).
ALL_CFLAGS = $(CPPFLAGS) $(CFLAGS) -Wall -Wextra -std=gnu11 -D_GNU_SOURCE \
	-DVERSION='"$(VERSION)"' -DLIBBPF_ORIGIN='"$(LIBBPF)"' \
	-D__TARGET_ARCH_$(BPF_ARCH)
INCLUDES := -I$(OUTPUT) -Isrc -Isrc/tool $(LIBBPF_INCLUDES)
# The mechanism and the contract in src/, the tool's machinery in src/tool/.
HEADERS := $(wildcard src/*.h src/tool/*.h)
vpath %.c src src/tool
# The BPF side's architecture: this machine's, unless other-archs says.
BPF_ARCH ?= $(ARCH)
BPF_CFLAGS := -g -O2 -Wall -target bpf -D__TARGET_ARCH_$(BPF_ARCH)
ifeq ($(STATIC),1)
LINK_MODE := static
else
LINK_MODE := dynamic
endif

.PHONY: all clean test check-deps test-programs sanitize static system-libbpf \
	old-vmlinux other-archs fuzz docs FORCE
all: check-deps $(TOOLS)

# Say what is missing, and how to get it, before anything fails obscurely.
check-deps:
	@LIBBPF=$(LIBBPF) LIBBPF_MIN_VERSION=$(LIBBPF_MIN_VERSION) tools/check-deps

# CO-RE types: always the committed header, never the build machine's
# kernel, so that the build is the same on every host, an old one too (the
# types are relocated against the running kernel's BTF at load time).  The
# header is of a newer kernel than the oldest the tools support: a member
# that kernel lacks is read through a CO-RE flavour (src/process_ends.bpf.h), and
# `make old-vmlinux` builds from the header without it.  The copy is made
# again whenever the two differ, so that a tree an older build gave the
# build machine's header is rebuilt from the committed one.
VMLINUX_H ?= vmlinux/$(ARCH)/vmlinux.h
$(OUTPUT)/vmlinux.h: $(VMLINUX_H) FORCE | $(OUTPUT)
	$(Q)cmp -s $< $@ || { printf '  %-8s %s\n' VMLINUX $@; cp $< $@; }
# Another architecture's header is not committed: say how to write one.
vmlinux/%/vmlinux.h:
	@echo "no vmlinux.h committed for $*: write one with bpftool btf" \
		"dump file /sys/kernel/btf/vmlinux format c > $@" >&2; exit 1

$(OUTPUT):
	$(Q)mkdir -p $@

# Each object's headers, as the compiler lists them (-MMD) in a .d file
# beside it: touching a header rebuilds what includes it, and only that.
DEPFLAGS = -MMD -MP
-include $(wildcard $(OUTPUT)/*.d)

$(OUTPUT)/%.bpf.o: src/%.bpf.c $(OUTPUT)/vmlinux.h $(OUTPUT)/build-config \
		   | $(LIBBPF_DEPS)
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) $(DEPFLAGS) $(INCLUDES) -c $< -o $@
	$(Q)$(LLVM_STRIP) -g $@	# DWARF goes, BTF stays: CO-RE needs only BTF

# The skeleton's name is the object's: ringbuf-output.bpf.o's is
# ringbuf_output_bpf (bpftool's own choice, said for older bpftools).
%.skel.h: %.bpf.o
	$(call msg,GEN-SKEL,$@)
	$(Q)$(BPFTOOL) gen skeleton $< name $(subst -,_,$(notdir $*))_bpf \
		> $@.tmp && mv $@.tmp $@

# A tool's own file opens its skeleton, and links no other object.
$(patsubst %,$(OUTPUT)/%.o,$(VARIANTS)): $(OUTPUT)/%.o: $(OUTPUT)/%.skel.h

$(OUTPUT)/%.o: %.c $(OUTPUT)/build-config | $(OUTPUT) $(LIBBPF_DEPS)
	$(call msg,CC,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(INCLUDES) -c $< -o $@

# Changes only when the build's choices do (the compilers and their
# flags, STATIC=1, LIBBPF=system): what depends on it is built again then, and
# only then.
BUILD_CONFIG = $(CC) $(ALL_CFLAGS) $(LDFLAGS) $(LINK_MODE) $(LIBBPF) \
	$(CLANG) $(BPF_CFLAGS)
$(OUTPUT)/build-config: FORCE | $(OUTPUT)
	$(file >$@.new,$(BUILD_CONFIG))
	$(Q)if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

$(TOOLS): $(BINDIR)/%: $(OUTPUT)/%.o $(addprefix $(OUTPUT)/,$(COMMON_OBJS)) \
		       $(OUTPUT)/build-config $(LIBBPF_A)
	$(call msg,BINARY,$@)
	$(Q)mkdir -p $(BINDIR)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(filter %.o,$^) $(LIBBPF_LIBS) -o $@

# Unit tests: the pure C parts, no BPF, no root.
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(addprefix $(OUTPUT)/,options.o sizing.o order.o parse.o \
	       record.o format.o text.o json.o escape.o env.o unicode.o buf.o \
	       latency.o writer.o fill.o reorder.o)
$(OUTPUT)/unit-tests: $(UNIT_SRCS) tests/unit/check.h $(UNIT_OBJS)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(INCLUDES) $(UNIT_SRCS) $(UNIT_OBJS) \
		$(LIBBPF_LIBS) -o $@

# The programs the live tests run, each saying what it does in its file.
# x86_64's int $$0x80 helper (exec32) is the only one built for one
# architecture.
HELPERS := lifecycle deny-bpf execveat with-pid fdexec rewrite-env execve \
	exec-race $(if $(filter x86,$(ARCH)),exec32)
$(addprefix $(OUTPUT)/,$(HELPERS)): $(OUTPUT)/%: tests/helpers/%.c | $(OUTPUT)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $< -lpthread -o $@

# What the tests run: the tools, the unit tests, the helper processes.
test-programs: all $(OUTPUT)/unit-tests $(addprefix $(OUTPUT)/,$(HELPERS))

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

# The tools built, in a tree of their own, for the tests, from a copy of
# the committed vmlinux.h without the members that the BPF side reaches
# through CO-RE flavours: the header of a kernel older than they are.
OLD_VMLINUX_OUTPUT := $(OUTPUT)/old-vmlinux
NEWER_MEMBERS := group_exec_task
$(OLD_VMLINUX_OUTPUT)/vmlinux-older.h: $(VMLINUX_H) Makefile
	$(call msg,VMLINUX,$@)
	$(Q)mkdir -p $(@D)
	$(Q)cp $< $@.tmp
	$(Q)for m in $(NEWER_MEMBERS); do \
		sed -i -E "/[[:space:]*]$$m;/d" $@.tmp; \
		! grep -qw "$$m" $@.tmp || exit 1; \
	done
	$(Q)mv $@.tmp $@
old-vmlinux: $(OLD_VMLINUX_OUTPUT)/vmlinux-older.h $(LIBBPF_DEPS)
	$(Q)$(MAKE) --no-print-directory OUTPUT=$(OLD_VMLINUX_OUTPUT) \
		BINDIR=$(OLD_VMLINUX_OUTPUT)/bin VMLINUX_H=$< all

# For the tests, the BPF side built for other architectures than this
# machine's: arm64's objects, from its committed vmlinux.h (of Debian's
# arm64 kernel: -x's arm64 system call tables), and the tools with the BPF
# side of an architecture whose exec system call numbers -x does not know,
# which must build and refuse -x.
ARM64_OUTPUT := $(OUTPUT)/arm64
NO_EXEC_CALLS_OUTPUT := $(OUTPUT)/no-exec-calls
other-archs: $(LIBBPF_DEPS)
	$(Q)$(MAKE) --no-print-directory OUTPUT=$(ARM64_OUTPUT) ARCH=arm64 \
		$(patsubst %,$(ARM64_OUTPUT)/%.bpf.o,$(VARIANTS))
	$(Q)$(MAKE) --no-print-directory OUTPUT=$(NO_EXEC_CALLS_OUTPUT) \
		BINDIR=$(NO_EXEC_CALLS_OUTPUT)/bin BPF_ARCH=unknown all

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
FUZZ_SRCS := $(addprefix src/tool/,record.c format.c text.c json.c escape.c \
	     env.c unicode.c buf.c)
$(OUTPUT)/fuzz-record: tests/fuzz/fuzz_record.c $(FUZZ_SRCS) $(HEADERS) | $(OUTPUT)
	$(call msg,FUZZ,$@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) -D_GNU_SOURCE $(INCLUDES) $< $(FUZZ_SRCS) -o $@
fuzz: $(OUTPUT)/fuzz-record

# The whole suite, as root: unit tests, every tracer live, faults, a short
# fuzz run, unit and live tests again under the sanitizers, the tracers
# built against the system's libbpf, from a vmlinux.h of an older kernel
# and for other architectures, the Debian package, and the container image.
test: test-programs man sanitize static system-libbpf old-vmlinux \
      other-archs fuzz bench-test image
	$(Q)tests/run

# The edit loop, in a minute (as root): the unit tests, and the core live
# tests of one tool.
.PHONY: check
check: test-programs
	$(Q)tests/run --check

# The diffs, tables and figures in README.md and docs/*.md, from the
# sources and bench/*.csv; tests/docs.sh fails when they are stale.
docs:
	$(Q)tools/gen-docs

# The perfbuf vs ringbuf benchmark: ringbuf-bench and `make bench`.
-include bench.mk
# make install, make uninstall, the man pages and the systemd unit.
include install.mk
# make image: the tools in a container image.
include image.mk

clean:
	$(call msg,CLEAN)
	$(Q)rm -rf $(OUTPUT) $(VARIANTS) $(BENCH_CLEAN)

.DELETE_ON_ERROR:
.SECONDARY:

# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Which libbpf and bpftool the build uses, included by the Makefile.
#
# Bundled (the default): the libbpf/ and bpftool/ submodules, pinned to
# upstream tags and built here, libbpf as a static library, so that the
# tools build and behave the same on every distribution.  System: the
# distribution's libbpf (pkg-config) and bpftool, when the submodules are
# not checked out (a source tarball, no access to GitHub) or when
# `make LIBBPF=system` asks for them, as a distribution's package must.
#
# Sets LIBBPF_INCLUDES, LIBBPF_LIBS, BPFTOOL and LIBBPF_DEPS (what a BPF
# object, a skeleton or a tool waits for).

# The oldest system libbpf this code builds against.
LIBBPF_MIN_VERSION := 1.1.0

ifeq ($(origin LIBBPF),undefined)
ifneq ($(wildcard libbpf/src/Makefile),)
LIBBPF := bundled
else
LIBBPF := system
$(info libbpf/ and bpftool/ are not checked out: building with this system's libbpf and bpftool (git submodule update --init --recursive brings the pinned ones))
endif
endif
# Sub-makes (sanitize, static) build with the same choice, and say nothing.
export LIBBPF

# Built once for every output tree: the sanitized and static builds link
# the same library.
DEPS_OUTPUT := $(abspath .output/deps)
# Their own Makefiles, with their own flags: none of ours (CFLAGS=... of
# the sanitized build, OUTPUT=...) may reach them through MAKEFLAGS.
DEPS_MAKE = MAKEFLAGS= $(MAKE) -s -j$(shell nproc)

ifeq ($(LIBBPF),bundled)
LIBBPF_A := $(DEPS_OUTPUT)/libbpf.a
LIBBPF_INCLUDES := -I$(DEPS_OUTPUT)/include
BPFTOOL := $(DEPS_OUTPUT)/bpftool/bootstrap/bpftool
LIBBPF_DEPS := $(LIBBPF_A) $(BPFTOOL)
ifeq ($(STATIC),1)
LIBBPF_LIBS = $(LIBBPF_A) -static $(shell $(PKG_CONFIG) --static --libs \
	libelf zlib 2>/dev/null || echo -lelf -lz)
else
LIBBPF_LIBS = $(LIBBPF_A) $(shell $(PKG_CONFIG) --libs libelf zlib \
	2>/dev/null || echo -lelf -lz)
endif
LIBBPF_SRCS := $(wildcard libbpf/src/*.[ch] libbpf/src/Makefile \
	libbpf/include/uapi/linux/*.h)

# Rebuilt when its sources change, and only then.
$(LIBBPF_A): $(LIBBPF_SRCS)
	$(call msg,LIB,$@)
	$(Q)mkdir -p $(DEPS_OUTPUT)/libbpf
	$(Q)$(DEPS_MAKE) -C libbpf/src BUILD_STATIC_ONLY=1 OBJDIR=$(DEPS_OUTPUT)/libbpf DESTDIR=$(DEPS_OUTPUT) \
		PREFIX= INCLUDEDIR=/include LIBDIR= UAPIDIR=/include install \
		>/dev/null
	$(Q)touch $@

# The bootstrap bpftool: enough for `gen skeleton` and `btf dump`, with no
# disassembler to build.  Its own libbpf submodule is the same release.
BPFTOOL_SRCS := $(wildcard bpftool/src/*.[ch] bpftool/src/Makefile \
	bpftool/libbpf/src/*.[ch])
$(BPFTOOL): $(BPFTOOL_SRCS)
	$(call msg,BPFTOOL,$@)
	$(Q)mkdir -p $(DEPS_OUTPUT)/bpftool
	$(Q)$(DEPS_MAKE) -C bpftool/src ARCH= CROSS_COMPILE= \
		OUTPUT=$(DEPS_OUTPUT)/bpftool/ bootstrap >/dev/null
	$(Q)touch $@

else ifeq ($(LIBBPF),system)
BPFTOOL ?= bpftool
LIBBPF_INCLUDES :=
LIBBPF_DEPS :=
ifeq ($(STATIC),1)
LIBBPF_LIBS = -static $(shell $(PKG_CONFIG) --static --libs libbpf 2>/dev/null || \
	echo -lbpf -lelf -lz)
else
LIBBPF_LIBS = $(shell $(PKG_CONFIG) --libs libbpf 2>/dev/null || \
	echo -lbpf -lelf -lz)
endif
else
$(error LIBBPF=$(LIBBPF): say bundled (the submodules) or system)
endif

# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Installing the tracers, included by the Makefile: `make install` and
# `make uninstall` with the usual PREFIX and DESTDIR, the man pages and the
# systemd unit they install.

PREFIX ?= /usr/local
SBINDIR := $(PREFIX)/sbin
MAN8DIR := $(PREFIX)/share/man/man8
DOCDIR := $(PREFIX)/share/doc/ringbuf-tracers
UNITDIR := $(PREFIX)/lib/systemd/system
INSTALL ?= install

MAN_PAGES := $(patsubst %,$(OUTPUT)/man/%.8,$(VARIANTS))
UNIT := ringbuf-reserve-submit.service
# Beside the README in the doc folder: the documents it links to.
DOCS := $(wildcard docs/*.md)

.PHONY: man install uninstall deb
man: $(MAN_PAGES)

# A page is the tool's own --help and --version, with what they cannot say
# (output fields, exit status, signals...) from man/tracers.h2m: the options
# have one source.  The sed makes argp's option groups the OPTIONS section and
# its examples' "# comment" lines plain text.
$(OUTPUT)/man/%.8: $(BINDIR)/% man/tracers.h2m src/%.c
	$(call msg,MAN,$@)
	$(Q)command -v help2man >/dev/null || { echo "the man pages need" \
		"help2man: sudo tools/install-deps" >&2; exit 1; }
	$(Q)mkdir -p $(@D)
	$(Q)help2man --no-info --section=8 --include=man/tracers.h2m \
		--name="trace process exec and exit through the $$(sed -n \
			's/^[[:space:]]*\.how = "\(.*\)",$$/\1/p' src/$*.c)" \
		--output=$@.tmp $(abspath $<)
	$(Q)sed -i -e '0,/^\.IP$$/{/^\.IP$$/{N;s/^\.IP\n\(.*\):$$/.SH OPTIONS\n.SS "\1"/}}' \
		-e '/^\.IP$$/{N;s/^\.IP\n\([A-Z][^.]*\):$$/.SS "\1"/}' \
		-e '/^\.SH EXAMPLES/,/^\.SH/s/^# //' $@.tmp
	$(Q)mv $@.tmp $@

install: all man
	$(call msg,INSTALL,$(DESTDIR)$(PREFIX))
	$(Q)$(INSTALL) -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MAN8DIR) \
		$(DESTDIR)$(DOCDIR) $(DESTDIR)$(UNITDIR)
	$(Q)$(INSTALL) -m 755 $(TOOLS) $(DESTDIR)$(SBINDIR)
	$(Q)$(INSTALL) -m 644 $(MAN_PAGES) $(DESTDIR)$(MAN8DIR)
	$(Q)$(INSTALL) -m 644 README.md $(DOCS) $(DESTDIR)$(DOCDIR)
	$(Q)sed 's|@SBINDIR@|$(SBINDIR)|g' dist/$(UNIT).in > $(OUTPUT)/$(UNIT)
	$(Q)$(INSTALL) -m 644 $(OUTPUT)/$(UNIT) $(DESTDIR)$(UNITDIR)

# Exactly what install put there, and our doc folder when that empties it.
uninstall:
	$(call msg,UNINSTALL,$(DESTDIR)$(PREFIX))
	$(Q)rm -f $(addprefix $(DESTDIR)$(SBINDIR)/,$(VARIANTS)) \
		$(patsubst %,$(DESTDIR)$(MAN8DIR)/%.8,$(VARIANTS)) \
		$(DESTDIR)$(DOCDIR)/README.md \
		$(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(DOCS))) \
		$(DESTDIR)$(UNITDIR)/$(UNIT)
	$(Q)[ ! -d $(DESTDIR)$(DOCDIR) ] || \
		rmdir --ignore-fail-on-non-empty $(DESTDIR)$(DOCDIR)

# A Debian package of the tools, built as Debian builds it: against the
# system's libbpf, from a copy of the tree without the submodules (the
# policy forbids bundled copies), by dpkg-buildpackage, which writes the
# package beside that copy: $(OUTPUT)/deb/ringbuf-tracers_VERSION_ARCH.deb.
DEB_OUTPUT := $(OUTPUT)/deb
deb:
	$(call msg,DEB,$(DEB_OUTPUT))
	$(Q)command -v dpkg-checkbuilddeps >/dev/null && dpkg-checkbuilddeps \
		2>/dev/null || { echo "make deb needs the package's build" \
		"dependencies: sudo tools/install-deps --deb" >&2; exit 1; }
	$(Q)rm -rf $(DEB_OUTPUT) && mkdir -p $(DEB_OUTPUT)/src
	$(Q)tar -c --exclude-vcs --exclude=./.output --exclude=./libbpf \
		--exclude=./bpftool . | tar -x -C $(DEB_OUTPUT)/src
	$(Q)cd $(DEB_OUTPUT)/src && MAKEFLAGS= dpkg-buildpackage -us -uc -b \
		>../build.log 2>&1 || { tail -n 20 ../build.log >&2; exit 1; }
	$(Q)rm -rf $(DEB_OUTPUT)/src

# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# `make image`, included by the Makefile: an OCI image of the four static
# tools and their licences, FROM scratch, built with Debian's podman and
# tagged with the tools' version (dist/Containerfile).

IMAGE ?= localhost/ringbuf-tracers:$(VERSION)
IMAGE_ROOT := $(OUTPUT)/image
# A static tool holds libbpf, libelf, zlib and glibc: each one's licence.
IMAGE_LICENCES := debian/copyright libbpf/LICENSE libbpf/LICENSE.BSD-2-Clause \
	libbpf/LICENSE.LGPL-2.1 /usr/share/doc/libelf1/copyright \
	/usr/share/doc/zlib1g/copyright /usr/share/doc/libc6/copyright

.PHONY: image
image: static
	$(call msg,IMAGE,$(IMAGE))
	$(Q)command -v podman >/dev/null || { echo "make image needs" \
		"podman: tools/install-deps --image" >&2; exit 1; }
	$(Q)rm -rf $(IMAGE_ROOT) && mkdir -p $(IMAGE_ROOT)/usr/bin \
		$(IMAGE_ROOT)/usr/share/licenses/ringbuf-tracers
	$(Q)$(INSTALL) -s -m 755 $(addprefix $(STATIC_OUTPUT)/bin/,$(VARIANTS)) \
		$(IMAGE_ROOT)/usr/bin
	$(Q)for f in $(IMAGE_LICENCES); do \
		case $$f in /usr/share/doc/*) n=$$(basename $$(dirname $$f));; \
			    libbpf/*) n=libbpf-$$(basename $$f);; \
			    *) n=ringbuf-tracers;; esac; \
		$(INSTALL) -m 644 $$f $(IMAGE_ROOT)/usr/share/licenses/ringbuf-tracers/$$n || exit 1; \
	done
	$(Q)podman build --quiet --network=none --pull=never \
		--label org.opencontainers.image.version=$(VERSION) \
		--label org.opencontainers.image.licenses="LGPL-2.1 OR BSD-2-Clause" \
		-t $(IMAGE) -f dist/Containerfile $(IMAGE_ROOT) >/dev/null
	$(Q)printf '  %-8s %s: %s bytes\n' SIZE $(IMAGE) \
		"$$(podman image inspect --format '{{.Size}}' $(IMAGE))"

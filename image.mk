# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# `make image`, included by the Makefile: an OCI image of the four static
# tools and their licences, FROM scratch, built with Debian's podman and
# tagged with the tools' version (dist/Containerfile).

IMAGE ?= localhost/ringbuf-tracers:$(VERSION)
IMAGE_ROOT := $(OUTPUT)/image
IMAGE_LICENCES := $(IMAGE_ROOT)/usr/share/licenses/ringbuf-tracers
# A static tool holds libbpf, libelf, zlib and glibc: each one's licence.
LINKED_PACKAGES := libelf1 zlib1g libc6

.PHONY: image
image: static
	$(call msg,IMAGE,$(IMAGE))
	$(Q)command -v podman >/dev/null || { echo "make image needs" \
		"podman: sudo tools/install-deps --image" >&2; exit 1; }
	$(Q)rm -rf $(IMAGE_ROOT) && mkdir -p $(IMAGE_ROOT)/usr/bin $(IMAGE_LICENCES)
	$(Q)$(INSTALL) -s -m 755 $(addprefix $(STATIC_OUTPUT)/bin/,$(VARIANTS)) \
		$(IMAGE_ROOT)/usr/bin
	$(Q)$(INSTALL) -m 644 debian/copyright $(IMAGE_LICENCES)/ringbuf-tracers
	$(Q)for f in $(notdir $(wildcard libbpf/LICENSE*)); do \
		$(INSTALL) -m 644 libbpf/$$f $(IMAGE_LICENCES)/libbpf-$$f; done
	$(Q)for p in $(LINKED_PACKAGES); do \
		$(INSTALL) -m 644 /usr/share/doc/$$p/copyright \
			$(IMAGE_LICENCES)/$$p; done
	$(Q)podman build --quiet --network=none --pull=never \
		--label org.opencontainers.image.version=$(VERSION) \
		--label org.opencontainers.image.licenses="LGPL-2.1 OR BSD-2-Clause" \
		-t $(IMAGE) -f dist/Containerfile $(IMAGE_ROOT) >/dev/null
	$(Q)printf '  %-8s %s: %s bytes\n' SIZE $(IMAGE) \
		"$$(podman image inspect --format '{{.Size}}' $(IMAGE))"

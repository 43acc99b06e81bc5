// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The glue to the skeletons, the one file that names them.  Their objects
 * share map and global names, so one shape fits them all; every
 * tool links all of them, since the ring buffer tools fall back to the perf
 * buffer's object on kernels without the ring buffer.
 */
#include <errno.h>
#include "variant.h"
#include "perfbuf-output.skel.h"
#include "ringbuf-output.skel.h"
#include "ringbuf-reserve-submit.skel.h"
#include "ringbuf-reserve-dynptr.skel.h"

/* Defines NAME_open(), which opens the NAME_bpf skeleton and fills in bpf. */
#define DEFINE_SKELETON_OPEN(name)					\
static void name##_destroy(void *skel)					\
{									\
	name##_bpf__destroy(skel);					\
}									\
									\
int name##_open(struct tracer_bpf *bpf,					\
		const struct bpf_object_open_opts *opts)		\
{									\
	struct name##_bpf *s = name##_bpf__open_opts(opts);		\
									\
	if (!s)								\
		return -errno;						\
	bpf->skeleton = s->skeleton;					\
	bpf->filter = &s->rodata->filter;				\
	bpf->exit_has_group_dead = &s->rodata->exit_has_group_dead;	\
	bpf->max_args_bytes = &s->rodata->max_args_bytes;		\
	bpf->wakeup_bytes = (__u64 *)&s->rodata->wakeup_bytes;		\
	bpf->lost_events = &s->bss->lost_events;			\
	bpf->events = s->maps.events;					\
	bpf->cgroup_filter = s->maps.cgroup_filter;			\
	bpf->skel = s;							\
	bpf->destroy = name##_destroy;					\
	return 0;							\
}

DEFINE_SKELETON_OPEN(perfbuf_output)
DEFINE_SKELETON_OPEN(ringbuf_output)
DEFINE_SKELETON_OPEN(ringbuf_reserve_submit)
DEFINE_SKELETON_OPEN(ringbuf_reserve_dynptr)

/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * A skeleton seen as struct tracer_bpf, through its typed accessors.  The
 * variants' objects share map and global names, so one shape fits them
 * all.  Each tool's src/<name>.c includes its own skeleton and defines its
 * open function with this.  No tool links an object it does not use.
 */
#ifndef SKELETON_H
#define SKELETON_H

#include <errno.h>
#include "variant.h"

/* Defines NAME_open(), which opens the NAME_bpf skeleton and fills in bpf. */
#define DEFINE_SKELETON_OPEN(name) DEFINE_OPEN(name, )

/* The same for a ring buffer variant, whose object has rings.bpf.h's too. */
#define DEFINE_RING_SKELETON_OPEN(name)					\
	DEFINE_OPEN(name,						\
		    bpf->rings = s->maps.rings;				\
		    bpf->wakeup_lines = s->maps.wakeup_lines;		\
		    bpf->wakeups_forced = &s->bss->wakeups_forced;)

#define DEFINE_OPEN(name, set_more)					\
static void name##_destroy(void *skel)					\
{									\
	name##_bpf__destroy(skel);					\
}									\
									\
static int name##_open(struct tracer_bpf *bpf,				\
		       const struct bpf_object_open_opts *opts)		\
{									\
	struct name##_bpf *s = name##_bpf__open_opts(opts);		\
									\
	if (!s)								\
		return -errno;						\
	bpf->skeleton = s->skeleton;					\
	bpf->config = (struct config *)&s->rodata->cfg;			\
	bpf->exec_calls_known = (const bool *)&s->rodata->exec_calls_known; \
	bpf->lost_events = &s->bss->lost_events;			\
	bpf->events = s->maps.events;					\
	bpf->cgroup_filter = s->maps.cgroup_filter;			\
	bpf->exec_fail = s->progs.handle_exec_fail;			\
	bpf->skel = s;							\
	bpf->destroy = name##_destroy;					\
	set_more							\
	return 0;							\
}

#endif /* SKELETON_H */

/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * --cwd: the working directory as the process itself sees it, what
 * readlink of /proc/self/cwd says: from task->fs->pwd up to its root
 * (task->fs->root: a container's, a chroot's), across the mounts on the
 * way.  Names come leaf first, so the path is built right to left.
 */
#ifndef CWD_BPF_H
#define CWD_BPF_H

#include "tracer.bpf.h"

/* Twice the room: the verifier bounds a name's offset and length apart. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, char[2 * CWD_ROOM]);
} cwd_scratch SEC(".maps");

/* "/name" of d put before buf + at: the new start, or -1 if it won't fit. */
static __always_inline long prepend_name(char *buf, long at, struct dentry *d)
{
	__u32 len = BPF_CORE_READ(d, d_name.len);
	const unsigned char *name = BPF_CORE_READ(d, d_name.name);

	if (len + 1 > at)
		return -1;
	at -= len;
	if (bpf_probe_read_kernel(buf + (at & (CWD_ROOM - 1)),
				  len & (CWD_ROOM - 1), name))
		return -1;
	at = (at - 1) & (CWD_ROOM - 1);	/* a no-op, for the verifier */
	buf[at] = '/';
	return at;
}

/* A dentry d_unlinked() would say is: unhashed, and not a root. */
static __always_inline bool removed(struct dentry *d)
{
	return !BPF_CORE_READ(d, d_hash.pprev) && BPF_CORE_READ(d, d_parent) != d;
}

/* The mount that vfs is in, as the kernel's real_mount() finds it. */
static __always_inline struct mount *mount_of(struct vfsmount *vfs)
{
	return (void *)vfs - bpf_core_field_offset(struct mount, mnt);
}

/*
 * Whether the walk is over at d in vfs: at the process's root, or at the
 * top of the mount namespace (a cwd outside a chroot never meets the root).
 */
static __always_inline bool walk_ends(struct dentry *d, struct vfsmount *vfs,
				      struct dentry *root,
				      struct vfsmount *root_vfs)
{
	struct mount *mnt = mount_of(vfs);

	if (d == root && vfs == root_vfs)
		return true;
	return d == BPF_CORE_READ(vfs, mnt_root) &&
	       BPF_CORE_READ(mnt, mnt_parent) == mnt;
}

/*
 * Where the path is, in *path; returns its length, 0 without --cwd.  Up
 * to the process's root or, when the walk misses it (a cwd outside a
 * chroot), the top of the mount namespace; a path that does not fit keeps
 * its end and is marked cut, as is one unreadable (0 bytes).
 */
static __always_inline __u32 read_cwd(struct task_struct *task,
				      const char **path, __u16 *flags)
{
	struct dentry *d, *root;
	struct vfsmount *vfs, *root_vfs;
	struct mount *mnt, *up;
	long at = CWD_ROOM, next;
	__u32 zero = 0;
	char *buf;

	/* First: without --cwd, every exec would pay for the reads below. */
	if (!cfg.want_cwd)
		return 0;
	buf = bpf_map_lookup_elem(&cwd_scratch, &zero);
	if (!buf)
		return 0;
	d = BPF_CORE_READ(task, fs, pwd.dentry);
	root = BPF_CORE_READ(task, fs, root.dentry);
	vfs = BPF_CORE_READ(task, fs, pwd.mnt);
	root_vfs = BPF_CORE_READ(task, fs, root.mnt);
	if (removed(d))
		*flags |= EXEC_CWD_DELETED;
	for (int i = 0; i < CWD_DEPTH; i++) {
		if (d == root && vfs == root_vfs)
			goto whole;
		mnt = mount_of(vfs);
		if (d == BPF_CORE_READ(vfs, mnt_root)) {
			/* The top of a mount: on from where it is mounted. */
			up = BPF_CORE_READ(mnt, mnt_parent);
			if (up == mnt)
				goto whole;
			d = BPF_CORE_READ(mnt, mnt_mountpoint);
			vfs = &up->mnt;
			continue;
		}
		next = prepend_name(buf, at, d);
		if (next < 0)
			goto cut;
		at = next;
		d = BPF_CORE_READ(d, d_parent);
	}
	/* The last step allowed may have been the one that reached the top. */
	if (walk_ends(d, vfs, root, root_vfs))
		goto whole;
cut:
	*flags |= EXEC_CWD_CUT;
	if (at == CWD_ROOM)	/* not one name read: unreadable */
		return 0;
whole:
	if (at == CWD_ROOM)	/* the root itself */
		buf[--at] = '/';
	*path = buf + (at & (CWD_ROOM - 1));
	return CWD_ROOM - at;
}

#endif /* CWD_BPF_H */

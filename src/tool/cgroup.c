// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* --cgroup: a cgroup v2 directory, checked before BPF is loaded. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mntent.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/statfs.h>
#include <unistd.h>
#include <linux/magic.h>
#include "cgroup.h"

/* Where this mount namespace has cgroup v2, into where: false if nowhere. */
static bool cgroup2_mount(char *where, size_t len)
{
	FILE *f = setmntent("/proc/self/mounts", "r");
	struct mntent *m;
	bool found = false;

	while (f && !found && (m = getmntent(f)))
		if (!strcmp(m->mnt_type, "cgroup2"))
			found = snprintf(where, len, "%s", m->mnt_dir) > 0;
	if (f)
		endmntent(f);
	return found;
}

int open_cgroup(const char *tool, const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char where[PATH_MAX];
	struct statfs fs;

	if (fd < 0) {
		fprintf(stderr, "%s: --cgroup %s: %s\n", tool, path,
			strerror(errno));
		return -1;
	}
	if (fstatfs(fd, &fs) || fs.f_type != CGROUP2_SUPER_MAGIC) {
		if (cgroup2_mount(where, sizeof(where)))
			fprintf(stderr, "%s: --cgroup %s: not a cgroup v2 "
				"directory (cgroup v2 is mounted at %s here)\n",
				tool, path, where);
		else
			fprintf(stderr, "%s: --cgroup %s: not a cgroup v2 "
				"directory, and no cgroup v2 is mounted here: "
				"mount -t cgroup2 none /sys/fs/cgroup\n",
				tool, path);
		close(fd);
		return -1;
	}
	return fd;
}

/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* --cgroup PATH: the cgroup v2 directory whose processes are traced. */
#ifndef CGROUP_H
#define CGROUP_H

/*
 * The directory's fd, or -1 once it has said why it cannot be used (and
 * where cgroup v2 is mounted, if anywhere).  tool names the tool.
 */
int open_cgroup(const char *tool, const char *path);

#endif /* CGROUP_H */

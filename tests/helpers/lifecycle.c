// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A process with a known life for the live tests: it lives MS milliseconds,
 * then exits with CODE, is killed by signal SIG (with or without a core
 * dump), first runs N threads that end before it does, lets its main
 * thread end first and another thread exit with CODE 100ms later (the whole
 * process, or that thread alone), or returns CODE from main while threads
 * that renamed themselves and took another user id still run; or has a
 * thread other than main die of SIG with a core dump, or signal the whole
 * process with SIG, or exec the program again to exit with CODE; or clears
 * its name before it exits with CODE.  Arguments after those are ignored,
 * so that tests can run it with any command line.
 * The tests copy it under unique names, so its comm tells its events apart.
 */
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define MAX_THREADS	16

static void usage(void)
{
	fprintf(stderr, "usage: lifecycle MS exit CODE | signal SIG | "
		"core SIG | threads N | leader-first CODE | "
		"thread-exit CODE | renamed-threads CODE | thread-core SIG | "
		"thread-kill SIG | thread-exec CODE | no-name CODE "
		"[IGNORED...]\n");
	exit(100);
}

static void die_by(int sig, bool core)
{
	struct rlimit limit = { 0, 0 };

	if (core)
		limit.rlim_cur = limit.rlim_max = RLIM_INFINITY;
	setrlimit(RLIMIT_CORE, &limit);
	signal(sig, SIG_DFL);
	raise(sig);
	exit(101);
}

static void *thread_main(void *arg)
{
	return arg;
}

static void *idle_thread(void *arg)
{
	pause();
	return arg;
}

/* Threads that exit before the process: their exits are not the process's. */
static int run_threads(int n)
{
	pthread_t threads[MAX_THREADS];

	if (n < 1 || n > MAX_THREADS)
		usage();
	for (int i = 0; i < n; i++)
		if (pthread_create(&threads[i], NULL, thread_main, NULL))
			return 102;
	for (int i = 0; i < n; i++)
		pthread_join(threads[i], NULL);
	return 0;
}

static void *exit_later(void *code)
{
	struct timespec ts = { 0, 100 * 1000000 };

	nanosleep(&ts, NULL);
	exit((int)(long)code);
}

/* Only this thread: what the parent sees is the main thread's status. */
static void *thread_exit_later(void *code)
{
	struct timespec ts = { 0, 100 * 1000000 };

	nanosleep(&ts, NULL);
	syscall(SYS_exit, (int)(long)code);
	return NULL;
}

/*
 * The process outlives its main thread, and ends with the other one: by
 * exit(3), which ends the process with CODE, or by the exit system call,
 * which ends the thread alone, the main thread's status standing.
 */
static int leader_first(int code, void *(*fn)(void *))
{
	pthread_t thread;

	if (pthread_create(&thread, NULL, fn, (void *)(long)code))
		return 102;
	pthread_exit(NULL);
}

/*
 * Named "worker" and running as nobody: the raw system call changes this
 * thread's credentials only, where glibc's setresuid() would change all.
 */
static void *renamed_worker(void *ready)
{
	prctl(PR_SET_NAME, "worker");
	syscall(SYS_setresuid, 65534, 65534, 65534);
	sem_post(ready);
	pause();	/* until main's exit ends the process */
	return NULL;
}

/* main returns while the workers run: the last thread out is a worker. */
static int renamed_threads(int code)
{
	pthread_t threads[4];
	sem_t ready;

	sem_init(&ready, 0, 0);
	for (int i = 0; i < 4; i++) {
		if (pthread_create(&threads[i], NULL, renamed_worker, &ready))
			return 102;
		sem_wait(&ready);
	}
	return code;
}

/* Threads that wait, so that the process has some when a thread ends it. */
static void start_idle_threads(int n)
{
	pthread_t thread;

	for (int i = 0; i < n; i++)
		if (pthread_create(&thread, NULL, idle_thread, NULL))
			exit(102);
}

static void *core_thread(void *sig)
{
	die_by((int)(long)sig, true);
	return NULL;
}

static void *kill_thread(void *sig)
{
	signal((int)(long)sig, SIG_DFL);
	kill(getpid(), (int)(long)sig);
	return NULL;
}

static char *const *exec_argv;

/*
 * The exec makes this thread the process's main thread, under the pid,
 * and ends every other thread: the old main thread exits, the process
 * does not.
 */
static void *exec_thread(void *code)
{
	char arg[16];
	char *const argv[] = { exec_argv[0], "0", "exit", arg, NULL };

	snprintf(arg, sizeof(arg), "%d", (int)(long)code);
	execv(exec_argv[0], argv);
	exit(103);
}

/* fn(arg) in a thread of its own while main and others wait. */
static int in_thread(void *(*fn)(void *), int arg)
{
	pthread_t thread;

	start_idle_threads(3);
	if (pthread_create(&thread, NULL, fn, (void *)(long)arg))
		return 102;
	pause();
	return 104;
}

int main(int argc, char **argv)
{
	struct timespec ts;
	long ms;
	int arg;

	if (argc < 4)
		usage();
	ms = atol(argv[1]);
	arg = atoi(argv[3]);
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = ms % 1000 * 1000000;
	nanosleep(&ts, NULL);
	if (!strcmp(argv[2], "exit"))
		return arg;
	if (!strcmp(argv[2], "signal"))
		die_by(arg, false);
	if (!strcmp(argv[2], "core"))
		die_by(arg, true);
	if (!strcmp(argv[2], "threads"))
		return run_threads(arg);
	if (!strcmp(argv[2], "leader-first"))
		return leader_first(arg, exit_later);
	if (!strcmp(argv[2], "thread-exit"))
		return leader_first(arg, thread_exit_later);
	if (!strcmp(argv[2], "renamed-threads"))
		return renamed_threads(arg);
	if (!strcmp(argv[2], "thread-core"))
		return in_thread(core_thread, arg);
	if (!strcmp(argv[2], "thread-kill"))
		return in_thread(kill_thread, arg);
	exec_argv = argv;
	if (!strcmp(argv[2], "thread-exec"))
		return in_thread(exec_thread, arg);
	if (!strcmp(argv[2], "no-name")) {
		prctl(PR_SET_NAME, "");
		return arg;
	}
	usage();
}

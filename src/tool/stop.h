/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * How a tracer is told to stop: SIGINT, SIGTERM, SIGHUP (a closed
 * terminal; but with --output, "reopen the file"), SIGQUIT, or the end of
 * --timeout.  From the first of them on,
 * a timer interrupts any system call that blocks, every STOP_TICK_MS, so
 * that a write to a reader that does not read can be given up on: the
 * tool always ends, and in bounded time.
 */
#ifndef STOP_H
#define STOP_H

#include <stdbool.h>

#define STOP_TICK_MS	50

/*
 * Installs the handlers, first thing in main(): from then on, a stop at
 * any moment of startup ends the tool through its normal exit path.  No
 * SA_RESTART, so blocked calls see EINTR.  Unblocks every signal above,
 * whatever mask the tool inherited; but SIGHUP waits, pending, until
 * hup_reopens() says what it means.
 */
void stop_on_signals(void);
/*
 * With reopens (--output), SIGHUP asks for the output file to be reopened
 * (the custom of daemons whose logs are rotated) rather than for a stop.
 */
void hup_reopens(bool reopens);
/*
 * Hold back every signal above, pending, until stop_release(): the BPF
 * verifier gives up (EAGAIN) when a signal is pending, which would make a
 * stop during loading pass for a failure to load.
 */
void stop_hold(void);
void stop_release(void);
/* Whether SIGHUP asked for a reopen since the last call. */
bool reopen_requested(void);
/* Asks for a stop after seconds (0: never). */
void stop_after(unsigned int seconds);
bool stop_requested(void);
/* A second stop signal: stop waiting for anything, now. */
bool stop_insisted(void);

#endif /* STOP_H */

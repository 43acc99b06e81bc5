#!/usr/bin/env python3
"""block_stop_signals.py COMMAND...: runs COMMAND with SIGINT, SIGTERM,
SIGHUP, SIGQUIT and SIGALRM blocked, as a parent's mask passes them on."""
import os
import signal
import sys

signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM,
                                          signal.SIGHUP, signal.SIGQUIT,
                                          signal.SIGALRM})
os.execv(sys.argv[1], sys.argv[1:])

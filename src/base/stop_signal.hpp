#pragma once
/// SIGINT, SIGTERM and SIGHUP asking LMMS to stop: the handler only records
/// the signal and wakes the process runner's poll loop through a self-pipe;
/// the runner then stops its child's process group and the command ends with
/// an interrupted error (exit 128 + the signal).

namespace lmms::base {

/// Installs the handlers, once; a signal ignored at start (nohup) stays ignored.
void install_stop_handlers();

/// The first stop signal received, or 0.
int stop_signal();

/// Readable once a stop signal arrived; -1 before install_stop_handlers().
int stop_wake_fd();

/// "SIGINT", "SIGTERM", "SIGHUP", else "a signal".
const char* stop_signal_name(int signal);

}  // namespace lmms::base

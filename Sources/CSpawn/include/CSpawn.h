#ifndef NBRUN_CSPAWN_H
#define NBRUN_CSPAWN_H

#include <spawn.h>
#include <sys/types.h>

/// posix_spawn_file_actions_addchdir_np, which Swift's Glibc module does not export.
int nbrun_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// Starts `path` with `argv` and `envp` in a process group of its own, stdin from /dev/null,
/// stdout and stderr on `out_fd` and `err_fd`, no other descriptor of the caller's, in
/// `directory` (unless NULL), with no signal
/// blocked or ignored; on Linux it is killed (SIGKILL) when the calling thread's process
/// dies, however it dies. Returns 0 and sets `*pid`, or an errno value.
int nbrun_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[], const char *directory,
                int out_fd, int err_fd);

/// pipe2(fds, O_CLOEXEC), which Swift's Glibc module does not export.
int nbrun_pipe_cloexec(int fds[2]);

#endif

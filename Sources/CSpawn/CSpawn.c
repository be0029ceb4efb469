#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif
#include "CSpawn.h"

int nbrun_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 29))
    return posix_spawn_file_actions_addchdir_np(actions, path);
#elif defined(__APPLE__)
    return posix_spawn_file_actions_addchdir_np(actions, path);
#else
    (void)actions; (void)path;
    return -1;
#endif
}

/// Reports `error` to the parent through `pipe_fd` and ends the child.
static void fail(int pipe_fd, int error) {
    ssize_t ignored = write(pipe_fd, &error, sizeof error);
    (void)ignored;
    _exit(127);
}

/// Closes every descriptor from 3 up but `keep`, with only async-signal-safe calls.
static void close_others(int keep) {
    unsigned first = 3;
#if defined(__linux__) && defined(SYS_close_range)
    // One call each side of `keep` (Linux 5.9); the loop below otherwise.
    int ok = 1;
    if (keep > 3) ok = syscall(SYS_close_range, first, (unsigned)keep - 1, 0u) == 0;
    if (ok) ok = syscall(SYS_close_range, keep >= 3 ? (unsigned)keep + 1 : first, ~0u, 0u) == 0;
    if (ok) return;
#endif
    long limit = sysconf(_SC_OPEN_MAX);
    if (limit < 0 || limit > 65536) limit = 65536;
    for (int fd = (int)first; fd < limit; fd++) {
        if (fd != keep) close(fd);
    }
}

// posix_spawn can't ask for a parent-death signal, so this forks. Between fork and execve
// the child calls only async-signal-safe functions: nbrun has many threads.
//
// With glibc's _Fork (2.34 on), no fork handler runs. OpenBLAS's handler stops its thread
// pool and joins its threads; while another thread of the process waits in a large matrix
// product, that join never returns, and both threads hang for good (OpenBLAS 0.3.21: the
// test binary, which runs notebooks' code in-process, hung CI for 90 minutes on it).
static pid_t fork_without_handlers(void) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    return _Fork();
#else
    return fork();
#endif
}

int nbrun_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[], const char *directory,
                int out_fd, int err_fd) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return errno;
    pid_t parent = getpid();
    sigset_t all, old;
    sigfillset(&all);
    // No handler of nbrun's may run in the child before execve.
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pid_t child = fork_without_handlers();
    if (child == 0) {
        close(report[0]);
        setpgid(0, 0);
#if defined(__linux__)
        // Killed with nbrun, even by SIGKILL; and if nbrun died before this line, now.
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fail(report[1], errno);
        if (getppid() != parent) _exit(127);
#endif
        int null_fd = open("/dev/null", O_RDONLY);
        if (null_fd < 0) fail(report[1], errno);
        if (dup2(null_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0) fail(report[1], errno);
        if (null_fd > 2) close(null_fd);
        // Nothing else of nbrun's goes with it: descriptors opened without close-on-exec
        // (the preview's listening socket, say) would otherwise live as long as the child
        // and whatever it forks (a checkpoint of `nbrun preview` lives for minutes).
        close_others(report[1]);
        if (directory != NULL && chdir(directory) != 0) fail(report[1], errno);
        // Every signal's default action (nbrun ignores SIGINT while children run), none blocked.
        for (int number = 1; number < NSIG; number++) {
            if (number != SIGKILL && number != SIGSTOP) signal(number, SIG_DFL);
        }
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        execve(path, argv, envp);
        fail(report[1], errno);
    }
    int saved = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    close(report[1]);
    if (child < 0) {
        close(report[0]);
        return saved;
    }
    setpgid(child, child);  // as the child does, so that neither order races
    int error = 0;
    ssize_t count;
    do {
        count = read(report[0], &error, sizeof error);
    } while (count < 0 && errno == EINTR);
    close(report[0]);
    if (count == sizeof error) {
        int status;
        while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
        return error;
    }
    *pid = child;
    return 0;
}

int nbrun_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

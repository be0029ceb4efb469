#ifndef NBRUN_CSPAWN_H
#define NBRUN_CSPAWN_H

#include <spawn.h>

/// posix_spawn_file_actions_addchdir_np, which Swift's Glibc module does not export.
int nbrun_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);

#endif

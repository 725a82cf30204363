/* Finding the data files (dictionary, topics, synonyms) at run time. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ivs/analyze.h"

static char *
existing(const char *dir, const char *sub, const char *name)
{
    size_t n = strlen(dir) + strlen(sub) + strlen(name) + 3;
    char *path = malloc(n);
    if (!path)
        return NULL;
    snprintf(path, n, "%s/%s%s%s", dir, sub, *sub ? "/" : "", name);
    if (access(path, R_OK) == 0)
        return path;
    free(path);
    return NULL;
}

/* The data folder relative to the programs' own folder in the installed
 * layout (bin -> share/ivsearch), set by CMakeLists.txt from the configured
 * install dirs: an install under any prefix finds its own data. */
#ifndef IVS_DATA_RELATIVE_DIR
#define IVS_DATA_RELATIVE_DIR "../share/ivsearch"
#endif

char *
ivs_data_file(const char *name)
{
    const char *env = getenv("IVSEARCH_DATA_DIR");
    char *path;
    if (env && *env && (path = existing(env, "", name)))
        return path;

    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            if ((path = existing(exe, "data", name)))
                return path;
            if ((path = existing(exe, IVS_DATA_RELATIVE_DIR, name)))
                return path;
            /* Test programs live one level below the build root. */
            if ((path = existing(exe, "../data", name)))
                return path;
        }
    }
#ifdef IVS_DATA_INSTALL_DIR
    if ((path = existing(IVS_DATA_INSTALL_DIR, "", name)))
        return path;
#endif
    return NULL;
}

static char *
join_path(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", a, b);
    return p;
}

char *
ivs_user_dict_file(void)
{
    const char *env = getenv("IVSEARCH_USER_DICT");
    if (env && *env)
        return strdup(env);
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    char *path;
    if (xdg && *xdg)
        path = join_path(xdg, "ivsearch/user.dict");
    else if (home && *home)
        path = join_path(home, ".config/ivsearch/user.dict");
    else
        return NULL;
    if (path && access(path, R_OK) != 0) {
        free(path);
        return NULL;
    }
    return path;
}

char *
ivs_default_db(const char *flag)
{
    if (flag && *flag)
        return strdup(flag);
    const char *env = getenv("IVSEARCH_DB");
    if (env && *env)
        return strdup(env);
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && *xdg)
        return join_path(xdg, "ivsearch/db");
    const char *home = getenv("HOME");
    return join_path(home && *home ? home : ".", ".local/share/ivsearch/db");
}

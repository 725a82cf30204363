/* Finding the data files (dictionary, topics, synonyms) at run time. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ivs/datapath.h"

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

/* The database path: --db, $IVSEARCH_DB, $XDG_DATA_HOME (only when
 * absolute, as the XDG spec asks), $HOME (only when absolute: a relative or
 * missing HOME would put the database in whatever folder the program runs
 * from). The reasons are static, one line each. */
char *
ivs_default_db(const char *flag, const char **why)
{
    const char *dummy;
    if (!why)
        why = &dummy;
    *why = NULL;
    char *path = NULL;
    if (flag) {
        if (!*flag) {
            *why = "--db '' names no folder: give the database folder, "
                   "e.g. --db ~/notes.db";
            return NULL;
        }
        *why = "--db";
        path = strdup(flag);
    } else {
        const char *env = getenv("IVSEARCH_DB");
        const char *xdg = getenv("XDG_DATA_HOME");
        const char *home = getenv("HOME");
        if (env && *env) {
            *why = "$IVSEARCH_DB";
            path = strdup(env);
        } else if (xdg && *xdg == '/') {
            *why = "$XDG_DATA_HOME";
            path = join_path(xdg, "ivsearch/db");
        } else if (home && *home == '/') {
            *why = xdg && *xdg ? "$HOME; $XDG_DATA_HOME is ignored: not an "
                                 "absolute path"
                               : "$HOME";
            path = join_path(home, ".local/share/ivsearch/db");
        } else {
            *why = home && *home
                       ? "HOME is not an absolute path and XDG_DATA_HOME is "
                         "not set to one: pass --db DIR or set IVSEARCH_DB"
                       : "HOME is not set: pass --db DIR or set IVSEARCH_DB "
                         "to the database folder";
            return NULL;
        }
    }
    if (!path)
        *why = "out of memory";
    return path;
}

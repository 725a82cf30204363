/* Whole-process latency driver of bench/latency.
 *
 *   spawn [-o DIR] PROGRAM [ARG...] < QUERIES
 *
 * For every line of QUERIES (extra arguments separated by TABs; an empty
 * field is an empty argument), runs PROGRAM ARG... EXTRA... with stdin and
 * stderr on /dev/null and stdout on /dev/null (or on DIR/<line number> with
 * -o), and prints "<milliseconds>\t<exit status>" per line. The time is
 * wall clock (CLOCK_MONOTONIC) from just before posix_spawn() to the return
 * of waitpid(): process start, dynamic linking, database open, query, output
 * and exit -- what a user or a script calling ivsearch waits for. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    const char *outdir = NULL;
    int a = 1;
    if (a + 1 < argc && strcmp(argv[a], "-o") == 0) {
        outdir = argv[a + 1];
        a += 2;
    }
    if (a >= argc) {
        fprintf(stderr, "usage: spawn [-o DIR] PROGRAM [ARG...] < QUERIES\n");
        return 2;
    }
    int nfixed = argc - a;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    while ((len = getline(&line, &cap, stdin)) >= 0) {
        lineno++;
        if (len && line[len - 1] == '\n') line[--len] = 0;
        int nextra = 1;
        for (char *p = line; *p; p++) nextra += *p == '\t';
        char **av = calloc(nfixed + nextra + 1, sizeof *av);
        int n = 0;
        for (int i = 0; i < nfixed; i++) av[n++] = argv[a + i];
        if (len > 0) {
            char *p = line;
            for (;;) {
                char *t = strchr(p, '\t');
                if (t) *t = 0;
                av[n++] = p;
                if (!t) break;
                p = t + 1;
            }
        }
        av[n] = NULL;
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        if (outdir) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%ld", outdir, lineno);
            posix_spawn_file_actions_addopen(&fa, 1, path,
                                             O_WRONLY | O_CREAT | O_TRUNC,
                                             0644);
        } else {
            posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        }
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
        pid_t pid;
        double t0 = now_ms();
        int rc = posix_spawn(&pid, av[0], &fa, NULL, av, environ);
        int st = 0;
        if (rc == 0)
            waitpid(pid, &st, 0);
        else
            fprintf(stderr, "spawn: %s: %s\n", av[0], strerror(rc));
        double t1 = now_ms();
        posix_spawn_file_actions_destroy(&fa);
        int code = rc ? 127 : WIFEXITED(st) ? WEXITSTATUS(st)
                                            : 128 + WTERMSIG(st);
        printf("%.3f\t%d\n", t1 - t0, code);
        free(av);
    }
    free(line);
    return 0;
}

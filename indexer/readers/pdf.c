/* .pdf (see ivs/readers.h): `pdftotext -enc UTF-8 - -` as a child process
 * (fork and exec, no shell), fed the PDF on its standard input, with
 * limits on its address space and CPU time, a wall-clock timeout after
 * which it is killed, and its output capped: a hostile PDF can make
 * pdftotext fail, never ivindex. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "readers_internal.h"

static int pdftotext_missing; /* set once, read by any thread */

int
ivs_reader_pdftotext_missing(void)
{
    return __atomic_load_n(&pdftotext_missing, __ATOMIC_RELAXED);
}

/* In the child: limits, pipes on fds 0 and 1, stderr to /dev/null, exec.
 * Exit 127 when the program cannot be run. */
static void
child(const char *program, int in, int out)
{
    struct rlimit as = {IVS_PDF_MAX_AS, IVS_PDF_MAX_AS};
    struct rlimit cpu = {IVS_PDF_MAX_CPU, IVS_PDF_MAX_CPU};
    setrlimit(RLIMIT_AS, &as);
    setrlimit(RLIMIT_CPU, &cpu);
    struct rlimit core = {0, 0};
    setrlimit(RLIMIT_CORE, &core);
    int null = open("/dev/null", O_WRONLY);
    if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || null < 0 || dup2(null, 2) < 0)
        _exit(126);
    signal(SIGPIPE, SIG_DFL);
    char *const argv[] = {
        (char *)program, "-q", "-enc", "UTF-8", "-", "-", NULL};
    execvp(program, argv);
    _exit(127);
}

static double
now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Feeds BYTES to the child's stdin (fd *TO_FD) and reads its stdout (fd
 * FROM) into O until it closes, the output cap or SECONDS have passed;
 * *TO_FD is -1 once closed. 0; 1 on the deadline; 2 when the output is
 * too large. */
static int
pump(int *to_fd, int from, const char *bytes, size_t len, int seconds,
     outbuf_t *o)
{
    int to = *to_fd;
    size_t sent = 0;
    double deadline = now_seconds() + seconds;
    char buf[65536];
    for (;;) {
        struct pollfd p[2] = {{from, POLLIN, 0}, {to, POLLOUT, 0}};
        int n = to >= 0 ? 2 : 1;
        double left = deadline - now_seconds();
        if (left <= 0)
            return 1;
        int r = poll(p, (nfds_t)n, (int)(left * 1000) + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return 1;
        if (n == 2 && p[1].revents) {
            ssize_t w = (p[1].revents & POLLOUT)
                            ? write(to, bytes + sent,
                                    len - sent > 65536 ? 65536 : len - sent)
                            : -1;
            if (w > 0)
                sent += (size_t)w;
            if (w < 0 || sent == len) { /* all sent, or it stopped reading */
                close(to);
                to = *to_fd = -1;
            }
        }
        if (p[0].revents) {
            ssize_t got = read(from, buf, sizeof buf);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0)
                return 0;
            out_raw(o, buf, (size_t)got);
            if (o->full)
                return 2;
        }
    }
}

/* Whether the text has anything but white space and form feeds. */
static int
has_text(const outbuf_t *o)
{
    for (size_t i = 0; i < o->n; i++)
        if (!strchr(" \t\r\n\f\v", o->s[i]))
            return 1;
    return 0;
}

ivs_status_t
read_pdf(const char *bytes, size_t len, const char *program, int seconds,
         outbuf_t *o, const char **reason)
{
    if (!program)
        program = "pdftotext";
    if (len < 5 || memcmp(bytes, "%PDF-", 5)) {
        *reason = "not a PDF file";
        return IVS_ERR_INPUT;
    }
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) < 0) {
        *reason = "cannot run pdftotext (no pipe)";
        return IVS_ERR_IO;
    }
    if (pipe2(out, O_CLOEXEC) < 0) {
        close(in[0]);
        close(in[1]);
        *reason = "cannot run pdftotext (no pipe)";
        return IVS_ERR_IO;
    }
    pid_t pid = fork();
    if (pid == 0)
        child(program, in[0], out[1]);
    close(in[0]);
    close(out[1]);
    if (pid < 0) {
        close(in[1]);
        close(out[0]);
        *reason = "cannot run pdftotext (fork failed)";
        return IVS_ERR_IO;
    }
    /* a child that stops reading must not kill us with SIGPIPE */
    int flags = fcntl(in[1], F_GETFL);
    fcntl(in[1], F_SETFL, flags | O_NONBLOCK);
    sigset_t pipe_set, old;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    int to = in[1];
    int r = pump(&to, out[0], bytes, len, seconds, o);
    struct timespec zero = {0, 0};
    while (sigtimedwait(&pipe_set, NULL, &zero) > 0)
        ; /* a SIGPIPE raised by our writes: consumed */
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (r != 0)
        kill(pid, SIGKILL);
    close(out[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (to >= 0)
        close(to);
    if (r == 1) {
        *reason = "pdftotext timed out";
        return IVS_ERR_TOOBIG;
    }
    if (r == 2) {
        *reason = "text larger than 64 MiB";
        return IVS_ERR_TOOBIG;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        __atomic_store_n(&pdftotext_missing, 1, __ATOMIC_RELAXED);
        *reason = "pdftotext not installed";
        return IVS_ERR_NOTFOUND;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        *reason = WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU ||
                                          WTERMSIG(status) == SIGKILL)
                      ? "pdftotext ran out of time or memory"
                      : "pdftotext failed (damaged PDF?)";
        return IVS_ERR_INPUT;
    }
    if (!has_text(o)) {
        *reason = "no text layer (scanned?)";
        return IVS_ERR_INPUT;
    }
    return IVS_OK;
}

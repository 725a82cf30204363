/* Unit tests for ivserve's accounts (search/serve/auth.c and
 * auth_sessions.c): the users file, reading a password, sessions and the
 * limit on failed logins. Times are given, never read from the clock. */
#define _GNU_SOURCE /* posix_openpt, ptsname */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ivs/auth.h"

static char dir[64];
static char users_path[128];

static void
setup(void)
{
    ck_assert_int_eq(ivs_auth_init(), IVS_OK);
    snprintf(dir, sizeof dir, "/tmp/ivs-check-auth-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(users_path, sizeof users_path, "%s/users", dir);
}

/* Removes everything the test made in DIR (files, links, one level of
 * folders). */
static void
teardown(void)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[PATH_MAX];
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (unlink(path) != 0)
            rmdir(path);
    }
    closedir(d);
    rmdir(dir);
}

static void
write_file(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
    ck_assert_int_eq(chmod(path, mode), 0);
}

/* The whole file PATH, malloc'd. */
static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strdup(buf);
}

static void
add_ok(const char *name, const char *password, const char *const *scopes,
       size_t n)
{
    char *err = NULL;
    ivs_status_t st =
        ivs_users_add(users_path, name, password, scopes, n, &err);
    ck_assert_msg(st == IVS_OK, "add %s: %s", name, err ? err : "?");
    free(err);
}

static ivs_users_t *
load_ok(void)
{
    ivs_users_t *users = NULL;
    char *err = NULL;
    ivs_status_t st = ivs_users_load(users_path, &users, &err);
    ck_assert_msg(st == IVS_OK, "load: %s", err ? err : "?");
    ck_assert_ptr_nonnull(users);
    return users;
}

/* A valid argon2id hash (of "password1"), made once per process. */
static const char *
some_hash(void)
{
    static char hash[256];
    if (hash[0])
        return hash;
    add_ok("hash-maker", "password1", NULL, 0);
    char *text = slurp(users_path);
    char *line = strstr(text, "hash-maker\t");
    ck_assert_ptr_nonnull(line);
    line += strlen("hash-maker\t");
    size_t len = strcspn(line, "\t\n");
    ck_assert_uint_lt(len, sizeof hash);
    memcpy(hash, line, len);
    hash[len] = '\0';
    free(text);
    unlink(users_path);
    return hash;
}

static double
seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- users ------------------------------------------------------------- */

START_TEST(test_added_user_loads_and_verifies_with_a_0600_file)
{
    add_ok("alice", "correct horse", NULL, 0);
    struct stat st;
    ck_assert_int_eq(stat(users_path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    ivs_users_t *users = load_ok();
    ck_assert_uint_eq(ivs_users_count(users), 1);
    const ivs_user_t *u = ivs_users_verify(users, "alice", "correct horse");
    ck_assert_ptr_nonnull(u);
    ck_assert_str_eq(ivs_user_name(u), "alice");
    ck_assert_uint_eq(ivs_user_n_scopes(u), 0);
    ck_assert_ptr_eq(ivs_users_find(users, "alice"), u);
    char *text = slurp(users_path);
    ck_assert_ptr_null(strstr(text, "correct horse"));
    ck_assert_ptr_nonnull(strstr(text, "alice\t$argon2id$"));
    free(text);
    ivs_users_free(users);
}
END_TEST

START_TEST(test_wrong_password_and_unknown_user_are_refused)
{
    add_ok("alice", "correct horse", NULL, 0);
    add_ok("bob", "battery staple", NULL, 0);
    ivs_users_t *users = load_ok();
    ck_assert_ptr_null(ivs_users_verify(users, "alice", "correct horsE"));
    ck_assert_ptr_null(ivs_users_verify(users, "alice", "battery staple"));
    ck_assert_ptr_null(ivs_users_verify(users, "alice", ""));
    /* the unknown name is checked against a real hash: even its password
     * must not let it in */
    ck_assert_ptr_null(ivs_users_verify(users, "carol", "correct horse"));
    ck_assert_ptr_null(ivs_users_verify(users, "Alice", "correct horse"));
    ck_assert_ptr_null(ivs_users_find(users, "carol"));
    ck_assert_ptr_null(ivs_users_verify(users, NULL, "correct horse"));
    ck_assert_ptr_nonnull(ivs_users_verify(users, "bob", "battery staple"));
    ivs_users_free(users);
}
END_TEST

START_TEST(test_unknown_user_costs_a_verification_like_a_known_one)
{
    add_ok("alice", "correct horse", NULL, 0);
    ivs_users_t *users = load_ok();
    double known = 1e9, unknown = 1e9;
    for (int i = 0; i < 3; i++) {
        double t0 = seconds();
        ivs_users_verify(users, "alice", "wrong password");
        double t1 = seconds();
        ivs_users_verify(users, "mallory", "wrong password");
        double t2 = seconds();
        known = t1 - t0 < known ? t1 - t0 : known;
        unknown = t2 - t1 < unknown ? t2 - t1 : unknown;
    }
    /* both are one argon2id run (tens of ms); a shortcut would be µs */
    ck_assert_msg(unknown > known * 0.3, "known %.4f s, unknown %.4f s", known,
                  unknown);
    ivs_users_free(users);
    /* and with no users at all */
    write_file(users_path, "# nobody yet\n", 0600);
    users = load_ok();
    ck_assert_uint_eq(ivs_users_count(users), 0);
    double t0 = seconds();
    ck_assert_ptr_null(ivs_users_verify(users, "alice", "correct horse"));
    ck_assert_msg(seconds() - t0 > known * 0.3, "no verification");
    ivs_users_free(users);
}
END_TEST

START_TEST(test_password_replaced_keeping_other_users_and_comments)
{
    write_file(users_path, "# the hiring team\n\n", 0600);
    const char *scope[] = {"/srv/notes/team-a"};
    add_ok("alice", "first password", NULL, 0);
    add_ok("bob", "bobs password", scope, 1);
    add_ok("alice", "second password", NULL, 0);
    ivs_users_t *users = load_ok();
    ck_assert_uint_eq(ivs_users_count(users), 2);
    ck_assert_ptr_null(ivs_users_verify(users, "alice", "first password"));
    ck_assert_ptr_nonnull(ivs_users_verify(users, "alice", "second password"));
    const ivs_user_t *bob = ivs_users_verify(users, "bob", "bobs password");
    ck_assert_ptr_nonnull(bob);
    ck_assert_uint_eq(ivs_user_n_scopes(bob), 1);
    ck_assert_str_eq(ivs_user_scope(bob, 0), "/srv/notes/team-a");
    ivs_users_free(users);
    char *text = slurp(users_path);
    ck_assert(!strncmp(text, "# the hiring team\n\nalice\t", 25));
    ck_assert_ptr_nonnull(strstr(text, "\nbob\t"));
    free(text);
    /* replacing bob's scopes with none */
    add_ok("bob", "bobs password", NULL, 0);
    users = load_ok();
    ck_assert_uint_eq(ivs_user_n_scopes(ivs_users_find(users, "bob")), 0);
    ivs_users_free(users);
    /* no temporary file is left beside it */
    DIR *d = opendir(dir);
    struct dirent *e;
    int entries = 0;
    while ((e = readdir(d)))
        entries += e->d_name[0] != '.' || e->d_name[1] == 't';
    closedir(d);
    ck_assert_int_eq(entries, 1);
}
END_TEST

START_TEST(test_scopes_are_made_absolute_and_canonical)
{
    char old_cwd[PATH_MAX], real[PATH_MAX], want[PATH_MAX + 32];
    ck_assert_ptr_nonnull(getcwd(old_cwd, sizeof old_cwd));
    ck_assert_ptr_nonnull(realpath(dir, real));
    ck_assert_int_eq(chdir(dir), 0);
    ck_assert_int_eq(mkdir("team", 0700), 0);
    ck_assert_int_eq(symlink("team", "link"), 0);
    const char *scopes[] = {"team/", "./new//sub/", "/srv/x/", "link"};
    add_ok("alice", "correct horse", scopes, 4);
    ivs_users_t *users = load_ok();
    const ivs_user_t *u = ivs_users_find(users, "alice");
    ck_assert_uint_eq(ivs_user_n_scopes(u), 4);
    snprintf(want, sizeof want, "%s/team", real);
    ck_assert_str_eq(ivs_user_scope(u, 0), want);
    snprintf(want, sizeof want, "%s/new/sub", real);
    ck_assert_str_eq(ivs_user_scope(u, 1), want);
    ck_assert_str_eq(ivs_user_scope(u, 2), "/srv/x");
    snprintf(want, sizeof want, "%s/team", real); /* the link resolved */
    ck_assert_str_eq(ivs_user_scope(u, 3), want);
    ck_assert_ptr_null(ivs_user_scope(u, 4));
    ivs_users_free(users);
    /* what cannot be made canonical is refused, and nothing written */
    const char *bad[][1] = {{"/"}, {"gone/../x"}, {"a\tb"}, {""}};
    for (size_t i = 0; i < 4; i++) {
        char *err = NULL;
        ck_assert_int_eq(
            ivs_users_add(users_path, "bob", "bobs password", bad[i], 1, &err),
            IVS_ERR_INPUT);
        ck_assert_ptr_nonnull(err);
        ck_assert_msg(!strncmp(err, "scope ", 6), "%s", err);
        free(err);
    }
    users = load_ok();
    ck_assert_ptr_null(ivs_users_find(users, "bob"));
    ivs_users_free(users);
    unlink("link");
    rmdir("team");
    ck_assert_int_eq(chdir(old_cwd), 0);
}
END_TEST

START_TEST(test_bad_names_and_passwords_are_refused_by_add)
{
    static const char *const bad_names[] = {
        "",
        "two words",
        "tab\tname",
        "new\nline",
        "semi;colon",
        "a/b",
        "0123456789012345678901234567890123456789012345678901234567890123X",
        "e\xcc\x81", /* e and a combining accent: not NFC */
        "\xff"};
    for (size_t i = 0; i < sizeof bad_names / sizeof *bad_names; i++) {
        char *err = NULL;
        ck_assert_int_eq(ivs_users_add(users_path, bad_names[i], "long enough",
                                       NULL, 0, &err),
                         IVS_ERR_INPUT);
        ck_assert_ptr_nonnull(err);
        ck_assert_msg(!strncmp(err, "user name ", 10), "%s", err);
        free(err);
    }
    char *err = NULL;
    ck_assert_int_eq(
        ivs_users_add(users_path, "new\nline", "long enough", NULL, 0, &err),
        IVS_ERR_INPUT);
    ck_assert_str_eq(err, "user name new\\nline: only letters, digits, "
                          "'.', '_', '-' and '@' may be used");
    free(err);
    ck_assert_int_eq(
        ivs_users_add(users_path, "alice", "7 bytes", NULL, 0, &err),
        IVS_ERR_INPUT);
    ck_assert_ptr_nonnull(strstr(err, "shorter than 8 bytes"));
    free(err);
    ck_assert_int_eq(access(users_path, F_OK), -1); /* nothing written */
    /* letters of any script, digits and . _ - @ are names */
    add_ok("张三", "8 bytes!", NULL, 0);
    add_ok("j.doe_2-x@example.org", "8 bytes!", NULL, 0);
    ivs_users_t *users = load_ok();
    ck_assert_ptr_nonnull(ivs_users_verify(users, "张三", "8 bytes!"));
    ck_assert_uint_eq(ivs_users_count(users), 2);
    ivs_users_free(users);
}
END_TEST

/* ---- the users file's errors ------------------------------------------- */

/* Line 3 of each is wrong (HASH stands for a valid hash); the field named
 * in the message follows. */
static const struct {
    const char *line, *field;
} malformed[] = {
    {"bad name\tHASH", "user name"},
    {"bob", "line"},
    {"bob\t\tHASH", "hash"},
    {"bob\tHASH\t", "scope"},
    {"bob\tnot-a-hash", "hash"},
    {"bob\t$argon2id$v=19$m=65536,t=2,p=1$garbage", "hash"},
    {"bob\t$argon2i$v=19$m=32768,t=4,p=1$c29tZXNhbHQ$YWJj", "hash"},
    {"bob\tHASH\trelative/folder", "scope"},
    {"bob\tHASH\t/srv/notes/", "scope"},
    {"bob\tHASH\t/srv/../etc", "scope"},
    {"bob\tHASH\t/", "scope"},
    {"bob\tHASH\r", "carriage return"},
    {"alice\tHASH", "already on line 1"},
    {" alice\tHASH", "user name"},
};

START_TEST(test_malformed_line_fails_the_load_naming_its_line)
{
    const char *hash = some_hash();
    char line[1024], text[2048], want[256];
    const char *l = malformed[_i].line;
    const char *at = strstr(l, "HASH");
    if (at)
        snprintf(line, sizeof line, "%.*s%s%s", (int)(at - l), l, hash, at + 4);
    else
        snprintf(line, sizeof line, "%s", l);
    snprintf(text, sizeof text, "alice\t%s\n# comment\n%s\ncarol\t%s\n", hash,
             line, hash);
    write_file(users_path, text, 0600);
    ivs_users_t *users = (ivs_users_t *)1;
    char *err = NULL;
    ck_assert_int_eq(ivs_users_load(users_path, &users, &err), IVS_ERR_INPUT);
    ck_assert_ptr_null(users);
    ck_assert_ptr_nonnull(err);
    snprintf(want, sizeof want, "%s:3: ", users_path);
    ck_assert_msg(!strncmp(err, want, strlen(want)), "%s", err);
    ck_assert_msg(strstr(err, malformed[_i].field), "%s", err);
    ck_assert_ptr_null(strchr(err, '\n'));
    free(err);
    /* and add refuses to rewrite it */
    ck_assert_int_eq(
        ivs_users_add(users_path, "dave", "long enough", NULL, 0, NULL),
        IVS_ERR_INPUT);
    char *now = slurp(users_path);
    ck_assert_str_eq(now, text);
    free(now);
}
END_TEST

START_TEST(test_file_others_may_read_or_write_is_refused)
{
    add_ok("alice", "correct horse", NULL, 0);
    static const mode_t modes[] = {0640, 0604, 0620, 0602, 0660};
    for (size_t i = 0; i < sizeof modes / sizeof *modes; i++) {
        ck_assert_int_eq(chmod(users_path, modes[i]), 0);
        ivs_users_t *users = NULL;
        char *err = NULL;
        ck_assert_int_eq(ivs_users_load(users_path, &users, &err),
                         IVS_ERR_INPUT);
        ck_assert_ptr_null(users);
        char want[512];
        snprintf(want, sizeof want, "%s: readable by others; chmod 600 %s",
                 users_path, users_path);
        ck_assert_str_eq(err, want);
        free(err);
        /* add does not rewrite it either */
        ck_assert_int_eq(
            ivs_users_add(users_path, "bob", "long enough", NULL, 0, NULL),
            IVS_ERR_INPUT);
    }
    ck_assert_int_eq(chmod(users_path, 0400), 0); /* read-only is fine */
    ivs_users_t *users = load_ok();
    ivs_users_free(users);
}
END_TEST

START_TEST(test_symlink_or_special_file_is_never_replaced)
{
    char target[160], fifo[160];
    snprintf(target, sizeof target, "%s/real-users", dir);
    write_file(target, "# kept\n", 0600);
    ck_assert_int_eq(symlink(target, users_path), 0);
    char *err = NULL;
    ck_assert_int_eq(
        ivs_users_add(users_path, "alice", "correct horse", NULL, 0, &err),
        IVS_ERR_INPUT);
    ck_assert_ptr_nonnull(strstr(err, "symbolic link"));
    free(err);
    struct stat st;
    ck_assert_int_eq(lstat(users_path, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    char *text = slurp(target);
    ck_assert_str_eq(text, "# kept\n");
    free(text);
    /* a dangling link is not followed to create its target either */
    unlink(target);
    ck_assert_int_eq(
        ivs_users_add(users_path, "alice", "correct horse", NULL, 0, NULL),
        IVS_ERR_INPUT);
    ck_assert_int_eq(access(target, F_OK), -1);
    /* a FIFO is refused at once by load and add, never waited on */
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ivs_users_t *users = NULL;
    ck_assert_int_eq(ivs_users_load(fifo, &users, &err), IVS_ERR_INPUT);
    ck_assert_ptr_nonnull(strstr(err, "not a regular file"));
    free(err);
    ck_assert_int_eq(
        ivs_users_add(fifo, "alice", "correct horse", NULL, 0, NULL),
        IVS_ERR_INPUT);
    /* and a folder */
    ck_assert_int_eq(ivs_users_load(dir, &users, NULL), IVS_ERR_INPUT);
}
END_TEST

START_TEST(test_missing_file_is_an_io_error_and_an_empty_one_has_no_users)
{
    ivs_users_t *users = (ivs_users_t *)1;
    char *err = NULL;
    ck_assert_int_eq(ivs_users_load(users_path, &users, &err), IVS_ERR_IO);
    ck_assert_ptr_null(users);
    ck_assert_ptr_nonnull(strstr(err, "--add-user"));
    free(err);
    write_file(users_path, "", 0600);
    users = load_ok();
    ck_assert_uint_eq(ivs_users_count(users), 0);
    ck_assert_ptr_null(ivs_users_find(users, "alice"));
    ivs_users_free(users);
    /* a file too large for a users file (sparse: no disk used) */
    ck_assert_int_eq(truncate(users_path, 17 << 20), 0);
    ck_assert_int_eq(ivs_users_load(users_path, &users, &err), IVS_ERR_TOOBIG);
    ck_assert_ptr_nonnull(strstr(err, "16 MiB or more"));
    free(err);
    /* a folder that does not exist */
    char path[192];
    snprintf(path, sizeof path, "%s/no/users", dir);
    ck_assert_int_eq(
        ivs_users_add(path, "alice", "correct horse", NULL, 0, &err),
        IVS_ERR_IO);
    ck_assert_ptr_nonnull(strstr(err, path));
    free(err);
}
END_TEST

/* ---- reading a password ------------------------------------------------ */

/* ivs_auth_read_password with standard input a pipe holding INPUT (LEN
 * bytes); what is left unread in the pipe goes to REST. */
static char *
read_password_from(const char *input, size_t len, char **err, char *rest,
                   size_t rest_size)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    ck_assert_int_eq(write(fds[1], input, len), (ssize_t)len);
    close(fds[1]);
    int saved = dup(STDIN_FILENO);
    ck_assert_int_ge(saved, 0);
    ck_assert_int_ge(dup2(fds[0], STDIN_FILENO), 0);
    close(fds[0]);
    char *pw = ivs_auth_read_password("alice", err);
    ssize_t n = read(STDIN_FILENO, rest, rest_size - 1);
    rest[n > 0 ? n : 0] = '\0';
    dup2(saved, STDIN_FILENO);
    close(saved);
    return pw;
}

START_TEST(test_password_is_one_line_of_a_pipe)
{
    char rest[64], *err = NULL;
    char *pw = read_password_from("s3cret pass\nnext line\n", 22, &err, rest,
                                  sizeof rest);
    ck_assert_ptr_nonnull(pw);
    ck_assert_str_eq(pw, "s3cret pass");
    ck_assert_str_eq(rest, "next line\n"); /* nothing after it was read */
    ivs_auth_wipe(pw);
    ck_assert_int_eq(pw[0], 0);
    ck_assert_int_eq(pw[10], 0);
    free(pw);
    pw = read_password_from("crlf line\r\n", 11, &err, rest, sizeof rest);
    ck_assert_str_eq(pw, "crlf line");
    free(pw);
    pw = read_password_from("no newline", 10, &err, rest, sizeof rest);
    ck_assert_str_eq(pw, "no newline");
    free(pw);
    ck_assert_ptr_null(err);
}
END_TEST

START_TEST(test_empty_or_overlong_password_input_is_refused)
{
    char rest[64], *err = NULL;
    ck_assert_ptr_null(read_password_from("\n", 1, &err, rest, sizeof rest));
    ck_assert_ptr_nonnull(strstr(err, "empty"));
    free(err);
    ck_assert_ptr_null(read_password_from("", 0, &err, rest, sizeof rest));
    free(err);
    ck_assert_ptr_null(
        read_password_from("a\0b\n", 4, &err, rest, sizeof rest));
    ck_assert_ptr_nonnull(strstr(err, "NUL"));
    free(err);
    static char big[IVS_AUTH_PASSWORD_MAX + 10];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\n';
    ck_assert_ptr_null(
        read_password_from(big, sizeof big, &err, rest, sizeof rest));
    ck_assert_ptr_nonnull(strstr(err, "longer"));
    free(err);
    /* exactly the limit is fine */
    big[IVS_AUTH_PASSWORD_MAX] = '\n';
    char *pw = read_password_from(big, IVS_AUTH_PASSWORD_MAX + 1, &err, rest,
                                  sizeof rest);
    ck_assert_ptr_nonnull(pw);
    ck_assert_uint_eq(strlen(pw), IVS_AUTH_PASSWORD_MAX);
    free(pw);
}
END_TEST

/* Waits up to 10 s until the terminal's MASTER side has shown WANT,
 * adding what it shows to SEEN (SIZE bytes); 1 when it did. */
static int
pty_expect(int master, const char *want, char *seen, size_t size)
{
    size_t n = strlen(seen);
    for (int waits = 0; waits < 100 && !strstr(seen, want);) {
        struct pollfd p = {.fd = master, .events = POLLIN};
        int r = poll(&p, 1, 100);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            waits += r == 0;
            if (r < 0)
                return 0;
            continue;
        }
        ssize_t got = read(master, seen + n, size - 1 - n);
        if (got <= 0)
            return 0;
        n += (size_t)got;
        seen[n] = '\0';
    }
    return strstr(seen, want) != NULL;
}

/* Runs ivs_auth_read_password in a child whose standard input and error
 * are a new terminal, typing FIRST and SECOND at its two prompts. RESULT
 * gets "echo" or "noecho" (the terminal's state afterwards), then " OK "
 * and the password or " ERR " and the message; SHOWN what the terminal
 * showed. */
static void
password_on_terminal(const char *first, const char *second, char *result,
                     size_t rsize, char *shown, size_t ssize)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    ck_assert_int_ge(master, 0);
    ck_assert_int_eq(grantpt(master), 0);
    ck_assert_int_eq(unlockpt(master), 0);
    const char *slave_name = ptsname(master);
    ck_assert_ptr_nonnull(slave_name);
    int out[2];
    ck_assert_int_eq(pipe(out), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        setsid();
        int slave = open(slave_name, O_RDWR); /* the controlling terminal */
        if (slave < 0 || dup2(slave, 0) < 0 || dup2(slave, 2) < 0)
            _exit(1);
        char *err = NULL;
        char *pw = ivs_auth_read_password("alice", &err);
        struct termios t;
        int echo = tcgetattr(0, &t) == 0 && (t.c_lflag & ECHO);
        dprintf(out[1], "%s %s %s", echo ? "echo" : "noecho", pw ? "OK" : "ERR",
                pw    ? pw
                : err ? err
                      : "?");
        _exit(0);
    }
    close(out[1]);
    shown[0] = '\0';
    ck_assert(pty_expect(master, "Password for alice: ", shown, ssize));
    ck_assert_int_eq(write(master, first, strlen(first)),
                     (ssize_t)strlen(first));
    ck_assert(pty_expect(master, "Again: ", shown, ssize));
    ck_assert_int_eq(write(master, second, strlen(second)),
                     (ssize_t)strlen(second));
    size_t n = 0;
    ssize_t got;
    while ((got = read(out[0], result + n, rsize - 1 - n)) > 0)
        n += (size_t)got;
    result[n] = '\0';
    close(out[0]);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    pty_expect(master, "\n", shown, ssize); /* the newline after "Again: " */
    close(master);
}

START_TEST(test_password_on_a_terminal_is_asked_twice_without_echo)
{
    char result[256], shown[1024];
    password_on_terminal("hunter2 pw\n", "hunter2 pw\n", result, sizeof result,
                         shown, sizeof shown);
    ck_assert_str_eq(result, "echo OK hunter2 pw");
    ck_assert_msg(!strstr(shown, "hunter2"), "echoed: %s", shown);
    password_on_terminal("hunter2 pw\n", "hunter3 pw\n", result, sizeof result,
                         shown, sizeof shown);
    ck_assert_str_eq(result, "echo ERR the two passwords differ");
    ck_assert_msg(!strstr(shown, "hunter"), "echoed: %s", shown);
}
END_TEST

/* ---- sessions ---------------------------------------------------------- */

static int
is_hex_token(const char *t)
{
    if (strlen(t) != IVS_SESSION_TOKEN_LEN)
        return 0;
    for (const char *p = t; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return 0;
    return 1;
}

START_TEST(test_session_token_names_its_user_and_nothing_else)
{
    ivs_sessions_t *s = ivs_sessions_new(600, 3600);
    char t1[IVS_SESSION_TOKEN_LEN + 1], t2[IVS_SESSION_TOKEN_LEN + 1];
    char name[65];
    ck_assert_int_eq(ivs_sessions_create(s, "alice", 1000, t1), IVS_OK);
    ck_assert_int_eq(ivs_sessions_create(s, "bob", 1000, t2), IVS_OK);
    ck_assert(is_hex_token(t1) && is_hex_token(t2));
    ck_assert_str_ne(t1, t2);
    ck_assert_int_eq(ivs_sessions_lookup(s, t1, 1001, name, sizeof name), 1);
    ck_assert_str_eq(name, "alice");
    ck_assert_int_eq(ivs_sessions_lookup(s, t2, 1001, name, sizeof name), 1);
    ck_assert_str_eq(name, "bob");
    /* one character changed, cut, lengthened, not hex */
    char bad[IVS_SESSION_TOKEN_LEN + 2];
    strcpy(bad, t1);
    bad[17] = bad[17] == '0' ? '1' : '0';
    ck_assert_int_eq(ivs_sessions_lookup(s, bad, 1001, name, sizeof name), 0);
    ck_assert_str_eq(name, "");
    strcpy(bad, t1);
    bad[63] = '\0';
    ck_assert_int_eq(ivs_sessions_lookup(s, bad, 1001, name, sizeof name), 0);
    strcpy(bad, t1);
    strcat(bad, "0");
    ck_assert_int_eq(ivs_sessions_lookup(s, bad, 1001, name, sizeof name), 0);
    strcpy(bad, t1);
    bad[0] = 'g';
    ck_assert_int_eq(ivs_sessions_lookup(s, bad, 1001, name, sizeof name), 0);
    ck_assert_int_eq(ivs_sessions_lookup(s, "", 1001, name, sizeof name), 0);
    ck_assert_int_eq(ivs_sessions_lookup(s, NULL, 1001, name, sizeof name), 0);
    /* a name that does not fit is not cut to another user's */
    char small[6];
    ck_assert_int_eq(ivs_sessions_lookup(s, t1, 1001, small, 5), 0);
    ck_assert_int_eq(ivs_sessions_lookup(s, t1, 1001, small, 6), 1);
    ck_assert_str_eq(small, "alice");
    /* names a users file cannot hold are refused */
    ck_assert_int_eq(ivs_sessions_create(s, "", 1000, t2), IVS_ERR_INPUT);
    ck_assert_str_eq(t2, "");
    char longname[80];
    memset(longname, 'a', 65);
    longname[65] = '\0';
    ck_assert_int_eq(ivs_sessions_create(s, longname, 1000, t2), IVS_ERR_INPUT);
    ivs_sessions_free(s);
}
END_TEST

START_TEST(test_session_expires_after_idle_time_since_last_use)
{
    ivs_sessions_t *s = ivs_sessions_new(10, 1000);
    char t[IVS_SESSION_TOKEN_LEN + 1], name[65];
    ck_assert_int_eq(ivs_sessions_create(s, "alice", 1000, t), IVS_OK);
    ck_assert_int_eq(ivs_sessions_lookup(s, t, 1009, name, sizeof name), 1);
    ck_assert_int_eq(ivs_sessions_lookup(s, t, 1018, name, sizeof name), 1);
    /* a clock set back neither expires nor rewinds it */
    ck_assert_int_eq(ivs_sessions_lookup(s, t, 900, name, sizeof name), 1);
    ck_assert_int_eq(ivs_sessions_lookup(s, t, 1027, name, sizeof name), 1);
    /* 10 whole seconds may be 9.1 s: not yet; 11 are more than 10 */
    ck_assert_int_eq(ivs_sessions_lookup(s, t, 1037, name, sizeof name), 1);
    ck_assert_int_eq(ivs_sessions_lookup(s, t, 1048, name, sizeof name), 0);
    /* dropped: not even an earlier time finds it again */
    ck_assert_int_eq(ivs_sessions_lookup(s, t, 1030, name, sizeof name), 0);
    ivs_sessions_free(s);
}
END_TEST

START_TEST(test_session_expires_after_its_lifetime_however_used)
{
    ivs_sessions_t *s = ivs_sessions_new(10, 25);
    char t[IVS_SESSION_TOKEN_LEN + 1], name[65];
    ck_assert_int_eq(ivs_sessions_create(s, "alice", 1000, t), IVS_OK);
    for (time_t now = 1005; now <= 1025; now += 5)
        ck_assert_int_eq(ivs_sessions_lookup(s, t, now, name, sizeof name), 1);
    ck_assert_int_eq(ivs_sessions_lookup(s, t, 1026, name, sizeof name), 0);
    ivs_sessions_free(s);
}
END_TEST

START_TEST(test_ended_session_is_gone_and_others_stay)
{
    ivs_sessions_t *s = ivs_sessions_new(600, 3600);
    char t1[IVS_SESSION_TOKEN_LEN + 1], t2[IVS_SESSION_TOKEN_LEN + 1];
    char name[65];
    ck_assert_int_eq(ivs_sessions_create(s, "alice", 0, t1), IVS_OK);
    ck_assert_int_eq(ivs_sessions_create(s, "alice", 0, t2), IVS_OK);
    ivs_sessions_end(s, t1);
    ivs_sessions_end(s, t1);
    ivs_sessions_end(s, "not a token");
    ivs_sessions_end(s, NULL);
    ck_assert_int_eq(ivs_sessions_lookup(s, t1, 1, name, sizeof name), 0);
    ck_assert_int_eq(ivs_sessions_lookup(s, t2, 1, name, sizeof name), 1);
    ivs_sessions_free(s);
}
END_TEST

START_TEST(test_prune_ends_sessions_of_removed_users)
{
    add_ok("alice", "correct horse", NULL, 0);
    ivs_users_t *users = load_ok();
    ivs_sessions_t *s = ivs_sessions_new(600, 3600);
    char ta[IVS_SESSION_TOKEN_LEN + 1], tb[IVS_SESSION_TOKEN_LEN + 1];
    char name[65];
    ck_assert_int_eq(ivs_sessions_create(s, "alice", 0, ta), IVS_OK);
    ck_assert_int_eq(ivs_sessions_create(s, "bob", 0, tb), IVS_OK);
    ivs_sessions_prune(s, users);
    ck_assert_int_eq(ivs_sessions_lookup(s, ta, 1, name, sizeof name), 1);
    ck_assert_int_eq(ivs_sessions_lookup(s, tb, 1, name, sizeof name), 0);
    ivs_sessions_prune(s, NULL);
    ck_assert_int_eq(ivs_sessions_lookup(s, ta, 1, name, sizeof name), 0);
    ivs_users_free(users);
    ivs_sessions_free(s);
}
END_TEST

START_TEST(test_prune_ends_login_sessions_after_a_password_reset)
{
    add_ok("alice", "correct horse", NULL, 0);
    add_ok("bob", "battery staple", NULL, 0);
    ivs_users_t *users = load_ok();
    const ivs_user_t *alice = ivs_users_verify(users, "alice", "correct horse");
    const ivs_user_t *bob = ivs_users_verify(users, "bob", "battery staple");
    ck_assert(alice && bob);
    ivs_sessions_t *s = ivs_sessions_new(600, 3600);
    char ta[IVS_SESSION_TOKEN_LEN + 1], tb[IVS_SESSION_TOKEN_LEN + 1];
    char tn[IVS_SESSION_TOKEN_LEN + 1], name[65];
    ck_assert_int_eq(ivs_sessions_create_user(s, alice, 0, ta), IVS_OK);
    ck_assert_int_eq(ivs_sessions_create_user(s, bob, 0, tb), IVS_OK);
    ck_assert_int_eq(ivs_sessions_create(s, "alice", 0, tn), IVS_OK);
    ck_assert_int_eq(ivs_sessions_lookup(s, ta, 1, name, sizeof name), 1);
    ck_assert_str_eq(name, "alice");
    ivs_users_free(users);
    /* the same file loaded again changes nothing */
    users = load_ok();
    ivs_sessions_prune(s, users);
    ck_assert_int_eq(ivs_sessions_lookup(s, ta, 2, name, sizeof name), 1);
    ivs_users_free(users);
    /* alice's password set again, to the same one: a new salt */
    add_ok("alice", "correct horse", NULL, 0);
    users = load_ok();
    ivs_sessions_prune(s, users);
    ck_assert_int_eq(ivs_sessions_lookup(s, ta, 3, name, sizeof name), 0);
    ck_assert_int_eq(ivs_sessions_lookup(s, tb, 3, name, sizeof name), 1);
    ck_assert_str_eq(name, "bob");
    /* a session made by name alone follows the name only */
    ck_assert_int_eq(ivs_sessions_lookup(s, tn, 3, name, sizeof name), 1);
    ivs_users_free(users);
    ivs_sessions_free(s);
}
END_TEST

/* Prune over many sessions: those of the removed users go, every other
 * one is still found (entries moved by removals stay reachable). */
START_TEST(test_prune_keeps_every_other_session_reachable)
{
    add_ok("keep", "correct horse", NULL, 0);
    ivs_users_t *users = load_ok();
    ivs_sessions_t *s = ivs_sessions_new(600, 3600);
    enum { N = 6000 };
    static char tokens[N][IVS_SESSION_TOKEN_LEN + 1];
    char name[65];
    for (int i = 0; i < N; i++)
        ck_assert_int_eq(
            ivs_sessions_create(s, i % 3 ? "gone" : "keep", 0, tokens[i]),
            IVS_OK);
    ivs_sessions_prune(s, users);
    for (int i = 0; i < N; i++)
        ck_assert_int_eq(
            ivs_sessions_lookup(s, tokens[i], 1, name, sizeof name),
            i % 3 ? 0 : 1);
    ivs_users_free(users);
    ivs_sessions_free(s);
}
END_TEST

START_TEST(test_session_cap_drops_the_oldest_or_refuses)
{
    ivs_sessions_t *s = ivs_sessions_new(3600, 7200);
    static char tokens[IVS_SESSIONS_MAX][IVS_SESSION_TOKEN_LEN + 1];
    char t[IVS_SESSION_TOKEN_LEN + 1], name[65];
    for (int i = 0; i < IVS_SESSIONS_MAX; i++)
        ck_assert_int_eq(ivs_sessions_create(s, "alice", i ? 10 : 0, tokens[i]),
                         IVS_OK);
    /* all younger than a minute: refused, none dropped */
    ck_assert_int_eq(ivs_sessions_create(s, "bob", 30, t), IVS_ERR_TOOBIG);
    ck_assert_int_eq(ivs_sessions_lookup(s, tokens[0], 30, name, sizeof name),
                     1);
    /* a minute on, the oldest makes room */
    ck_assert_int_eq(ivs_sessions_create(s, "bob", 60, t), IVS_OK);
    ck_assert_int_eq(ivs_sessions_lookup(s, tokens[0], 61, name, sizeof name),
                     0);
    ck_assert_int_eq(ivs_sessions_lookup(s, t, 61, name, sizeof name), 1);
    ck_assert_str_eq(name, "bob");
    for (int i = 1; i < IVS_SESSIONS_MAX; i += 97)
        ck_assert_int_eq(
            ivs_sessions_lookup(s, tokens[i], 61, name, sizeof name), 1);
    ivs_sessions_free(s);
    /* expired sessions make room before any live one goes */
    s = ivs_sessions_new(10, 7200);
    for (int i = 0; i < IVS_SESSIONS_MAX; i++)
        ck_assert_int_eq(ivs_sessions_create(s, "alice", 0, tokens[i]), IVS_OK);
    ck_assert_int_eq(ivs_sessions_create(s, "bob", 5, t), IVS_ERR_TOOBIG);
    ck_assert_int_eq(ivs_sessions_create(s, "bob", 10, t), IVS_ERR_TOOBIG);
    ck_assert_int_eq(ivs_sessions_create(s, "bob", 11, t), IVS_OK);
    for (int i = 0; i < IVS_SESSIONS_MAX - 1; i++)
        ck_assert_int_eq(ivs_sessions_create(s, "carol", 11, tokens[i]),
                         IVS_OK);
    ck_assert_int_eq(ivs_sessions_create(s, "dave", 12, t), IVS_ERR_TOOBIG);
    ivs_sessions_free(s);
}
END_TEST

struct worker {
    ivs_sessions_t *s;
    int failures;
};

static void *
session_worker(void *arg)
{
    struct worker *w = arg;
    char t[IVS_SESSION_TOKEN_LEN + 1], name[65];
    for (int i = 0; i < 2000; i++) {
        if (ivs_sessions_create(w->s, "alice", 0, t) != IVS_OK ||
            !ivs_sessions_lookup(w->s, t, 1, name, sizeof name) ||
            strcmp(name, "alice"))
            w->failures++;
        if (i % 2)
            ivs_sessions_end(w->s, t);
    }
    return NULL;
}

START_TEST(test_sessions_are_safe_from_many_threads)
{
    ivs_sessions_t *s = ivs_sessions_new(600, 3600);
    pthread_t th[4];
    struct worker w[4];
    for (int i = 0; i < 4; i++) {
        w[i] = (struct worker){s, 0};
        ck_assert_int_eq(pthread_create(&th[i], NULL, session_worker, &w[i]),
                         0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        ck_assert_int_eq(w[i].failures, 0);
    }
    ivs_sessions_free(s);
}
END_TEST

/* ---- failed logins ----------------------------------------------------- */

START_TEST(test_failures_from_one_address_block_it_for_any_name)
{
    ivs_ratelimit_t *rl = ivs_ratelimit_new(3, 60);
    unsigned retry = 99;
    ck_assert_int_eq(ivs_ratelimit_allow(rl, "192.0.2.1", "a", 100, &retry), 1);
    ck_assert_uint_eq(retry, 0);
    ivs_ratelimit_fail(rl, "192.0.2.1", "a", 100);
    ivs_ratelimit_fail(rl, "192.0.2.1", "b", 100);
    ck_assert_int_eq(ivs_ratelimit_allow(rl, "192.0.2.1", "c", 101, &retry), 1);
    ivs_ratelimit_fail(rl, "192.0.2.1", "c", 101);
    ck_assert_int_eq(ivs_ratelimit_allow(rl, "192.0.2.1", "d", 101, &retry), 0);
    ck_assert_uint_eq(retry, 59);
    ck_assert_int_eq(ivs_ratelimit_allow(rl, "192.0.2.2", "d", 101, &retry), 1);
    /* the window slides: the failure at 100 leaves at 160 */
    ck_assert_int_eq(ivs_ratelimit_allow(rl, "192.0.2.1", "d", 159, &retry), 0);
    ck_assert_uint_eq(retry, 1);
    ck_assert_int_eq(ivs_ratelimit_allow(rl, "192.0.2.1", "d", 160, &retry), 1);
    ivs_ratelimit_fail(rl, "192.0.2.1", "d", 160); /* with 101: two */
    ck_assert_int_eq(ivs_ratelimit_allow(rl, "192.0.2.1", "e", 160, &retry), 1);
    ivs_ratelimit_fail(rl, "192.0.2.1", "e", 160);
    ck_assert_int_eq(ivs_ratelimit_allow(rl, "192.0.2.1", "f", 160, &retry), 0);
    ck_assert_uint_eq(retry, 1); /* the one at 101 leaves next */
    ivs_ratelimit_free(rl);
}
END_TEST

START_TEST(test_failures_on_one_name_block_it_from_any_address)
{
    ivs_ratelimit_t *rl = ivs_ratelimit_new(3, 60);
    unsigned retry;
    ivs_ratelimit_fail(rl, "192.0.2.1", "alice", 100);
    ivs_ratelimit_fail(rl, "198.51.100.7", "alice", 110);
    ivs_ratelimit_fail(rl, "203.0.113.9", "alice", 120);
    ck_assert_int_eq(
        ivs_ratelimit_allow(rl, "192.0.2.200", "alice", 130, &retry), 0);
    ck_assert_uint_eq(retry, 30);
    ck_assert_int_eq(ivs_ratelimit_allow(rl, "192.0.2.200", "bob", 130, &retry),
                     1);
    ck_assert_int_eq(ivs_ratelimit_allow(rl, NULL, "alice", 130, &retry), 0);
    ck_assert_int_eq(
        ivs_ratelimit_allow(rl, "192.0.2.200", "alice", 160, &retry), 1);
    ivs_ratelimit_free(rl);
}
END_TEST

START_TEST(test_ipv6_counts_by_its_64_network_and_mapped_ipv4_as_ipv4)
{
    ivs_ratelimit_t *rl = ivs_ratelimit_new(2, 60);
    unsigned retry;
    ivs_ratelimit_fail(rl, "2001:db8::1", NULL, 0);
    ivs_ratelimit_fail(rl, "2001:db8::2:3", NULL, 0);
    ck_assert_int_eq(ivs_ratelimit_allow(rl, "2001:db8::ffff", NULL, 1, &retry),
                     0);
    ck_assert_int_eq(
        ivs_ratelimit_allow(rl, "2001:db8:0:1::1", NULL, 1, &retry), 1);
    ivs_ratelimit_fail(rl, "::ffff:192.0.2.1", NULL, 0);
    ivs_ratelimit_fail(rl, "192.0.2.1", NULL, 0);
    ck_assert_int_eq(ivs_ratelimit_allow(rl, "192.0.2.1", NULL, 1, &retry), 0);
    ck_assert_int_eq(ivs_ratelimit_allow(rl, "192.0.2.2", NULL, 1, &retry), 1);
    ivs_ratelimit_free(rl);
}
END_TEST

START_TEST(test_limiter_memory_is_bounded_when_addresses_cycle)
{
    ivs_ratelimit_t *rl = ivs_ratelimit_new(3, 600);
    unsigned retry;
    for (int i = 0; i < 3; i++)
        ivs_ratelimit_fail(rl, "10.0.0.1", NULL, 0);
    ck_assert_int_eq(ivs_ratelimit_allow(rl, "10.0.0.1", NULL, 1, &retry), 0);
    char addr[32];
    for (int i = 0; i < 3 * IVS_RATELIMIT_KEYS; i++) {
        snprintf(addr, sizeof addr, "10.%d.%d.%d", 1 + i / 65536, i / 256 % 256,
                 i % 256);
        ivs_ratelimit_fail(rl, addr, NULL, 1 + i / 1000);
        ck_assert_uint_le(ivs_ratelimit_count(rl), IVS_RATELIMIT_KEYS);
    }
    ck_assert_uint_eq(ivs_ratelimit_count(rl), IVS_RATELIMIT_KEYS);
    /* the oldest went first; a fresh offender is still caught */
    ck_assert_int_eq(ivs_ratelimit_allow(rl, "10.0.0.1", NULL, 20, &retry), 1);
    for (int i = 0; i < 3; i++)
        ivs_ratelimit_fail(rl, "10.0.0.2", NULL, 20);
    ck_assert_int_eq(ivs_ratelimit_allow(rl, "10.0.0.2", NULL, 20, &retry), 0);
    /* names cycle the same way, in their own table */
    for (int i = 0; i < 2 * IVS_RATELIMIT_KEYS; i++) {
        snprintf(addr, sizeof addr, "user%d", i);
        ivs_ratelimit_fail(rl, NULL, addr, 30);
    }
    ck_assert_uint_eq(ivs_ratelimit_count(rl), 2 * IVS_RATELIMIT_KEYS);
    ivs_ratelimit_free(rl);
}
END_TEST

START_TEST(test_limiter_parameters_out_of_range_are_refused)
{
    ck_assert_ptr_null(ivs_ratelimit_new(0, 60));
    ck_assert_ptr_null(ivs_ratelimit_new(5, 0));
    ck_assert_ptr_null(ivs_ratelimit_new(101, 60));
    ivs_ratelimit_t *rl = ivs_ratelimit_new(1, 1);
    ck_assert_ptr_nonnull(rl);
    ck_assert_uint_eq(ivs_ratelimit_count(rl), 0);
    ivs_ratelimit_free(rl);
    ivs_ratelimit_free(NULL);
    ivs_sessions_free(NULL);
    ivs_users_free(NULL);
}
END_TEST

static Suite *
auth_suite(void)
{
    Suite *s = suite_create("auth");
    TCase *u = tcase_create("users");
    tcase_add_checked_fixture(u, setup, teardown);
    tcase_set_timeout(u, 120);
    tcase_add_test(u, test_added_user_loads_and_verifies_with_a_0600_file);
    tcase_add_test(u, test_wrong_password_and_unknown_user_are_refused);
    tcase_add_test(u, test_unknown_user_costs_a_verification_like_a_known_one);
    tcase_add_test(u, test_password_replaced_keeping_other_users_and_comments);
    tcase_add_test(u, test_scopes_are_made_absolute_and_canonical);
    tcase_add_test(u, test_bad_names_and_passwords_are_refused_by_add);
    suite_add_tcase(s, u);
    TCase *e = tcase_create("errors");
    tcase_add_checked_fixture(e, setup, teardown);
    tcase_set_timeout(e, 120);
    tcase_add_loop_test(e, test_malformed_line_fails_the_load_naming_its_line,
                        0, (int)(sizeof malformed / sizeof *malformed));
    tcase_add_test(e, test_file_others_may_read_or_write_is_refused);
    tcase_add_test(e, test_symlink_or_special_file_is_never_replaced);
    tcase_add_test(
        e, test_missing_file_is_an_io_error_and_an_empty_one_has_no_users);
    suite_add_tcase(s, e);
    TCase *p = tcase_create("password");
    tcase_add_checked_fixture(p, setup, teardown);
    tcase_add_test(p, test_password_is_one_line_of_a_pipe);
    tcase_add_test(p, test_empty_or_overlong_password_input_is_refused);
    tcase_add_test(p, test_password_on_a_terminal_is_asked_twice_without_echo);
    suite_add_tcase(s, p);
    TCase *se = tcase_create("sessions");
    tcase_add_checked_fixture(se, setup, teardown);
    tcase_set_timeout(se, 120);
    tcase_add_test(se, test_session_token_names_its_user_and_nothing_else);
    tcase_add_test(se, test_session_expires_after_idle_time_since_last_use);
    tcase_add_test(se, test_session_expires_after_its_lifetime_however_used);
    tcase_add_test(se, test_ended_session_is_gone_and_others_stay);
    tcase_add_test(se, test_prune_ends_sessions_of_removed_users);
    tcase_add_test(se, test_prune_ends_login_sessions_after_a_password_reset);
    tcase_add_test(se, test_prune_keeps_every_other_session_reachable);
    tcase_add_test(se, test_session_cap_drops_the_oldest_or_refuses);
    tcase_add_test(se, test_sessions_are_safe_from_many_threads);
    suite_add_tcase(s, se);
    TCase *r = tcase_create("ratelimit");
    tcase_add_checked_fixture(r, setup, teardown);
    tcase_add_test(r, test_failures_from_one_address_block_it_for_any_name);
    tcase_add_test(r, test_failures_on_one_name_block_it_from_any_address);
    tcase_add_test(r,
                   test_ipv6_counts_by_its_64_network_and_mapped_ipv4_as_ipv4);
    tcase_add_test(r, test_limiter_memory_is_bounded_when_addresses_cycle);
    tcase_add_test(r, test_limiter_parameters_out_of_range_are_refused);
    suite_add_tcase(s, r);
    return s;
}

int
main(void)
{
    SRunner *r = srunner_create(auth_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}

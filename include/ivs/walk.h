/* The notes to index: files given or found under folders, known by the
 * path they were given or found under, and where a database folder stands
 * among them. Implemented in indexer/index/walk.c; pure C, no Xapian. */
#ifndef IVS_WALK_H
#define IVS_WALK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

/* A note: a file of its own, or a member of an archive. A member's path
 * and identity are its archive's followed by "!/" and its name inside
 * ("notes/export.zip!/面试/张三.md", "a.zip!/inner.tar!/b.md"); its size
 * and mtime are the member's own, so that an unchanged member of a
 * changed archive is not read again. */
typedef struct {
    char *path;  /* as found from the arguments */
    char *ident; /* the file's identity (ivs_identity_path) */
    off_t size;
    int64_t mtime;        /* nanoseconds */
    size_t member;        /* a member: where its name starts in PATH and IDENT
                      (after the first "!/" of its archive); 0 for a file */
    size_t container_len; /* a member: length of its archive's path in
                             PATH (its identity: member - 2 in IDENT) */
} ivs_file_t;

typedef struct {
    ivs_file_t *v;
    size_t n, cap;
} ivs_files_t;

/* A walk of folders: what it reports and leaves out. */
typedef struct {
    /* called for each file or folder skipped as bad (broken link, FIFO,
     * unreadable folder, too deep) with a short REASON to count it under
     * and a MESSAGE for a person ("broken symbolic link, skipped") */
    void (*skipped)(void *ctx, const char *path, const char *reason,
                    const char *message);
    void *ctx;
    size_t not_text; /* files skipped for their extension (counted here) */
    /* the database folder inside a walked folder (ivs_walk_exclude) */
    dev_t db_dev;
    ino_t db_ino;
    char *db_base;
} ivs_walk_t;

/* Folders nested deeper than this below a given folder are skipped. */
#define IVS_WALK_MAX_DEPTH 64

/* The path a file is known by: PATH made absolute with its folder resolved
 * (realpath) and its own name kept, so that a symbolic link is known as
 * the link, not as its target, and "notes/a.md", "./notes/a.md" and
 * "/home/u/notes/a.md" are one file. Malloc'd; NULL when the folder cannot
 * be resolved or out of memory. */
char *ivs_identity_path(const char *path);

/* The absolute form of PATH, its existing part resolved (realpath) and the
 * rest appended as written (without "." parts and trailing slashes): where
 * a folder that may not exist yet is. Malloc'd; NULL when out of memory or
 * when the part that exists cannot be resolved (errno set). */
char *ivs_absolute_path(const char *path);

/* True when absolute canonical path A is B or lies inside it. */
int ivs_path_within(const char *a, const char *b);

/* True when A is within B (ivs_path_within) or is a member of the
 * archive B ("B!/name", see ivs_file_t). */
int ivs_path_within_or_member(const char *a, const char *b);

/* True for the names of what ivindex reads (ivs_reader_kind): notes
 * (.txt .md .markdown .text), .docx .html .htm .pdf .csv .tsv .xlsx and
 * the archives .zip .tar .tar.gz .tgz .tar.xz .txz .7z. */
int ivs_is_note_name(const char *name);

/* Adds the note PATH (with its stat ST) to FS; 0, or -1 when out of memory
 * or its folder cannot be resolved. */
int ivs_files_add(ivs_files_t *fs, const char *path, const struct stat *st);

/* Adds the regular file PATH (stat ST) found by a walk or given as an
 * argument: a note is added as it is (ivs_files_add); an archive is read
 * and each member of a readable kind added as a note of its own (see
 * ivs_file_t); members of other kinds are counted in W->not_text, and
 * members left out (encrypted, too large) reported to W->skipped under
 * PATH!/NAME. An archive that cannot be read whole (a bomb, damaged,
 * larger than 256 MiB) adds nothing and is reported to W->skipped.
 * Returns 0, or -1 when out of memory. */
int ivs_walk_file(ivs_walk_t *w, ivs_files_t *fs, const char *path,
                  const struct stat *st);

/* Makes W leave out the database folder at DB_ABS (absolute, see
 * ivs_absolute_path) and its siblings DB.ivs-part and DB.ivs-compact when a
 * walk meets them. 0, or -1 when its parent folder does not exist. */
int ivs_walk_exclude(ivs_walk_t *w, const char *db_abs);

/* Adds the notes under folder DIR to FS, recursively, in name order:
 * hidden entries and links to folders are not followed; other files are
 * counted in W->not_text; what cannot be read is reported to W->skipped. */
void ivs_walk(ivs_walk_t *w, ivs_files_t *fs, const char *dir);

/* Sorts FS by identity and drops the same file given twice. */
void ivs_files_finish(ivs_files_t *fs);

/* The file of FS with identity IDENT (after ivs_files_finish), or NULL. */
const ivs_file_t *ivs_files_find(const ivs_files_t *fs, const char *ident);

/* Releases FS's files and array; FS is left empty. */
void ivs_files_clear(ivs_files_t *fs);

/* Releases what W holds. */
void ivs_walk_clear(ivs_walk_t *w);

#endif

/* Unit tests for the Xapian wrappers and ivindex's guarantees: real
 * databases in temporary folders, the real ivindex binary. */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ivs/reader.h"
#include "ivs/writer.h"

static char dir[256];

static void
setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/ivs-check-index-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static char *
path(const char *name)
{
    static char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

static void
add_doc(ivs_writer_t *w, const char *unique, const char *const *terms)
{
    ivs_doc_t *d = ivs_doc_new();
    ck_assert_ptr_nonnull(d);
    for (uint32_t i = 0; terms[i]; i++)
        ck_assert_int_eq(
            ivs_doc_add_posting(d, terms[i], strlen(terms[i]), i + 1, 1),
            IVS_OK);
    ck_assert_int_eq(ivs_doc_set_data(d, unique, strlen(unique)), IVS_OK);
    ck_assert_int_eq(ivs_writer_replace(w, d, unique, NULL), IVS_OK);
    ivs_doc_free(d);
}

START_TEST(test_writer_creates_and_reader_searches)
{
    ivs_writer_t *w = NULL;
    ck_assert_int_eq(ivs_writer_open(path("db"), &w, NULL), IVS_OK);
    add_doc(w, "Qa", (const char *const[]){"kafka", "丢失", NULL});
    add_doc(w, "Qb", (const char *const[]){"redis", NULL});
    ck_assert_int_eq(ivs_writer_commit(w), IVS_OK);
    ivs_writer_close(w);

    ivs_reader_t *r = NULL;
    ck_assert_int_eq(ivs_reader_open(path("db"), &r, NULL), IVS_OK);
    ck_assert_uint_eq(ivs_reader_doccount(r), 2);
    ivs_qnode_t *q = ivs_qnode_term("丢失", strlen("丢失"));
    ivs_search_t s = {.query = q, .limit = 10, .facets = 1, .matched_terms = 1};
    ivs_results_t *res = NULL;
    ck_assert_int_eq(ivs_reader_search(r, &s, &res), IVS_OK);
    ck_assert_uint_eq(res->n_hits, 1);
    ck_assert_str_eq(res->hits[0].data, "Qa");
    ck_assert_uint_eq(res->hits[0].n_matched, 1);
    ivs_results_free(res);
    ivs_qnode_free(q);
    ivs_reader_close(r);
}
END_TEST

START_TEST(test_replace_keeps_the_document_id)
{
    ivs_writer_t *w = NULL;
    ck_assert_int_eq(ivs_writer_open(path("db"), &w, NULL), IVS_OK);
    add_doc(w, "Qa", (const char *const[]){"one", NULL});
    add_doc(w, "Qb", (const char *const[]){"two", NULL});
    uint32_t before = ivs_writer_docid(w, "Qb");
    add_doc(w, "Qb", (const char *const[]){"three", NULL});
    ck_assert_uint_eq(ivs_writer_docid(w, "Qb"), before);
    ck_assert_uint_eq(ivs_writer_doccount(w), 2);
    ivs_writer_close(w);
}
END_TEST

START_TEST(test_uncommitted_changes_are_discarded_on_close)
{
    ivs_writer_t *w = NULL;
    ck_assert_int_eq(ivs_writer_open(path("db"), &w, NULL), IVS_OK);
    add_doc(w, "Qa", (const char *const[]){"one", NULL});
    ck_assert_int_eq(ivs_writer_commit(w), IVS_OK);
    add_doc(w, "Qb", (const char *const[]){"two", NULL});
    ivs_writer_close(w);
    ivs_reader_t *r = NULL;
    ck_assert_int_eq(ivs_reader_open(path("db"), &r, NULL), IVS_OK);
    ck_assert_uint_eq(ivs_reader_doccount(r), 1);
    ivs_reader_close(r);
}
END_TEST

START_TEST(test_compaction_merges_a_second_database_after_the_first)
{
    ivs_writer_t *w = NULL, *part = NULL;
    ck_assert_int_eq(ivs_writer_open(path("db/"), &w, NULL), IVS_OK);
    add_doc(w, "Qa", (const char *const[]){"kafka", NULL});
    add_doc(w, "Qb", (const char *const[]){"redis", NULL});
    ivs_writer_set_metadata(w, "F:/a", "1");
    ck_assert_int_eq(ivs_writer_commit(w), IVS_OK);
    ck_assert_int_eq(ivs_writer_open(path("part"), &part, NULL), IVS_OK);
    ivs_doc_t *d = ivs_doc_new();
    ck_assert_int_eq(ivs_doc_add_posting(d, "kafka", 5, 1, 1), IVS_OK);
    ck_assert_int_eq(ivs_doc_add_term(d, "消息", strlen("消息"), 2), IVS_OK);
    ck_assert_int_eq(ivs_writer_add(part, d, "Qc", NULL), IVS_OK);
    ivs_doc_free(d);
    ivs_writer_set_metadata(part, "F:/c", "3");
    ck_assert_int_eq(ivs_writer_commit(part), IVS_OK);
    ivs_writer_close(part);
    /* not committed: discarded */
    add_doc(w, "Qz", (const char *const[]){"lost", NULL});
    char *err = NULL;
    const char *merge[] = {path("part")};
    ck_assert_int_eq(ivs_writer_compact_close(w, merge, 1, &err), IVS_OK);
    ck_assert_ptr_null(err);
    struct stat st;
    ck_assert_int_ne(stat(path("db.ivs-compact"), &st), 0);

    ck_assert_int_eq(ivs_writer_open(path("db"), &w, NULL), IVS_OK);
    ck_assert_uint_eq(ivs_writer_doccount(w), 3);
    ck_assert_uint_eq(ivs_writer_docid(w, "Qa"), 1);
    ck_assert_uint_eq(ivs_writer_docid(w, "Qc"), 3);
    ck_assert_uint_eq(ivs_writer_docid(w, "消息"), 3);
    ck_assert_uint_eq(ivs_writer_docid(w, "Qz"), 0);
    char *v = ivs_writer_get_metadata(w, "F:/c");
    ck_assert_str_eq(v, "3");
    free(v);
    v = ivs_writer_get_metadata(w, "F:/a");
    ck_assert_str_eq(v, "1");
    free(v);
    ivs_writer_close(w);
}
END_TEST

START_TEST(test_scratch_database_replaces_an_old_one_and_merges)
{
    ivs_writer_t *w = NULL, *part = NULL;
    ck_assert_int_eq(ivs_writer_open(path("part"), &part, NULL), IVS_OK);
    add_doc(part, "Qold", (const char *const[]){"stale", NULL});
    ck_assert_int_eq(ivs_writer_commit(part), IVS_OK);
    ivs_writer_close(part);

    ck_assert_int_eq(ivs_writer_open_scratch(path("part"), &part, NULL),
                     IVS_OK);
    ck_assert_uint_eq(ivs_writer_doccount(part), 0);
    ivs_doc_t *d = ivs_doc_new();
    ck_assert_ptr_nonnull(d);
    /* a term given again right after itself, then one without positions */
    ck_assert_int_eq(ivs_doc_reserve(d, 3, 16), IVS_OK);
    ck_assert_int_eq(ivs_doc_add_posting(d, "kafka", 5, 1, 1), IVS_OK);
    ck_assert_int_eq(ivs_doc_add_posting(d, "kafka", 5, 3, 1), IVS_OK);
    ck_assert_int_eq(ivs_doc_add_term(d, "kafka", 5, 2), IVS_OK);
    ck_assert_int_eq(ivs_doc_add_posting(d, "lag", 3, 2, 1), IVS_OK);
    ck_assert_int_eq(ivs_writer_add(part, d, "Qc", NULL), IVS_OK);
    ivs_doc_free(d);
    ck_assert_int_eq(ivs_writer_commit(part), IVS_OK);
    ivs_writer_close(part);

    ck_assert_int_eq(ivs_writer_open(path("db"), &w, NULL), IVS_OK);
    add_doc(w, "Qa", (const char *const[]){"redis", NULL});
    ck_assert_int_eq(ivs_writer_commit(w), IVS_OK);
    const char *merge[] = {path("part")};
    ck_assert_int_eq(ivs_writer_compact_close(w, merge, 1, NULL), IVS_OK);
    ck_assert_int_eq(ivs_writer_open(path("db"), &w, NULL), IVS_OK);
    ck_assert_uint_eq(ivs_writer_doccount(w), 2);
    ck_assert_uint_eq(ivs_writer_docid(w, "Qold"), 0);
    ck_assert_uint_eq(ivs_writer_docid(w, "Qc"), 2);
    ck_assert_uint_eq(ivs_writer_docid(w, "kafka"), 2);
    ck_assert_uint_eq(ivs_writer_docid(w, "lag"), 2);
    ivs_writer_close(w);

    ivs_reader_t *r = NULL;
    ck_assert_int_eq(ivs_reader_open(path("db"), &r, NULL), IVS_OK);
    ivs_reader_close(r);
}
END_TEST

START_TEST(test_compaction_alone_keeps_the_document_ids)
{
    ivs_writer_t *w = NULL;
    ck_assert_int_eq(ivs_writer_open(path("db"), &w, NULL), IVS_OK);
    add_doc(w, "Qa", (const char *const[]){"one", NULL});
    add_doc(w, "Qb", (const char *const[]){"two", NULL});
    ck_assert_int_eq(ivs_writer_commit(w), IVS_OK);
    ck_assert_int_eq(ivs_writer_delete(w, "Qa"), IVS_OK);
    ck_assert_int_eq(ivs_writer_commit(w), IVS_OK);
    ck_assert_int_eq(ivs_writer_compact_close(w, NULL, 0, NULL), IVS_OK);
    ck_assert_int_eq(ivs_writer_open(path("db"), &w, NULL), IVS_OK);
    ck_assert_uint_eq(ivs_writer_doccount(w), 1);
    ck_assert_uint_eq(ivs_writer_docid(w, "Qb"), 2);
    ivs_writer_close(w);
}
END_TEST

/* ---- errors ---------------------------------------------------------------- */

START_TEST(test_second_writer_is_refused_at_once)
{
    ivs_writer_t *w = NULL, *w2 = NULL;
    ck_assert_int_eq(ivs_writer_open(path("db"), &w, NULL), IVS_OK);
    char *err = NULL;
    ck_assert_int_eq(ivs_writer_open(path("db"), &w2, &err), IVS_ERR_LOCKED);
    ck_assert_ptr_null(w2);
    free(err);
    ivs_writer_close(w);
}
END_TEST

START_TEST(test_ivindex_refuses_a_locked_database_with_a_clear_message)
{
    ivs_writer_t *w = NULL;
    ck_assert_int_eq(ivs_writer_open(path("db"), &w, NULL), IVS_OK);
    FILE *f = fopen(path("notes.txt"), "w");
    fputs("面试内容：\n一、语言\n1. channel\n总结：\n面试通过\n", f);
    fclose(f);
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "'%s/ivindex' --db '%s/db' '%s/notes.txt' 2>'%s/err'",
             IVS_BUILD_DIR, dir, dir, dir);
    int rc = system(cmd);
    ck_assert(WIFEXITED(rc));
    ck_assert_int_eq(WEXITSTATUS(rc), 2);
    f = fopen(path("err"), "r");
    char msg[512] = "";
    ck_assert_ptr_nonnull(fgets(msg, sizeof msg, f));
    fclose(f);
    ck_assert_msg(strstr(msg, "locked by another ivindex") != NULL, "%s", msg);
    /* readers keep working while the writer holds the lock */
    ivs_reader_t *r = NULL;
    ck_assert_int_eq(ivs_reader_open(path("db"), &r, NULL), IVS_OK);
    ivs_reader_close(r);
    ivs_writer_close(w);
}
END_TEST

static void
touch(const char *name)
{
    FILE *f = fopen(path(name), "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
}

START_TEST(test_database_killed_while_being_created_is_created_again)
{
    /* kill -9 between Xapian creating the tables and writing iamglass */
    ck_assert_int_eq(mkdir(path("db"), 0755), 0);
    touch("db/flintlock");
    touch("db/postlist.glass");
    touch("db/termlist.glass");
    ivs_writer_t *w = NULL;
    char *err = NULL;
    ck_assert_msg(ivs_writer_open(path("db"), &w, &err) == IVS_OK, "%s",
                  err ? err : "");
    add_doc(w, "Qa", (const char *const[]){"kafka", NULL});
    ck_assert_int_eq(ivs_writer_commit(w), IVS_OK);
    ivs_writer_close(w);
    ivs_reader_t *r = NULL;
    ck_assert_int_eq(ivs_reader_open(path("db"), &r, NULL), IVS_OK);
    ck_assert_uint_eq(ivs_reader_doccount(r), 1);
    ivs_reader_close(r);
}
END_TEST

START_TEST(test_folder_with_other_files_is_never_cleared)
{
    ck_assert_int_eq(mkdir(path("db"), 0755), 0);
    touch("db/postlist.glass");
    touch("db/notes.txt"); /* not ours: leave everything alone */
    ivs_writer_t *w = NULL;
    char *err = NULL;
    ck_assert_int_ne(ivs_writer_open(path("db"), &w, &err), IVS_OK);
    free(err);
    struct stat st;
    ck_assert_int_eq(stat(path("db/notes.txt"), &st), 0);
    ck_assert_int_eq(stat(path("db/postlist.glass"), &st), 0);
}
END_TEST

START_TEST(test_probe_tells_new_ours_foreign_and_files_apart)
{
    char *detail = NULL;
    ck_assert_int_eq(ivs_writer_probe(path("none"), &detail), IVS_DBDIR_NEW);
    ck_assert_ptr_null(detail);
    ck_assert_int_eq(mkdir(path("empty"), 0755), 0);
    ck_assert_int_eq(ivs_writer_probe(path("empty"), NULL), IVS_DBDIR_NEW);
    touch("file");
    ck_assert_int_eq(ivs_writer_probe(path("file"), &detail),
                     IVS_DBDIR_NOT_FOLDER);
    free(detail);
    ck_assert_int_eq(mkdir(path("notes"), 0755), 0);
    touch("notes/a.md");
    ck_assert_int_eq(ivs_writer_probe(path("notes"), &detail),
                     IVS_DBDIR_FOREIGN);
    ck_assert_ptr_nonnull(detail);
    free(detail);
    /* a Xapian database of another program's */
    ivs_writer_t *w = NULL;
    ck_assert_int_eq(ivs_writer_open(path("other"), &w, NULL), IVS_OK);
    add_doc(w, "Qx", (const char *const[]){"x", NULL});
    ck_assert_int_eq(ivs_writer_commit(w), IVS_OK);
    ivs_writer_close(w);
    ck_assert_int_eq(ivs_writer_probe(path("other"), NULL), IVS_DBDIR_FOREIGN);
    /* ours: it says so */
    ck_assert_int_eq(ivs_writer_open(path("ours"), &w, NULL), IVS_OK);
    ck_assert_int_eq(ivs_writer_set_metadata(w, "ivs.schema", "5"), IVS_OK);
    ck_assert_int_eq(ivs_writer_commit(w), IVS_OK);
    ivs_writer_close(w);
    ck_assert_int_eq(ivs_writer_probe(path("ours"), NULL), IVS_DBDIR_OURS);
}
END_TEST

START_TEST(test_compaction_keeps_the_users_files_in_the_database_folder)
{
    ivs_writer_t *w = NULL;
    ck_assert_int_eq(ivs_writer_open(path("db"), &w, NULL), IVS_OK);
    add_doc(w, "Qa", (const char *const[]){"one", NULL});
    ck_assert_int_eq(ivs_writer_commit(w), IVS_OK);
    touch("db/keep.txt");
    ck_assert_int_eq(mkdir(path("db/sub"), 0755), 0);
    touch("db/sub/x.txt");
    ck_assert_int_eq(chmod(path("db"), 0700), 0);
    ck_assert_int_eq(ivs_writer_compact_close(w, NULL, 0, NULL), IVS_OK);
    struct stat st;
    ck_assert_int_eq(stat(path("db/keep.txt"), &st), 0);
    ck_assert_int_eq(stat(path("db/sub/x.txt"), &st), 0);
    ck_assert_int_eq(stat(path("db"), &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0700);
    ck_assert_int_ne(stat(path("db.ivs-compact"), &st), 0);
    ivs_reader_t *r = NULL;
    ck_assert_int_eq(ivs_reader_open(path("db"), &r, NULL), IVS_OK);
    ck_assert_uint_eq(ivs_reader_doccount(r), 1);
    ivs_reader_close(r);
    /* a scratch database's removal leaves a user's file and the folder */
    ck_assert_int_eq(ivs_writer_open_scratch(path("part"), &w, NULL), IVS_OK);
    ivs_writer_close(w);
    touch("part/mine.txt");
    ivs_writer_remove_scratch(path("part"));
    ck_assert_int_eq(stat(path("part/mine.txt"), &st), 0);
    ck_assert_int_ne(stat(path("part/postlist.glass"), &st), 0);
}
END_TEST

START_TEST(test_reader_on_missing_database_says_so)
{
    ivs_reader_t *r = NULL;
    char *err = NULL;
    ck_assert_int_eq(ivs_reader_open(path("nothing"), &r, &err), IVS_ERR_NODB);
    ck_assert_ptr_null(r);
    free(err);
}
END_TEST

START_TEST(test_missing_document_is_not_found)
{
    ivs_writer_t *w = NULL;
    ck_assert_int_eq(ivs_writer_open(path("db"), &w, NULL), IVS_OK);
    add_doc(w, "Qa", (const char *const[]){"one", NULL});
    ivs_writer_commit(w);
    ivs_writer_close(w);
    ivs_reader_t *r = NULL;
    ck_assert_int_eq(ivs_reader_open(path("db"), &r, NULL), IVS_OK);
    ivs_status_t st;
    ck_assert_ptr_null(ivs_reader_document(r, 99, NULL, &st));
    ck_assert_int_eq(st, IVS_ERR_NOTFOUND);
    ivs_reader_close(r);
}
END_TEST

START_TEST(test_metadata_round_trips_and_lists_by_prefix)
{
    ivs_writer_t *w = NULL;
    ck_assert_int_eq(ivs_writer_open(path("db"), &w, NULL), IVS_OK);
    ivs_writer_set_metadata(w, "F:/a", "1");
    ivs_writer_set_metadata(w, "F:/b", "2");
    ivs_writer_set_metadata(w, "other", "3");
    char *v = ivs_writer_get_metadata(w, "F:/b");
    ck_assert_str_eq(v, "2");
    free(v);
    ck_assert_ptr_null(ivs_writer_get_metadata(w, "F:/zzz"));
    ivs_writer_close(w);
}
END_TEST

static Suite *
index_suite(void)
{
    Suite *s = suite_create("index");
    TCase *core = tcase_create("core");
    tcase_add_checked_fixture(core, setup, teardown);
    tcase_add_test(core, test_writer_creates_and_reader_searches);
    tcase_add_test(core, test_replace_keeps_the_document_id);
    tcase_add_test(core, test_uncommitted_changes_are_discarded_on_close);
    tcase_add_test(core, test_metadata_round_trips_and_lists_by_prefix);
    tcase_add_test(core,
                   test_compaction_merges_a_second_database_after_the_first);
    tcase_add_test(core, test_compaction_alone_keeps_the_document_ids);
    tcase_add_test(core, test_scratch_database_replaces_an_old_one_and_merges);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_checked_fixture(errors, setup, teardown);
    tcase_add_test(errors, test_second_writer_is_refused_at_once);
    tcase_add_test(errors,
                   test_ivindex_refuses_a_locked_database_with_a_clear_message);
    tcase_add_test(errors, test_reader_on_missing_database_says_so);
    tcase_add_test(errors,
                   test_database_killed_while_being_created_is_created_again);
    tcase_add_test(errors, test_folder_with_other_files_is_never_cleared);
    tcase_add_test(errors, test_probe_tells_new_ours_foreign_and_files_apart);
    tcase_add_test(
        errors, test_compaction_keeps_the_users_files_in_the_database_folder);
    tcase_add_test(errors, test_missing_document_is_not_found);
    suite_add_tcase(s, errors);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(index_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

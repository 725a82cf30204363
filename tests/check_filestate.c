/* Unit tests for the per-file state (indexer/index/filestate.c): its stored form
 * and the matching of a changed file's interviews to the ones it had,
 * which is what keeps interview ids put. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/filestate.h"

/* An interview named by a letter: text hash from the letter, title hash
 * from TITLE (0: same as the letter), id from ID. */
static ivs_recstate_t
rec(char letter, uint32_t title, uint32_t id)
{
    return (ivs_recstate_t){(uint64_t)letter * 1000003u, 7,
                            title ? title : (uint32_t)letter, id};
}

/* Matches OLD to NOW (strings of letters; an upper-case letter in NOW is
 * the lower-case one edited: another text, the same title) and returns
 * the paired old positions as a string ("0 1 - 2": '-' for none). */
static const char *
match(const char *old, const char *now)
{
    static char out[256];
    size_t no = strlen(old), nn = strlen(now);
    ivs_recstate_t o[32] = {{0}}, n[32] = {{0}};
    for (size_t i = 0; i < no; i++)
        o[i] = rec(old[i], 0, (uint32_t)i + 1);
    for (size_t i = 0; i < nn; i++) {
        char c = now[i];
        n[i] = c >= 'A' && c <= 'Z' ? rec(c, (uint32_t)(c - 'A' + 'a'), 0)
                                    : rec(c, 0, 0);
    }
    long pair[32];
    ck_assert_int_eq(ivs_filestate_match(o, no, n, nn, pair, NULL), IVS_OK);
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < nn; i++) {
        if (pair[i] < 0)
            len += (size_t)snprintf(out + len, sizeof out - len, "%s-",
                                    i ? " " : "");
        else
            len += (size_t)snprintf(out + len, sizeof out - len, "%s%ld",
                                    i ? " " : "", pair[i]);
    }
    return out;
}

START_TEST(test_unchanged_file_pairs_every_interview_with_itself)
{
    ck_assert_str_eq(match("abcdefg", "abcdefg"), "0 1 2 3 4 5 6");
}
END_TEST

START_TEST(test_interview_inserted_at_the_top_is_the_only_new_one)
{
    ck_assert_str_eq(match("abc", "xabc"), "- 0 1 2");
}
END_TEST

START_TEST(test_deleted_interview_leaves_the_others_paired)
{
    ck_assert_str_eq(match("abcdefg", "acdefg"), "0 2 3 4 5 6");
}
END_TEST

START_TEST(test_interview_edited_in_place_keeps_its_place)
{
    ck_assert_str_eq(match("abc", "aBc"), "0 1 2");
}
END_TEST

START_TEST(test_edited_with_another_title_in_a_gap_of_one_is_still_paired)
{
    /* 'x' replaces 'b' between the same neighbours: one old, one new */
    ck_assert_str_eq(match("abc", "axc"), "0 1 2");
}
END_TEST

START_TEST(test_edit_and_insert_in_one_gap_pair_by_title)
{
    /* b edited (same title) and x inserted after it */
    ck_assert_str_eq(match("abc", "aBxc"), "0 1 - 2");
    ck_assert_str_eq(match("abc", "axBc"), "0 - 1 2");
}
END_TEST

START_TEST(test_reordered_interviews_follow_their_text)
{
    ck_assert_str_eq(match("abcd", "dcba"), "3 2 1 0");
}
END_TEST

START_TEST(test_duplicate_texts_pair_in_file_order)
{
    ck_assert_str_eq(match("aba", "aab"), "0 2 1");
    ck_assert_str_eq(match("aa", "aaa"), "0 1 -");
}
END_TEST

START_TEST(test_everything_new_pairs_nothing_across_unequal_gaps)
{
    ck_assert_str_eq(match("ab", "xyz"), "- - -");
    ck_assert_str_eq(match("", "xy"), "- -");
    ck_assert_str_eq(match("ab", ""), "");
}
END_TEST

START_TEST(test_state_round_trips_with_ids_and_a_long_path)
{
    char path[1200];
    memset(path, 'a', sizeof path - 1);
    path[0] = '/';
    path[sizeof path - 1] = '\0';
    ivs_recstate_t recs[3] = {
        {1, 2, 3, 4}, {UINT64_MAX, 0, UINT32_MAX, 99}, {5, 6, 7, UINT32_MAX}};
    ivs_filestate_t st = {12345, -6789, 0xabcdefull, 3, recs, path};
    char *s = ivs_filestate_format(&st);
    ck_assert_ptr_nonnull(s);
    ivs_filestate_t back;
    ck_assert_int_eq(ivs_filestate_parse(s, &back), IVS_OK);
    ck_assert_int_eq(back.size, 12345);
    ck_assert_int_eq(back.mtime, -6789);
    ck_assert_uint_eq(back.hash, 0xabcdefull);
    ck_assert_uint_eq(back.n, 3);
    ck_assert_mem_eq(back.rec, recs, sizeof recs);
    ck_assert_str_eq(back.path, path);
    ivs_filestate_clear(&back);
    free(s);
}
END_TEST

START_TEST(test_older_or_broken_states_are_refused)
{
    ivs_filestate_t st;
    static const char *const bad[] = {
        "",
        "12 34 abcdef 2 1111 2222",  /* schema 4 */
        "v5 1 2 3 1 ab:cd:ef:0\n/p", /* id 0 */
        "v5 1 2 3 2 ab:cd:ef:1\n/p", /* one interview short */
        "v5 1 2 3 1 ab:cd:ef:1",     /* no path */
        "v5 1 2 3 99999999999 \n/p"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ck_assert_int_eq(ivs_filestate_parse(bad[i], &st), IVS_ERR_INPUT);
        ck_assert_ptr_null(st.rec);
    }
}
END_TEST

START_TEST(test_state_keys_fit_xapian_and_differ_by_path)
{
    char k1[IVS_FILESTATE_KEY_SIZE], k2[IVS_FILESTATE_KEY_SIZE];
    ivs_filestate_key("/notes/a.md", k1);
    ivs_filestate_key("/notes/b.md", k2);
    ck_assert_str_ne(k1, k2);
    ck_assert_uint_eq(strlen(k1), 34);
    ck_assert(!strncmp(k1, "F:", 2));
}
END_TEST

static Suite *
filestate_suite(void)
{
    Suite *s = suite_create("filestate");
    TCase *m = tcase_create("match");
    tcase_add_test(m, test_unchanged_file_pairs_every_interview_with_itself);
    tcase_add_test(m, test_interview_inserted_at_the_top_is_the_only_new_one);
    tcase_add_test(m, test_deleted_interview_leaves_the_others_paired);
    tcase_add_test(m, test_interview_edited_in_place_keeps_its_place);
    tcase_add_test(
        m, test_edited_with_another_title_in_a_gap_of_one_is_still_paired);
    tcase_add_test(m, test_edit_and_insert_in_one_gap_pair_by_title);
    tcase_add_test(m, test_reordered_interviews_follow_their_text);
    tcase_add_test(m, test_duplicate_texts_pair_in_file_order);
    tcase_add_test(m, test_everything_new_pairs_nothing_across_unequal_gaps);
    suite_add_tcase(s, m);
    TCase *f = tcase_create("format");
    tcase_add_test(f, test_state_round_trips_with_ids_and_a_long_path);
    tcase_add_test(f, test_older_or_broken_states_are_refused);
    tcase_add_test(f, test_state_keys_fit_xapian_and_differ_by_path);
    suite_add_tcase(s, f);
    return s;
}

int
main(void)
{
    SRunner *r = srunner_create(filestate_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}

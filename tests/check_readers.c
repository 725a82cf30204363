/* Unit tests for the readers (indexer/readers/): CSV rows and their
 * interview blocks, the column map, HTML and docx structure, archives
 * (GBK names, nesting, encryption, bombs) and the limits. */
#define _GNU_SOURCE
#include <archive.h>
#include <archive_entry.h>
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ivs/datapath.h"
#include "ivs/readers.h"
#include "ivs/record.h"

/* Converts the NUL-terminated IN as KIND: the text (static until the next
 * call), or NULL with *REASON set. Warnings are appended to WARNINGS. */
static char warnings[4096];

static void
on_warn(void *ctx, const char *message)
{
    (void)ctx;
    strncat(warnings, message, sizeof warnings - strlen(warnings) - 2);
    strcat(warnings, "\n");
}

static const char *
convert_as(ivs_kind_t kind, const char *in, size_t len, const ivs_csvmap_t *map,
           const char **reason)
{
    static char *last;
    free(last);
    last = NULL;
    size_t n = 0;
    const char *why = NULL;
    ivs_reader_opts_t o = {.warn = on_warn, .csv_map = map};
    ivs_status_t st = ivs_reader_convert(kind, in, len, &o, &last, &n, &why);
    if (reason)
        *reason = why;
    if (st != IVS_OK) {
        ck_assert_ptr_null(last);
        ck_assert_ptr_nonnull(why);
        return NULL;
    }
    ck_assert_uint_eq(strlen(last), n);
    return last;
}

static const char *
convert(ivs_kind_t kind, const char *in)
{
    return convert_as(kind, in, strlen(in), NULL, NULL);
}

/* ---- kinds --------------------------------------------------------------- */

START_TEST(test_kinds_come_from_the_extension_in_any_case)
{
    ck_assert_int_eq(ivs_reader_kind("a/b.DOCX"), IVS_KIND_DOCX);
    ck_assert_int_eq(ivs_reader_kind("x.tar.gz"), IVS_KIND_CONTAINER);
    ck_assert_int_eq(ivs_reader_kind("x.zip!/n/a.Md"), IVS_KIND_NOTE);
    ck_assert_int_eq(ivs_reader_kind("p.png"), IVS_KIND_NONE);
    ck_assert_int_eq(ivs_reader_kind("d/~$lock.docx"), IVS_KIND_NONE);
    ck_assert_int_eq(ivs_reader_kind(".docx"), IVS_KIND_NONE);
}
END_TEST

/* ---- CSV ----------------------------------------------------------------- */

START_TEST(test_csv_row_becomes_labelled_block)
{
    const char *t =
        convert(IVS_KIND_CSV, "候选人,职位,轮次,面试官,日期,评价,结果,邮箱\n"
                              "张三,Go 后端,二面,李四,2024-07-12,基础扎实,通过,"
                              "z@x.cn\n");
    ck_assert_str_eq(t,
                     "面试记录\n候选人：张三\n应聘岗位：Go 后端\n轮次：二面\n"
                     "面试官：李四\n面试时间：2024-07-12\n\n评价：\n基础扎实\n"
                     "邮箱：z@x.cn\n\n结论：通过\n");
}
END_TEST

START_TEST(test_csv_quoted_cells_span_lines_and_double_quotes)
{
    const char *t =
        convert(IVS_KIND_CSV, "Name,Feedback,Result\r\n"
                              "A,\"line one\r\nsaid \"\"ok\"\"\",Hire\r\n");
    ck_assert_ptr_nonnull(strstr(t, "line one\nsaid \"ok\"\n"));
    ck_assert_ptr_nonnull(strstr(t, "结论：Hire\n"));
}
END_TEST

START_TEST(test_csv_broken_rows_are_named_by_line_and_the_rest_kept)
{
    warnings[0] = '\0';
    const char *t = convert(IVS_KIND_CSV, "Name,Notes\n"
                                          "A,fine\n"
                                          "B,\"closed\"then text\n"
                                          "C,also fine\n"
                                          "D,\"never closed\n");
    ck_assert_str_eq(warnings,
                     "line 3: broken quoting (text after a closing quote), "
                     "row skipped\n"
                     "line 5: broken quoting (quoted cell never closed), "
                     "row skipped\n");
    ck_assert_ptr_nonnull(strstr(t, "候选人：A"));
    ck_assert_ptr_nonnull(strstr(t, "候选人：C"));
    ck_assert_ptr_null(strstr(t, "候选人：B"));
    ck_assert_ptr_null(strstr(t, "候选人：D"));
}
END_TEST

START_TEST(test_tsv_uses_tabs_and_blank_rows_are_not_interviews)
{
    const char *t = convert(IVS_KIND_TSV, "Candidate\tStage\n\nA\tonsite\n"
                                          "\t\n");
    ck_assert_str_eq(t, "面试记录\n候选人：A\n轮次：onsite\n\n评价：\n");
}
END_TEST

START_TEST(test_csv_with_only_headers_has_no_interviews)
{
    ck_assert_str_eq(convert(IVS_KIND_CSV, "候选人,结果\n"), "");
    ck_assert_str_eq(convert(IVS_KIND_CSV, ""), "");
}
END_TEST

static ivs_topics_t *
topics(void)
{
    static ivs_topics_t *t;
    if (!t) {
        char *path = ivs_data_file("topics.txt");
        size_t bad = 0;
        ck_assert_ptr_nonnull(path);
        ck_assert_int_eq(ivs_topics_load(path, &t, &bad), IVS_OK);
        free(path);
    }
    return t;
}

static int
count_record(void *ctx, const ivs_record_t *r)
{
    (void)r;
    (*(int *)ctx)++;
    return 0;
}

static int
records_of(const char *text)
{
    int n = 0;
    ck_assert_int_eq(ivs_archive_parse(topics(), "t.csv", text, strlen(text),
                                       count_record, &n),
                     0);
    return n;
}

START_TEST(test_archive_parser_splits_one_row_and_many)
{
    ck_assert_int_eq(
        records_of(convert(IVS_KIND_CSV, "姓名,反馈,结果\n甲,kafka,通过\n")),
        1);
    ck_assert_int_eq(
        records_of(convert(IVS_KIND_CSV, "姓名,反馈,结果\n甲,kafka,通过\n乙,"
                                         "redis,不通过\n丙,mysql,待定\n")),
        3);
}
END_TEST

/* ---- the column map ------------------------------------------------------ */

START_TEST(test_column_map_names_other_headers)
{
    char path[] = "/tmp/check_readers_mapXXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    const char *map =
        "# ours\n\n 应试者 = candidate\nVerdict=RESULT\nID = skip\n";
    ck_assert_int_eq(write(fd, map, strlen(map)), (ssize_t)strlen(map));
    close(fd);
    ivs_csvmap_t *m = NULL;
    size_t line = 9;
    ck_assert_int_eq(ivs_csvmap_load(path, &m, &line), IVS_OK);
    ck_assert_int_eq(ivs_csvmap_column(m, " verdict ", 9), IVS_COL_RESULT);
    ck_assert_int_eq(ivs_csvmap_column(m, "面试官", strlen("面试官")),
                     IVS_COL_INTERVIEWER);
    const char *in = "应试者,ID,Verdict\n甲,42,通过\n";
    ck_assert_str_eq(convert_as(IVS_KIND_CSV, in, strlen(in), m, NULL),
                     "面试记录\n候选人：甲\n\n评价：\n\n结论：通过\n");
    ivs_csvmap_free(m);
    FILE *f = fopen(path, "w");
    fputs("a = candidate\nb candidate\n", f);
    fclose(f);
    ck_assert_int_eq(ivs_csvmap_load(path, &m, &line), IVS_ERR_INPUT);
    ck_assert_uint_eq(line, 2);
    ck_assert_ptr_null(m);
    unlink(path);
    ck_assert_int_eq(ivs_csvmap_load(path, &m, &line), IVS_ERR_IO);
}
END_TEST

/* ---- HTML ---------------------------------------------------------------- */

START_TEST(test_html_keeps_structure_and_drops_scripts)
{
    const char *t = convert(
        IVS_KIND_HTML,
        "<html><head><title>x</title><style>p{}</style></head><body>"
        "<h1>面试 &amp; 记录</h1><script>alert(1)</script><p>一<br>二</p>"
        "<ul><li>甲</li><li>乙</li></ul><table><tr><td>a</td><td>b</td>"
        "</tr></table><h3>结论</h3><div>通过</div></body></html>");
    ck_assert_str_eq(t, "# 面试 & 记录\n\n一\n二\n\n- 甲\n- 乙\n\na | b\n\n"
                        "### 结论\n\n通过\n\n");
}
END_TEST

START_TEST(test_html_without_charset_reads_utf8_then_gbk)
{
    ck_assert_str_eq(convert(IVS_KIND_HTML, "<title>张三 一面</title><p>x</p>"),
                     "# 张三 一面\n\nx\n\n");
    ck_assert_str_eq(convert(IVS_KIND_HTML, "<p><b>alpha</b> <i>beta</i></p>"),
                     "alpha beta\n\n");
    ck_assert_str_eq(convert(IVS_KIND_HTML, "<p>面试</p>"), "面试\n\n");
    /* 面试 in GBK */
    ck_assert_str_eq(convert(IVS_KIND_HTML, "<p>\xc3\xe6\xca\xd4</p>"),
                     "面试\n\n");
}
END_TEST

/* ---- zips made here ------------------------------------------------------ */

typedef struct {
    char *data;
    size_t len;
} blob_t;

/* A zip of the NULL-terminated name/content pairs (contents are
 * NUL-terminated); ENCRYPT marks the first member encrypted. */
enum { ZIP, SEVEN_ZIP, TAR_XZ, ZIP_UTF8 };

static blob_t
make_archive(const char *const *pairs, int encrypt, int format)
{
    size_t cap = 1 << 22, used = 0;
    char *buf = malloc(cap);
    struct archive *a = archive_write_new();
    if (format == SEVEN_ZIP) {
        archive_write_set_format_7zip(a);
    } else if (format == ZIP_UTF8) {
        archive_write_set_format_zip(a); /* in C.UTF-8: the UTF-8 flag */
    } else if (format == TAR_XZ) {
        archive_write_set_format_pax_restricted(a);
        archive_write_add_filter_xz(a);
    } else {
        /* raw names, as old Windows tools wrote them: no UTF-8 flag */
        setlocale(LC_CTYPE, "C");
        archive_write_set_format_zip(a);
    }
    archive_write_open_memory(a, buf, cap, &used);
    for (size_t i = 0; pairs[i]; i += 2) {
        struct archive_entry *e = archive_entry_new();
        archive_entry_copy_pathname(e, pairs[i]);
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_size(e, (la_int64_t)strlen(pairs[i + 1]));
        archive_write_header(a, e);
        archive_write_data(a, pairs[i + 1], strlen(pairs[i + 1]));
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
    setlocale(LC_CTYPE, "C.UTF-8");
    if (encrypt) { /* flag bit 0 in the first local header and its entry */
        buf[6] |= 1;
        char *c = memmem(buf, used, "PK\x01\x02", 4);
        ck_assert_ptr_nonnull(c);
        c[8] |= 1;
    }
    return (blob_t){buf, used};
}

static blob_t
make_zip(const char *const *pairs, int encrypt)
{
    return make_archive(pairs, encrypt, ZIP);
}

typedef struct {
    char seen[2048];
    char skipped[1024];
} members_t;

static int
on_member(void *ctx, const char *name, const char *bytes, size_t len,
          int64_t mtime)
{
    members_t *m = ctx;
    (void)mtime;
    snprintf(m->seen + strlen(m->seen), sizeof m->seen - strlen(m->seen),
             "%s=%.*s;", name, (int)len, bytes);
    return 0;
}

static void
on_skipped(void *ctx, const char *name, const char *reason)
{
    members_t *m = ctx;
    snprintf(m->skipped + strlen(m->skipped),
             sizeof m->skipped - strlen(m->skipped), "%s:%s;", name,
             reason ? reason : "not text");
}

static ivs_status_t
walk(blob_t z, members_t *m, const char **reason)
{
    memset(m, 0, sizeof *m);
    ivs_container_cb_t cb = {on_member, on_skipped, m};
    return ivs_container_read(z.data, z.len, &cb, reason);
}

START_TEST(test_zip_members_gbk_names_and_nesting)
{
    const char *inner[] = {"deep/b.md", "B", NULL};
    blob_t in = make_zip(inner, 0);
    char *inner_data = malloc(in.len + 1);
    memcpy(inner_data, in.data, in.len);
    inner_data[in.len] = '\0';
    /* a GBK name (面试.md) written raw, as old Windows zip tools did */
    const char *outer[] = {"\xc3\xe6\xca\xd4.md", "A",    "pic.png", "x",
                           "__MACOSX/._a.md",     "junk", NULL};
    blob_t z = make_zip(outer, 0);
    members_t m;
    const char *why = NULL;
    ck_assert_int_eq(walk(z, &m, &why), IVS_OK);
    ck_assert_str_eq(m.seen, "面试.md=A;");
    ck_assert_str_eq(m.skipped, "pic.png:not text;");
    free(z.data);
    /* the inner zip as a member (its bytes may hold NULs: written whole) */
    size_t cap = 1 << 20, used = 0;
    char *buf = malloc(cap);
    struct archive *a = archive_write_new();
    archive_write_set_format_zip(a);
    archive_write_open_memory(a, buf, cap, &used);
    struct archive_entry *e = archive_entry_new();
    archive_entry_copy_pathname(e, "in.zip");
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, (la_int64_t)in.len);
    archive_write_header(a, e);
    archive_write_data(a, inner_data, in.len);
    archive_entry_free(e);
    archive_write_close(a);
    archive_write_free(a);
    ck_assert_int_eq(walk((blob_t){buf, used}, &m, &why), IVS_OK);
    ck_assert_str_eq(m.seen, "in.zip!/deep/b.md=B;");
    free(buf);
    free(in.data);
    free(inner_data);
}
END_TEST

START_TEST(test_7z_tar_xz_and_utf8_zip_members)
{
    const char *pairs[] = {"a/一.md", "1", "b.html", "<p>2</p>", NULL};
    members_t m;
    const char *why = NULL;
    for (int f = SEVEN_ZIP; f <= ZIP_UTF8; f++) {
        blob_t z = make_archive(pairs, 0, f);
        ck_assert_int_eq(walk(z, &m, &why), IVS_OK);
        ck_assert_str_eq(m.seen, "a/一.md=1;b.html=<p>2</p>;");
        free(z.data);
    }
}
END_TEST

START_TEST(test_encrypted_member_is_skipped_and_its_neighbour_read)
{
    const char *pairs[] = {"secret.md", "S", "open.md", "O", NULL};
    blob_t z = make_zip(pairs, 1);
    members_t m;
    const char *why = NULL;
    ck_assert_int_eq(walk(z, &m, &why), IVS_OK);
    ck_assert_str_eq(m.seen, "open.md=O;");
    ck_assert_str_eq(m.skipped, "secret.md:encrypted;");
    free(z.data);
}
END_TEST

START_TEST(test_zip_bomb_is_refused_whole)
{
    size_t n = 8 << 20;
    char *zeros = malloc(n + 1);
    memset(zeros, 'a', n);
    zeros[n] = '\0';
    const char *pairs[] = {"good.md", "G", "bomb.md", zeros, NULL};
    blob_t z = make_zip(pairs, 0);
    members_t m;
    const char *why = NULL;
    ck_assert_int_eq(walk(z, &m, &why), IVS_ERR_TOOBIG);
    ck_assert_ptr_nonnull(strstr(why, "zip bomb"));
    free(z.data);
    free(zeros);
}
END_TEST

START_TEST(test_not_an_archive_is_input_error)
{
    members_t m;
    const char *why = NULL;
    ck_assert_int_eq(walk((blob_t){"hello", 5}, &m, &why), IVS_ERR_INPUT);
    ck_assert_ptr_nonnull(why);
}
END_TEST

/* ---- docx ---------------------------------------------------------------- */

#define W \
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

START_TEST(test_docx_headings_lists_tables_and_breaks)
{
    const char *pairs[] = {
        "word/styles.xml",
        "<w:styles " W "><w:style w:styleId=\"a1\"><w:name w:val=\"标题 1\"/>"
        "</w:style></w:styles>",
        "word/document.xml",
        "<w:document " W "><w:body>"
        "<w:p><w:pPr><w:pStyle "
        "w:val=\"a1\"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:numPr/></w:pPr><w:r><w:t>甲</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>一</w:t><w:br/><w:t>二</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr><w:r><w:t>总结"
        "</w:t></w:r></w:p><w:p><w:r><w:t>通过</w:t></w:r></w:p>"
        "</w:body></w:document>",
        "word/footer1.xml",
        "<w:ftr " W "><w:p><w:r><w:t>页脚</w:t></w:r></w:p></w:ftr>",
        NULL};
    blob_t z = make_zip(pairs, 0);
    const char *t = convert_as(IVS_KIND_DOCX, z.data, z.len, NULL, NULL);
    ck_assert_str_eq(t,
                     "# 标题\n\n- 甲\n\n一\n二\n\na | b\n\n## 总结\n\n通过\n\n"
                     "页脚\n\n");
    free(z.data);
}
END_TEST

START_TEST(test_docx_failures_have_reasons)
{
    const char *why = NULL;
    const char *none[] = {"word/styles.xml", "<x/>", NULL};
    blob_t z = make_zip(none, 0);
    ck_assert_ptr_null(convert_as(IVS_KIND_DOCX, z.data, z.len, NULL, &why));
    ck_assert_str_eq(why, "docx without word/document.xml");
    free(z.data);
    const char *bad[] = {"word/document.xml", "<w:document><w:body>", NULL};
    z = make_zip(bad, 0);
    ck_assert_ptr_null(convert_as(IVS_KIND_DOCX, z.data, z.len, NULL, &why));
    ck_assert_str_eq(why, "malformed XML in the .docx");
    free(z.data);
    ck_assert_ptr_null(convert_as(IVS_KIND_DOCX, "PK", 2, NULL, &why));
    ck_assert_ptr_nonnull(why);
}
END_TEST

/* ---- xlsx ---------------------------------------------------------------- */

START_TEST(test_xlsx_shared_and_inline_strings)
{
    const char *pairs[] = {
        "xl/sharedStrings.xml",
        "<sst><si><t>姓名</t></si><si><r><t>结</t></r><r><t>果</t></r></si>"
        "<si><t>甲</t></si></sst>",
        "xl/worksheets/sheet1.xml",
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
        "<c r=\"C1\" t=\"s\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\" "
        "t=\"s\"><v>2</v></c><c r=\"C2\" t=\"inlineStr\"><is><t>通过</t></is>"
        "</c></row></sheetData></worksheet>",
        NULL};
    blob_t z = make_zip(pairs, 0);
    ck_assert_str_eq(convert_as(IVS_KIND_XLSX, z.data, z.len, NULL, NULL),
                     "面试记录\n候选人：甲\n\n评价：\n\n结论：通过\n");
    free(z.data);
}
END_TEST

/* ---- PDF ----------------------------------------------------------------- */

START_TEST(test_pdf_without_pdftotext_says_so)
{
    ivs_reader_opts_t o = {.pdftotext = "/nonexistent/pdftotext"};
    char *text = NULL;
    size_t n = 0;
    const char *why = NULL;
    const char pdf[] = "%PDF-1.4\n%%EOF\n";
    ck_assert_int_eq(ivs_reader_convert(IVS_KIND_PDF, pdf, sizeof pdf - 1, &o,
                                        &text, &n, &why),
                     IVS_ERR_NOTFOUND);
    ck_assert_str_eq(why, "pdftotext not installed");
    ck_assert(ivs_reader_pdftotext_missing());
    ck_assert_int_eq(
        ivs_reader_convert(IVS_KIND_PDF, "GIF89a", 6, &o, &text, &n, &why),
        IVS_ERR_INPUT);
    ck_assert_str_eq(why, "not a PDF file");
}
END_TEST

/* A stand-in for pdftotext: a shell script running BODY. */
static const char *
fake_pdftotext(const char *body)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/check_readers_pdf%d", (int)getpid());
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "#!/bin/sh\n%s\n", body);
    fclose(f);
    chmod(path, 0700);
    return path;
}

static ivs_status_t
fake_pdf(const char *body, int seconds, const char **why, char **text)
{
    ivs_reader_opts_t o = {.pdftotext = fake_pdftotext(body),
                           .pdf_seconds = seconds};
    size_t n = 0;
    const char pdf[] = "%PDF-1.4\n%%EOF\n";
    ivs_status_t st = ivs_reader_convert(IVS_KIND_PDF, pdf, sizeof pdf - 1, &o,
                                         text, &n, why);
    unlink(o.pdftotext);
    return st;
}

START_TEST(test_pdftotext_is_limited_and_its_failures_named)
{
    const char *why = NULL;
    char *text = NULL;
    ck_assert_int_eq(
        fake_pdf("cat >/dev/null; printf '面试 通过'", 10, &why, &text),
        IVS_OK);
    ck_assert_str_eq(text, "面试 通过");
    free(text);
    ck_assert_int_eq(fake_pdf("exec sleep 30", 1, &why, &text), IVS_ERR_TOOBIG);
    ck_assert_str_eq(why, "pdftotext timed out");
    ck_assert_int_eq(fake_pdf("exec yes 面试", 30, &why, &text),
                     IVS_ERR_TOOBIG);
    ck_assert_str_eq(why, "text larger than 64 MiB");
    ck_assert_int_eq(fake_pdf("kill -SEGV $$", 10, &why, &text), IVS_ERR_INPUT);
    ck_assert_str_eq(why, "pdftotext failed (damaged PDF?)");
    ck_assert_int_eq(fake_pdf("printf ' \\f\\n'", 10, &why, &text),
                     IVS_ERR_INPUT);
    ck_assert_str_eq(why, "no text layer (scanned?)");
    ck_assert_ptr_null(text);
}
END_TEST

static Suite *
readers_suite(void)
{
    Suite *s = suite_create("readers");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_kinds_come_from_the_extension_in_any_case);
    tcase_add_test(core, test_csv_row_becomes_labelled_block);
    tcase_add_test(core, test_csv_quoted_cells_span_lines_and_double_quotes);
    tcase_add_test(core, test_tsv_uses_tabs_and_blank_rows_are_not_interviews);
    tcase_add_test(core, test_csv_with_only_headers_has_no_interviews);
    tcase_add_test(core, test_archive_parser_splits_one_row_and_many);
    tcase_add_test(core, test_column_map_names_other_headers);
    tcase_add_test(core, test_html_keeps_structure_and_drops_scripts);
    tcase_add_test(core, test_html_without_charset_reads_utf8_then_gbk);
    tcase_add_test(core, test_docx_headings_lists_tables_and_breaks);
    tcase_add_test(core, test_xlsx_shared_and_inline_strings);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors,
                   test_csv_broken_rows_are_named_by_line_and_the_rest_kept);
    tcase_add_test(errors, test_docx_failures_have_reasons);
    tcase_add_test(errors, test_pdf_without_pdftotext_says_so);
    tcase_add_test(errors, test_pdftotext_is_limited_and_its_failures_named);
    tcase_add_test(errors, test_not_an_archive_is_input_error);
    suite_add_tcase(s, errors);
    TCase *archives = tcase_create("archives");
    tcase_add_test(archives, test_zip_members_gbk_names_and_nesting);
    tcase_add_test(archives, test_7z_tar_xz_and_utf8_zip_members);
    tcase_add_test(archives,
                   test_encrypted_member_is_skipped_and_its_neighbour_read);
    tcase_add_test(archives, test_zip_bomb_is_refused_whole);
    suite_add_tcase(s, archives);
    return s;
}

int
main(void)
{
    /* the archives made here have UTF-8 names (ivindex itself runs in
     * any locale) */
    setlocale(LC_CTYPE, "C.UTF-8");
    SRunner *r = srunner_create(readers_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}

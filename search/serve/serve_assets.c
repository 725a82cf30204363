/* The page's style sheet and script, compiled in: ivserve serves no file
 * from disk. */
#include <string.h>

#include "serve_internal.h"

static const char css[] =
    ":root{--fg:#1d2330;--mut:#5b6475;--line:#d9dde5;--acc:#2456c9;"
    "--pass:#1f8a4c;--fail:#c0392b;--pend:#b7791f;--unk:#7a8190;"
    "--mark:#ffe58a}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;color:var(--fg);background:#f7f8fa;line-height:1.6;"
    "font-family:system-ui,-apple-system,\"PingFang SC\",\"Hiragino Sans "
    "GB\",\"Microsoft YaHei\",\"WenQuanYi Micro Hei\",\"Noto Sans CJK "
    "SC\",\"Source Han Sans SC\",sans-serif;font-size:15px}\n"
    "a{color:var(--acc);text-decoration:none}a:hover{text-decoration:"
    "underline}\n"
    "header.top{display:flex;gap:1em;align-items:center;padding:.6em 1.2em;"
    "background:#fff;border-bottom:1px solid var(--line)}\n"
    "header.top .brand{font-weight:700;color:var(--fg)}\n"
    "header.top form.search{flex:1;display:flex;gap:.4em}\n"
    "header.top input[type=search]{flex:1;padding:.45em .7em;font:inherit;"
    "border:1px solid var(--line);border-radius:6px}\n"
    "button{font:inherit;padding:.4em .9em;border:1px solid var(--line);"
    "border-radius:6px;background:#fff;cursor:pointer}\n"
    "header.top .who{color:var(--mut);font-size:.9em;display:flex;gap:.5em;"
    "align-items:center}\n"
    "header.top .who form{margin:0}\n"
    "main{display:flex;gap:1.5em;padding:1em 1.2em;max-width:1200px;"
    "margin:0 auto}\n"
    "aside.facets{width:220px;flex:none;font-size:.92em}\n"
    "aside.facets h3{font-size:.95em;margin:1em 0 .3em;color:var(--mut)}\n"
    "aside.facets ul{list-style:none;padding:0;margin:0}\n"
    "aside.facets li a{display:flex;justify-content:space-between;"
    "padding:.1em .4em;border-radius:4px;color:var(--fg)}\n"
    "aside.facets li a.on{background:#e4ecfb;font-weight:600}\n"
    "aside.facets .n{color:var(--mut)}\n"
    "section.results{flex:1;min-width:0}\n"
    ".summary{color:var(--mut);margin:.2em 0 1em}\n"
    ".notice{background:#fff7e0;border:1px solid #f0d68a;padding:.5em .8em;"
    "border-radius:6px;margin-bottom:1em}\n"
    "article.hit{background:#fff;border:1px solid var(--line);"
    "border-radius:8px;padding:.8em 1em;margin-bottom:.8em}\n"
    "article.hit h2{font-size:1.05em;margin:0 0 .2em}\n"
    ".meta{color:var(--mut);font-size:.88em;display:flex;flex-wrap:wrap;"
    "gap:.2em .8em}\n"
    ".snippet{margin:.4em 0 0}\n"
    "mark{background:var(--mark);color:inherit;padding:0 1px;"
    "border-radius:2px}\n"
    ".v{font-weight:600}.v-pass{color:var(--pass)}.v-fail{color:var(--fail)}"
    ".v-pending{color:var(--pend)}.v-unknown{color:var(--unk)}\n"
    ".partial{font-size:.85em;color:var(--pend)}\n"
    "nav.pages{display:flex;gap:.6em;margin:1em 0}\n"
    ".interview{background:#fff;border:1px solid var(--line);"
    "border-radius:8px;padding:1em 1.4em}\n"
    ".interview h2.sec{font-size:1.05em;margin:1.2em 0 .3em;"
    "border-bottom:1px solid var(--line)}\n"
    ".interview pre.text{white-space:pre-wrap;word-break:break-word;"
    "font:inherit;margin:0}\n"
    "aside.similar{width:320px;flex:none}\n"
    "aside.similar .shared{font-size:.85em;color:var(--mut)}\n"
    ".charts{display:grid;grid-template-columns:repeat(auto-fit,"
    "minmax(420px,1fr));gap:1em;width:100%}\n"
    ".chart{background:#fff;border:1px solid var(--line);border-radius:8px;"
    "padding:.8em}\n"
    ".chart h2{font-size:1em;margin:0 0 .5em}\n"
    ".login{max-width:360px;margin:4em auto;background:#fff;padding:1.5em;"
    "border:1px solid var(--line);border-radius:8px}\n"
    ".login label{display:block;margin:.6em 0 .2em}\n"
    ".login input{width:100%;padding:.45em;font:inherit;border:1px solid "
    "var(--line);border-radius:6px}\n"
    ".error{color:var(--fail)}\n"
    "@media (max-width:760px){main{flex-direction:column}aside.facets,"
    "aside.similar{width:auto}}\n";

static const char js[] =
    "// Progressive: the pages work without it.\n"
    "document.documentElement.setAttribute('data-js', 'on');\n"
    "document.addEventListener('keydown', function (e) {\n"
    "  var q = document.querySelector('input[name=q]');\n"
    "  if (e.key === '/' && q && document.activeElement !== q) {\n"
    "    e.preventDefault(); q.focus(); q.select();\n"
    "  }\n"
    "});\n";

const char *
serve_asset(const char *path, const char **type, size_t *len)
{
    if (strcmp(path, "/static/app.css") == 0) {
        *type = "text/css; charset=utf-8";
        *len = sizeof css - 1;
        return css;
    }
    if (strcmp(path, "/static/app.js") == 0) {
        *type = "text/javascript; charset=utf-8";
        *len = sizeof js - 1;
        return js;
    }
    return NULL;
}

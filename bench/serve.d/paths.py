#!/usr/bin/python3
"""bench/serve: turn ivsearch query lines (TAB-separated arguments) into
ivserve URL paths: DIR/KIND.tsv -> DIR/KIND.paths, and DIR/mix.paths (45 %
plain, 45 % filtered, 10 % similar, interleaved)."""
import sys
import urllib.parse

d = sys.argv[1]


def path(args):
    words, params, similar = [], [("limit", "10")], None
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("--verdict", "--topic") and i + 1 < len(args):
            params.append((a[2:], args[i + 1]))
            i += 2
        elif a == "--similar" and i + 1 < len(args):
            similar = args[i + 1]
            i += 2
        else:
            words.append(a)
            i += 1
    if similar:
        return "/api/similar/%s?%s" % (similar, urllib.parse.urlencode(params))
    params.append(("q", " ".join(words)))
    return "/api/search?" + urllib.parse.urlencode(params)


kinds = {}
for k in ("plain", "filter", "similar"):
    lines = [l.rstrip("\n").split("\t") for l in open("%s/%s.tsv" % (d, k),
                                                       encoding="utf-8")]
    kinds[k] = [path([a for a in l if a]) for l in lines if any(l)]
    with open("%s/%s.paths" % (d, k), "w", encoding="utf-8") as f:
        f.write("\n".join(kinds[k]) + "\n")
mix = []
for i in range(len(kinds["plain"])):
    mix += kinds["plain"][i:i + 1] * 1 + kinds["filter"][i:i + 1]
    if i % 9 == 0:  # 10 % similar
        mix += kinds["similar"][i // 9:i // 9 + 1]
with open("%s/mix.paths" % d, "w", encoding="utf-8") as f:
    f.write("\n".join(mix) + "\n")

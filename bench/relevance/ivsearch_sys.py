"""Run the real ivindex/ivsearch programs over a copy of the documents."""
import json
import os
import shutil
import subprocess

import docs as docsmod


class IvSearch:
    name = "ivsearch"

    def __init__(self, build_dir, corpus_dir, sample_path, tmp):
        self.ivindex = os.path.join(build_dir, "ivindex")
        self.ivsearch = os.path.join(build_dir, "ivsearch")
        self.root = os.path.join(tmp, "docs")
        self.db = os.path.join(tmp, "ivdb")
        self.errors = []
        # Copy the judged documents (and only those) into the temp dir.
        for doc_id, path in docsmod.corpus_files(corpus_dir):
            dst = os.path.join(self.root, doc_id)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(path, dst)
        dst = os.path.join(self.root, docsmod.SAMPLE_ID)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(sample_path, dst)
        self.known = {d for d, _ in docsmod.corpus_files(self.root)}
        cmd = [self.ivindex, "--db", self.db, "--quiet", self.root]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.index_cmd = cmd
        self.index_rc = p.returncode
        self.index_stderr = p.stderr.decode("utf-8", "replace").strip()
        if p.returncode != 0:
            raise RuntimeError("%s -> exit %d: %s"
                               % (" ".join(cmd), p.returncode, self.index_stderr))

    def doc_id(self, hit):
        """Map a JSON hit (source, ordinal) to a judged document id."""
        src = hit.get("source") or ""
        if not os.path.isabs(src):
            cand = os.path.normpath(os.path.join(os.getcwd(), src))
            src = cand if os.path.exists(cand) else src
        rel = os.path.relpath(src, self.root) if os.path.isabs(src) else src
        rel = rel.replace(os.sep, "/")
        if rel == docsmod.SAMPLE_ID or rel.endswith("/" + docsmod.SAMPLE_ID):
            return "%s#%d" % (docsmod.SAMPLE_ID, int(hit.get("ordinal") or 0))
        if rel in self.known:
            return rel
        for k in self.known:            # indexed under some other prefix
            if rel.endswith("/" + k):
                return k
        return "?" + rel

    def search(self, query, limit):
        cmd = [self.ivsearch, "--db", self.db, "--json", "--limit", str(limit)]
        cmd += query.split()
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out = p.stdout.decode("utf-8", "replace")
        err = p.stderr.decode("utf-8", "replace").strip()
        if p.returncode not in (0, 1):
            msg = "%s -> exit %d: %s" % (" ".join(cmd), p.returncode, err)
            self.errors.append(msg)
            return [], msg
        try:
            data = json.loads(out) if out.strip() else {"hits": []}
        except ValueError as e:
            msg = "%s -> bad JSON (%s): %.200s" % (" ".join(cmd), e, out)
            self.errors.append(msg)
            return [], msg
        ranking, seen = [], set()
        for hit in data.get("hits", []):
            d = self.doc_id(hit)
            if d not in seen:       # keep the first (best) record per file
                seen.add(d)
                ranking.append(d)
        return ranking, None

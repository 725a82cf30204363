#!/usr/bin/python3
"""Makes the mixed-format archive of bench/index-formats from Markdown notes:
each file, in sorted order, becomes in turn a .docx, an .html page, a member
of a .zip (25 notes a zip, in folders), or stays .md; a few become PDFs
through chromium when it is there (a sample: PDF text comes from
pdftotext either way). Standard library only (zipfile writes the docx).

usage: mkformats.py SRC_DIR OUT_DIR [PDFS]
"""
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')
XML_BAD = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f]')


def blocks(text):
    """(kind, level, text) for each line: heading, item or paragraph."""
    for line in text.splitlines():
        line = XML_BAD.sub('', line.rstrip())
        if not line.strip():
            continue
        m = re.match(r'^(#{1,6})\s+(.*)', line)
        if m:
            yield 'h', len(m.group(1)), m.group(2)
            continue
        m = re.match(r'^\s*(?:[-*+]|\d+\.)\s+(.*)', line)
        if m:
            yield 'li', 0, m.group(1)
        else:
            yield 'p', 0, line


def to_docx(text, path):
    out = []
    for kind, level, t in blocks(text):
        t = html.escape(t, quote=False)
        ppr = ''
        if kind == 'h':
            ppr = f'<w:pPr><w:pStyle w:val="Heading{level}"/></w:pPr>'
        elif kind == 'li':
            ppr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        out.append(f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>')
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'
           + ''.join(out) + '<w:sectPr/></w:body></w:document>')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CT)
        z.writestr('_rels/.rels', RELS)
        z.writestr('word/document.xml', doc)


def to_html(text, title):
    out, in_list = [], False
    for kind, level, t in blocks(text):
        t = html.escape(t, quote=False)
        if kind != 'li' and in_list:
            out.append('</ul>')
            in_list = False
        if kind == 'h':
            out.append(f'<h{level}>{t}</h{level}>')
        elif kind == 'li':
            if not in_list:
                out.append('<ul>')
                in_list = True
            out.append(f'<li>{t}</li>')
        else:
            out.append(f'<p>{t}</p>')
    if in_list:
        out.append('</ul>')
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>'
            + html.escape(title) + '</title><script>var x = 1;</script></head><body>'
            + '\n'.join(out) + '</body></html>')


def main():
    src, out = sys.argv[1], sys.argv[2]
    pdfs = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    files = sorted(os.path.relpath(os.path.join(d, f), src)
                   for d, _, fs in os.walk(src) for f in fs if f.endswith('.md'))
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    counts = {'docx': 0, 'html': 0, 'zip member': 0, 'md': 0, 'pdf': 0}
    zf, zn, zc = None, 0, 0
    chromium = shutil.which('chromium')
    for i, rel in enumerate(files):
        with open(os.path.join(src, rel), encoding='utf-8', errors='replace') as f:
            text = f.read()
        stem = rel[:-3].replace(os.sep, '__')
        if i < pdfs and chromium:
            with tempfile.TemporaryDirectory() as t:
                page = os.path.join(t, 'p.html')
                with open(page, 'w', encoding='utf-8') as f:
                    f.write(to_html(text[:20000], stem))
                subprocess.run([chromium, '--headless', '--no-sandbox', '--disable-gpu',
                                '--no-pdf-header-footer',
                                '--print-to-pdf=' + os.path.join(out, stem + '.pdf'), page],
                               capture_output=True, timeout=120)
            counts['pdf'] += 1
            continue
        k = i % 4
        if k == 0:
            to_docx(text, os.path.join(out, stem + '.docx'))
            counts['docx'] += 1
        elif k == 1:
            with open(os.path.join(out, stem + '.html'), 'w', encoding='utf-8') as f:
                f.write(to_html(text, stem))
            counts['html'] += 1
        elif k == 2:
            if zf is None or zn == 25:
                if zf:
                    zf.close()
                zf = zipfile.ZipFile(os.path.join(out, 'export-%03d.zip' % zc), 'w',
                                     zipfile.ZIP_DEFLATED)
                zn, zc = 0, zc + 1
            zf.writestr('notes/' + rel, text)
            zn += 1
            counts['zip member'] += 1
        else:
            with open(os.path.join(out, stem + '.md'), 'w', encoding='utf-8') as f:
                f.write(text)
            counts['md'] += 1
    if zf:
        zf.close()
    print(' '.join(f'{v} {k}' for k, v in counts.items()))


if __name__ == '__main__':
    main()

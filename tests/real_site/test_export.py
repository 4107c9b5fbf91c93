"""`make export` gives plain MkDocs (no hooks) the very same pages."""

from __future__ import annotations

import shutil
import subprocess
import sys

import yaml
from base import LANGS, PROJECT, all_pages, article, text_of


def test_export_builds_the_same_pages_without_hooks(tmp_path, exported, site):
    out = tmp_path / "export"
    shutil.copytree(exported, out)
    assert not (out / "hooks").exists()
    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        assert "hooks" not in yaml.safe_load((out / config).read_text(encoding="utf-8"))
        built = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(out / config)],
            capture_output=True,
            text=True,
            check=False,
            cwd=PROJECT,
            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        )
        assert built.returncode == 0, built.stderr
        assert "WARNING" not in built.stderr, built.stderr
    plain = out / "site"
    for lang in LANGS:
        pages = all_pages(site, lang)
        assert all_pages(plain, lang) == pages
        for url in pages:
            assert text_of(article(plain, lang, url)) == text_of(article(site, lang, url)), f"{lang}/{url}"

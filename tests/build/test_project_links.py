"""Nothing outside the project is read into a site: a symbolic link among the project's files may lead to
another of its files; any other is refused by make check, the build, the offline copy, the PDF and the
preview before anything is read, naming the link. Tried on the tiny briefing."""

from __future__ import annotations

import shutil

import pytest
from base import write_briefing
from briefing.cli import main
from briefing.project.files import link_problems


@pytest.fixture(scope="module")
def shared_project(tmp_path_factory):
    """A tiny briefing, with a page written by hand, that the tests below never change for good."""
    project = write_briefing(tmp_path_factory.mktemp("links") / "briefing")
    (project / "docs" / "en" / "about.md").write_text("# About\n", encoding="utf-8")
    for folder in ("overrides/assets", "data/pages"):  # where the links below are put
        (project / folder).mkdir(parents=True)
    return project


SECRET = "the build machine's secret\n"


@pytest.mark.parametrize(
    "link", ["docs/ja/passwd.md", "overrides/assets/leak.txt", "data/pages/leak.yml", "templates/leak.md.j2"]
)
def test_a_link_out_of_the_project_is_refused_by_check_the_site_the_offline_copy_the_pdf_and_the_preview(
    shared_project, tmp_path, link, capsys
):
    from briefing.preview.server import Preview

    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (shared_project / link).symlink_to(secret)
    expected = f"{link}:1:1: a symbolic link to {secret}, outside the project's files"
    try:
        assert main(["--project", str(shared_project), "check"]) == 1
        assert expected in capsys.readouterr().err
        for command in (["build", "--out", str(tmp_path / "site")], ["offline", "--out", str(tmp_path / "copy")]):
            assert main(["--project", str(shared_project), *command]) == 1  # the PDFs asked for too
            assert expected in capsys.readouterr().err
        assert not (tmp_path / "site").exists() and not (tmp_path / "copy.zip").exists()
        preview = Preview(shared_project)
        try:
            preview.rebuild()
            assert any(expected in str(problem) for problem in preview.problems), preview.problems
            assert not preview.site.exists()
        finally:
            shutil.rmtree(preview.folder)
    finally:
        (shared_project / link).unlink()


def test_a_link_to_a_file_of_the_project_is_followed_and_a_link_to_a_folder_is_not(shared_project):
    shared = shared_project / "docs" / "ja" / "shared.md"
    shared.symlink_to(shared_project / "docs" / "en" / "about.md")
    folder = shared_project / "overrides" / "everything"
    folder.symlink_to(shared_project)
    try:
        problems = [str(problem) for problem in link_problems(shared_project)]
        assert problems == [
            f"overrides/everything:1:1: a symbolic link to a folder ({shared_project}): only a link "
            "to a file of the project is followed; copy the folder instead, or link its files one by one"
        ]
    finally:
        shared.unlink()
        folder.unlink()

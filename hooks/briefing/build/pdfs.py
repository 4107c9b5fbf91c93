"""Each language's PDF in a build: taken from the build cache while what it is made from (the data, the
briefing's templates and configurations, the generator, Typst and the fonts) is the same, else made, the
two languages side by side."""

from __future__ import annotations

from pathlib import Path

from ..check.validate import LANGUAGES, Checked
from ..messages import say
from ..project.digests import digest, files_digest, generator_digest, versions_digest
from ..project.files import CONFIGS
from ..publish import pdf, typeset
from .cache import BuildCache
from .options import BuildOptions
from .parallel import run_all
from .progress import Progress


def make_pdfs(project: Path, checked: Checked, options: BuildOptions) -> dict:
    """Each language's PDF, made now (``make export``), if asked and possible."""
    return language_pdfs(project, checked, options, BuildCache(None), Progress(), {})


def language_pdfs(
    project: Path, checked: Checked, options: BuildOptions, cache: BuildCache, progress: Progress, counts: dict
) -> dict:
    """Each language's PDF: from the cache if what it is made from has not changed, else made (the two
    side by side). Without Typst or a Japanese font, says so in one line and makes none."""
    fonts = pdf.available(options.make_pdf)
    if fonts is None:
        return {}
    from ..render.reads import InputDigests

    everything = InputDigests({None: checked.briefing}, {}, lambda name: "")(("everything", None))
    made_from = repr(sorted(typeset.made_from(fonts).items()))
    keys = {
        lang: digest(
            generator_digest(),
            versions_digest(),
            everything,
            _templates_and_configs(project),
            made_from,
            repr(options.language_url(lang)),
            lang,
        )
        for lang in LANGUAGES
    }
    found, wanted = {}, []
    for lang in LANGUAGES:
        known = cache.get("pdf", lang)
        if known is not None and known["key"] == keys[lang]:
            found[lang] = pdf.PdfFile(known["path"], cache.load(known["object"]), known["pages"], 0.0)
            cache.put("pdf", lang, known)
        else:
            wanted.append(lang)
    made = run_all([_pdf_job(project, checked, lang, options, fonts, cache) for lang in wanted], options.parallel)
    counts["pdf"] = len(wanted)
    for lang, pdf_file in zip(wanted, made, strict=True):
        if pdf_file is None:
            continue
        found[lang] = pdf_file
        entry = {"key": keys[lang], "object": cache.store(pdf_file.content), "path": pdf_file.path}
        cache.put("pdf", lang, entry | {"pages": pdf_file.pages})
    for lang, pdf_file in found.items():
        print(pdf_file.summary(lang) if lang in wanted else say("pdf_kept", file=f"{lang}/{pdf_file.path}"))
    progress.say("stage_pdf", count=len(found))
    return found


def _pdf_job(project: Path, checked: Checked, lang: str, options: BuildOptions, fonts, cache: BuildCache):
    def job():
        from mkdocs.config import load_config

        from .language import current_renderer, template_problems_raised

        config = load_config(config_file=str(project / CONFIGS[lang]), site_url=options.language_url(lang), hooks=[])
        with template_problems_raised(project):  # the PDF renders the pages' own templates too
            renderer = current_renderer(project, checked, lang, cache)
            return pdf.make_pdf(renderer, checked.plan.reading[None], pdf.PdfSettings.of(config, fonts))

    return job


def _templates_and_configs(project: Path) -> str:
    """The briefing's templates and its configuration files: what a PDF is made from besides the data."""
    from ..project.files import input_files

    named = ("templates", "mkdocs.yml", "mkdocs.en.yml")
    return files_digest(project, [path for path in input_files(project) if path.relative_to(project).parts[0] in named])

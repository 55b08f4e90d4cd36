"""Build the whole site in memory: every page in every language, the stylesheet and fonts, the briefs' files,
the open data with its description, and the search index. `write_site` then puts it in place, all or nothing.

    data        site_data, once per language (the briefs' own builders)
    pages       page_plan's kinds, rendered (page_render)
    downloads   each brief as `report` writes it (HTML, DOCX, ODT, XLSX, ODS, CSV; PDF with --pdf), the corpus as
                open data
    search      Pagefind over the statement pages
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache as cache_result
from functools import partial
from pathlib import Path
from typing import NamedTuple, TypeAlias

from bottleneck_briefs.basics.beside import computed_beside
from bottleneck_briefs.basics.collection import collection_paused
from bottleneck_briefs.basics.digests import cache_key, program_digest
from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE, DEFAULT_TEMPLATES, output_stem
from bottleneck_briefs.briefs.content.brief_data import Brief
from bottleneck_briefs.briefs.content.note_data import Note, NoteError
from bottleneck_briefs.briefs.content.overview_data import Overview
from bottleneck_briefs.briefs.content.translations import gettext_for, number_label
from bottleneck_briefs.briefs.formats.office.office_source import documents_shared
from bottleneck_briefs.briefs.formats.output_formats import FORMATS, made_together
from bottleneck_briefs.briefs.formats.refi_codebook import codebook_xml
from bottleneck_briefs.briefs.render.template_folders import TemplateFileError, find, folders_digest
from bottleneck_briefs.briefs.run.brief_jobs import BriefJob, composed_job, note_job, overview_job, theme_job
from bottleneck_briefs.briefs.run.report_plan import ReportRequest
from bottleneck_briefs.briefs.run.worker_lifetime import end_with_parent
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.site import open_data
from bottleneck_briefs.site import site_paths as paths
from bottleneck_briefs.site.dataset_description import DatasetVersion, Distribution, dataset_description
from bottleneck_briefs.site.old_site import OldFiles
from bottleneck_briefs.site.page_cache import CACHED_KINDS, MANIFEST, Describer, PageCache, page_key, site_key
from bottleneck_briefs.site.page_plan import Page, note_files, site_pages
from bottleneck_briefs.site.page_render import STYLESHEET, page_renderer, render_page, render_stylesheet
from bottleneck_briefs.site.search_index import PagefindRun, search_key
from bottleneck_briefs.site.site_data import SiteData, build_site_data
from bottleneck_briefs.site.site_intact import inputs_key
from bottleneck_briefs.site.version_carry import CARRIED, carried, templates_show_it_verbatim

# a brief's files on its page, each open standard (ODF) beside its Office format (and its PDF with --pdf)
BRIEF_FORMATS = ("html", "docx", "odt", "xlsx", "ods", "csv")
NOTE_FORMATS = ("html", "docx", "odt", "xlsx", "ods", "csv")  # a note's files: `report --note` writes every format
FONTS = (
    "NotoSerif-Regular.woff2",
    "NotoSerif-Italic.woff2",
    "NotoSerif-Bold.woff2",
    "NotoSans-Regular.woff2",
    "NotoSans-Bold.woff2",
)
SCRIPTS = ("search.js",)
FILE_TYPES = {
    "json": ("JSON", "application/json"),
    "csv": ("CSV", "text/csv"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ods": ("ODS", "application/vnd.oasis.opendocument.spreadsheet"),
    "qdc": ("XML", "application/xml"),
    "jsonld": ("JSON_LD", "application/ld+json"),
    "html": ("HTML", "text/html"),
    "docx": ("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "odt": ("ODT", "application/vnd.oasis.opendocument.text"),
}


class SiteError(Exception):
    """The site cannot be built; the message says why. Nothing was written."""


@dataclass(frozen=True)
class SiteRequest:
    output_dir: Path
    day: date
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)
    base_url: str | None = None  # absolute addresses (canonical links, the dataset's URLs); else the website
    templates_dir: Path = DEFAULT_TEMPLATES
    search: bool = True
    pdf: bool = False  # every brief's and note's PDF too (PDF/UA): WeasyPrint lays out every page, slow when large


@dataclass(frozen=True)
class DownloadFile:
    name: str
    path: str  # from the site's root
    label: str
    size: int
    sha256: str
    language: str

    @property
    def size_label(self) -> str:
        kilobytes = max(1, round(self.size / 1024))
        return f"{number_label(kilobytes, self.language)} kB"


@dataclass
class SiteFiles:
    files: dict[str, bytes] = field(default_factory=dict)
    page_count: int = 0
    pages_reused: int = 0  # taken from the previous build, their inputs unchanged (page_cache)
    brief_file_count: int = 0
    brief_files_reused: int = 0  # taken from the previous build, the corpus version written anew (version_carry)
    taken: set[str] = field(default_factory=set)  # paths whose bytes are the old site's file there (checked)
    old_site: OldFiles | None = None  # the build's walk of the old site those files were read from

    def add(self, path: str, data: bytes) -> None:
        if path in self.files:
            raise ValueError(f"two files at {path}")
        self.files[path] = data


def _download(files: SiteFiles, path: str, data: bytes, label: str, language: str) -> DownloadFile:
    if path not in files.files:
        files.add(path, data)
    return DownloadFile(path.rsplit("/", 1)[-1], path, label, len(data), hashlib.sha256(data).hexdigest(), language)


def download_key(job: BriefJob) -> str:
    """The key of a brief's files among a page's downloads (a note's: page_plan.note_files)."""
    return note_files(job.name) if job.kind == "note" else job.name


class BriefFile(NamedTuple):
    download: str  # its key among a page's downloads (download_key)
    path: str
    data: bytes
    label: str
    key: str  # in the build cache
    version: str  # the corpus version it names
    anew: bool  # rendered in this build, not taken from the previous one


BriefFiles: TypeAlias = list[BriefFile]
_ByLanguage: TypeAlias = dict[str, Callable[[], BriefFiles]]  # language -> its brief files, when done
_Made: TypeAlias = dict[str, Callable[[], bytes]]  # name -> its bytes, when done


def _brief_jobs(site: SiteData, request: SiteRequest) -> list[tuple[BriefJob, Brief | Overview | Note]]:
    """Every brief and note of the site, with its data."""
    briefs: list[tuple[BriefJob, Brief | Overview | Note]] = [
        (theme_job(view.slug), view.brief) for view in site.themes
    ]
    briefs += [(composed_job(view.name), view.brief) for view in site.composed]
    briefs.append((overview_job(), site.overview))
    briefs += [(note_job(view.name, request.templates_dir), view.brief) for view in site.notes]
    return briefs


def _formats_of(job: BriefJob, request: SiteRequest) -> tuple[str, ...]:
    formats = NOTE_FORMATS if job.kind == "note" else BRIEF_FORMATS
    return ("pdf", *formats) if request.pdf else formats


def _units_of(job: BriefJob, request: SiteRequest) -> list[tuple[str, ...]]:
    """A brief's formats as the other processes make them: those made from one source together (made_together)."""
    return made_together(_formats_of(job, request))


def _rendered(job: BriefJob, brief: Brief | Overview | Note, suffix: str, request: ReportRequest) -> bytes:
    """One file of a brief, as `report` renders it (a PDF laid out here: the site has no PDF workers)."""
    try:
        made = FORMATS[suffix].render(job, brief, request)
        if suffix == "pdf":
            from bottleneck_briefs.briefs.formats.pdf_output import PdfError, render_pdf

            try:
                made = render_pdf(str(made), request.templates_dir)
            except PdfError as error:
                raise SiteError(f"{job.label}: {error}") from None
    except TemplateFileError as error:
        raise SiteError(f"{job.label}: {error}") from None
    assert isinstance(made, bytes)
    return made


class _BriefContext(NamedTuple):
    """What making one language's brief files needs, worked out once, before the other processes fork (each of
    their jobs would otherwise read and hash the templates again)."""

    site: SiteData
    request: SiteRequest
    cache: PageCache
    described: list[tuple[str, str]]  # each brief described, as it is and without its corpus version
    shared: str  # the site's key (_site_key)
    carry: bool  # every template shows the corpus's version as it is (version_carry)


def _brief_context(site: SiteData, request: SiteRequest, cache: PageCache) -> _BriefContext:
    """Every brief described here, once: in the other processes each would describe again every brief it makes
    a file of (the overview at 5,000 statements: half a second)."""
    carry = templates_show_it_verbatim(request.templates_dir)
    describe = Describer()
    described: list[tuple[str, str]] = []
    for _, brief in _brief_jobs(site, request):
        as_it_is = describe(brief)
        described.append((as_it_is, describe(replace(brief, corpus_version="")) if carry else as_it_is))
    return _BriefContext(site, request, cache, described, _site_key(site, request), carry)


def _brief_files(context: _BriefContext, only: tuple[int, tuple[str, ...]] | None = None) -> BriefFiles:
    """Every brief and note of the site (or only the files of the brief at that index in those formats), as `report
    --format` writes it. A file whose brief, templates and program are those of the previous
    build is taken from it, its corpus version written anew (version_carry). A note's files are under
    data/notities/, beside the briefs' under data/briefs/."""
    site, request, cache, descriptions, shared, carry = context
    _ = gettext_for(site.language)
    labels = {
        "pdf": _("PDF (toegankelijk, om te printen)"),
        "html": _("HTML (één bestand, ook offline)"),
        "docx": _("Word (DOCX)"),
        "odt": _("OpenDocument-tekst (ODT)"),
        "xlsx": _("Excel (XLSX)"),
        "ods": _("OpenDocument-rekenblad (ODS)"),
        "csv": _("CSV"),
    }
    report_request = ReportRequest(
        templates_dir=request.templates_dir, language=site.language, output_formats=BRIEF_FORMATS
    )
    briefs = list(zip(_brief_jobs(site, request), descriptions, strict=True))
    if only is not None:
        briefs = briefs[only[0] : only[0] + 1]
    found: BriefFiles = []
    for (job, brief), (described, described_without_version) in briefs:
        stem = output_stem(job.name, site.language)
        version = brief.corpus_version
        with documents_shared():  # its DOCX and ODT: made from one document
            for suffix in _formats_of(job, request) if only is None else only[1]:
                folder = "notities" if job.kind == "note" else "briefs"
                path = paths.download(f"{folder}/{stem}.{suffix}")
                carried_here = carry and suffix in CARRIED
                key = page_key(
                    shared,
                    "brief-file",
                    path,
                    job.name,
                    suffix,
                    described_without_version if carried_here else described,
                )
                old, old_version = cache.reuse(path, key), cache.version_of(path)
                if old is not None and old_version is not None:
                    data, anew = (
                        (carried(old, suffix, old_version, version, brief.date) if carried_here else old),
                        False,
                    )
                else:
                    data, anew = _rendered(job, brief, suffix, report_request), True
                found.append(BriefFile(download_key(job), path, data, labels[suffix], key, version, anew))
    return found


def _site_key(site: SiteData, request: SiteRequest) -> str:
    """What every page and brief file of one language shares (page_cache.site_key)."""
    try:
        templates = folders_digest(request.templates_dir)
    except OSError as error:
        raise SiteError(f"cannot read the templates: {error.strerror or error}") from None
    return site_key(
        templates, site.language, request.languages, request.base_url, repr((site.framing, site.date_label, site.day))
    )


# The briefs' files (the Word documents above all) are made in two other processes while this one renders the
# pages, a file at a time: the overview, which holds every statement, would otherwise keep one process busy
# with all its formats while the other has done. Forked, they have the site's data without copying it; only the
# files come back. (Their templates are compiled once per user, not once per process: template_code_cache.)
BRIEF_WORKERS = 2
_FORKED: dict[str, _BriefContext] = {}  # by language
_SLOWEST_FIRST = ("pdf", "docx", "odt", "xlsx", "ods", "html", "json", "csv")  # at equal length, the slower first


def _brief_files_of(language: str, index: int, unit: tuple[str, ...]) -> BriefFiles:
    """One job of the other processes. The garbage collector rests meanwhile: what a job makes and drops is freed
    by its reference count (no job leaves a measurable heap of cycles), and the collector's passes over what it
    keeps a while (a long brief's document) cost the overview's Word and OpenDocument files a twentieth."""
    with collection_paused():
        return _brief_files(_FORKED[language], (index, unit))


@contextmanager
def _corpus_files_meanwhile(corpus: Corpus, request: SiteRequest, cache: PageCache) -> Iterator[_Made]:
    """The open data's files of the whole corpus the cache cannot give, made beside this process from the start
    (basics/beside: they need the corpus alone, and this process builds the site's data meanwhile); name -> its
    bytes. _open_data makes the rest."""
    key = _open_data_key(corpus, request)
    makers = _corpus_files(corpus, request.day)
    missing = [name for name in makers if cache.entries.get(paths.download(name), {}).get("key") != key]
    if not missing:
        yield {}
        return
    with computed_beside(_made, makers, missing) as later:
        made = cache_result(later.result)
        yield {name: partial(_one_of, made, name) for name in missing}


def _made(makers: dict[str, Callable[[], bytes]], names: list[str]) -> dict[str, bytes]:
    return {name: makers[name]() for name in names}


def _one_of(made: Callable[[], dict[str, bytes]], name: str) -> bytes:
    return made()[name]


@contextmanager
def _heap_frozen() -> Iterator[None]:
    """Within it, the objects made so far are left out of the garbage collector's walks (gc.freeze). The forked
    processes share this one's memory until a page of it is written; the collector's full walk writes to every
    object it meets, so in each process it would copy the whole heap (the corpus, the site's data) and walk it
    over and over, though none of it becomes garbage while the files are made.

    Afterwards the objects are let back in, so that a preview, which builds again and again, collects what its
    builds leave in cycles; but not when something was frozen before: a command freezes its corpus for the rest
    of its life (cli/options), and letting back one lets back all."""
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


@contextmanager
def _brief_files_meanwhile(sites: list[SiteData], request: SiteRequest, cache: PageCache) -> Iterator[_ByLanguage]:
    """The brief files, made meanwhile where the system can: language -> that language's brief files."""
    _FORKED.clear()
    _FORKED.update({site.language: _brief_context(site, request, cache) for site in sites})
    if "fork" not in multiprocessing.get_all_start_methods():
        yield {language: partial(_brief_files, context) for language, context in _FORKED.items()}
        return
    with (
        _heap_frozen(),
        ProcessPoolExecutor(
            max_workers=BRIEF_WORKERS,
            mp_context=multiprocessing.get_context("fork"),
            initializer=end_with_parent,  # a killed build leaves no worker running
            initargs=(os.getpid(),),
        ) as pool,
    ):
        # the longest first (the overview holds every statement): a long one started last would leave one
        # process working alone at the end
        jobs = sorted(
            (-brief.statement_count, _SLOWEST_FIRST.index(unit[0]), order, index, site.language, unit)
            for order, site in enumerate(sites)
            for index, (job, brief) in enumerate(_brief_jobs(site, request))
            for unit in _units_of(job, request)
        )
        submitted: dict[tuple[str, int, tuple[str, ...]], Future[BriefFiles]] = {}
        for *_, index, language, unit in jobs:
            submitted[(language, index, unit)] = pool.submit(_brief_files_of, language, index, unit)

        def gathered(language: str) -> BriefFiles:
            found: BriefFiles = []
            for index, (job, _) in enumerate(_brief_jobs(_FORKED[language].site, request)):
                order = _formats_of(job, request)
                files = [
                    file for unit in _units_of(job, request) for file in submitted[(language, index, unit)].result()
                ]
                found += sorted(files, key=lambda file: order.index(file.path.rsplit(".", 1)[1]))
            return found

        try:
            yield {site.language: partial(gathered, site.language) for site in sites}
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)  # a failed build does not wait for the files it queued
            raise


class _OpenData:
    """The open data's files, each taken from the previous build when the corpus (its digest covers every file),
    the program and the options are those it was made from."""

    def __init__(self, corpus: Corpus, request: SiteRequest, files: SiteFiles, cache: PageCache):
        self.files, self.cache = files, cache
        self.language = request.languages[0]
        self.key = _open_data_key(corpus, request)

    def __call__(self, path: str, make: Callable[[], bytes], label: str) -> DownloadFile:
        data = self.cache.reuse(path, self.key)
        if data is not None:
            self.files.taken.add(path)
        else:
            data = make()
            self.cache.record(path, self.key, data)
        return _download(self.files, path, data, label, self.language)


def _open_data_key(corpus: Corpus, request: SiteRequest) -> str:
    language = request.languages[0]
    return cache_key(
        program_digest(), "open-data", corpus.digest, language, request.day.isoformat(), request.base_url or ""
    )


def _corpus_files(corpus: Corpus, day: date) -> dict[str, Callable[[], bytes]]:
    """The open data's files of the whole corpus, by name, each with the function that makes it."""
    return {
        "knelpunten.json": partial(open_data.records_json, corpus),
        "knelpunten.csv": partial(open_data.records_csv, corpus),
        "knelpunten.xlsx": partial(open_data.records_xlsx, corpus, day),
        "knelpunten.ods": partial(open_data.records_ods, corpus, day),
    }


def _open_data_labels(corpus: Corpus, language: str) -> dict[str, str]:
    """What each open data file is, by its path, in `language` (each language's data page names them its way)."""
    _ = gettext_for(language)
    labels = {
        paths.download("knelpunten.json"): _("Alle uitspraken (JSON)"),
        paths.download("knelpunten.csv"): _("Alle uitspraken (CSV)"),
        paths.download("knelpunten.xlsx"): _("Alle uitspraken (Excel)"),
        paths.download("knelpunten.ods"): _("Alle uitspraken (OpenDocument)"),
        paths.download(open_data.SCHEMA_ID): _("JSON Schema van de records"),
        paths.download("codeboek.qdc"): _("Codeboek (REFI-QDA)"),
        paths.download("dataset.jsonld"): _("Beschrijving van de dataset (DCAT-AP-DONL, JSON-LD)"),
    }
    for edition in corpus.editions:
        for name in ("knelpunten.json", "knelpunten.csv"):
            labels[paths.download(f"edities/{edition.edition}/{name}")] = _("Uitspraken van editie %(name)s") % {
                "name": edition.edition
            }
    return labels


def _open_data(
    corpus: Corpus,
    request: SiteRequest,
    files: SiteFiles,
    cache: PageCache,
    made_meanwhile: dict[str, Callable[[], bytes]],
) -> dict[str, list[DownloadFile]]:
    """The corpus as JSON, CSV, XLSX and ODS (those the cache cannot give made meanwhile), the records' schema, the
    REFI-QDA codebook, each edition's records, and the description of them all (DCAT-AP-DONL, in the first
    language), as each language's data page lists them."""
    language = request.languages[0]
    labels = _open_data_labels(corpus, language)
    take = _OpenData(corpus, request, files, cache)
    makers = {**_corpus_files(corpus, request.day), **made_meanwhile}
    made: list[tuple[str, Callable[[], bytes]]] = [
        *makers.items(),
        (open_data.SCHEMA_ID, lambda: open_data.records_schema(corpus.codebook.facet_slugs)),
        ("codeboek.qdc", lambda: codebook_xml(corpus.codebook, DEFAULT_LANGUAGE)),
    ]
    downloads = [take(paths.download(name), make, labels[paths.download(name)]) for name, make in made]
    editions = []
    for edition in corpus.editions:
        edition_files = []
        records = edition.statements
        for name, make in (
            ("knelpunten.json", partial(open_data.records_json, corpus, records, f"../../{open_data.SCHEMA_ID}")),
            ("knelpunten.csv", partial(open_data.records_csv, corpus, records)),
        ):
            path = paths.download(f"edities/{edition.edition}/{name}")
            download = take(path, make, labels[path])
            downloads.append(download)
            edition_files.append(download)
        editions.append(
            DatasetVersion(
                edition.edition,
                f"Knelpunten in de aanpak van mensenhandel, editie {edition.edition}",
                f"De uitspraken zoals editie {edition.edition} ze vastlegde.",
                edition.date,
                tuple(
                    _distribution(download, "JSON" if download.name.endswith("json") else "CSV")
                    for download in edition_files
                ),
                paths.download(f"edities/{edition.edition}/"),
            )
        )
    current = DatasetVersion(
        "",
        "Knelpunten in de aanpak van mensenhandel",
        "Uitspraken van professionals over knelpunten in de aanpak van mensenhandel in Nederland, letterlijk uit de "
        "bron, met thema's, doelgroepen, partijen en vormen van uitbuiting.",
        request.day.isoformat(),
        tuple(_distribution(download) for download in downloads[: len(made)]),
        paths.download(""),
    )
    base = request.base_url or (corpus.publication.website if corpus.publication else None)
    description = dataset_description(current, editions, corpus.publication, base)
    path = paths.download("dataset.jsonld")
    downloads.append(_download(files, path, description, labels[path], language))
    found = {language: downloads}
    for other in request.languages[1:]:
        named = _open_data_labels(corpus, other)
        found[other] = [replace(download, label=named[download.path], language=other) for download in downloads]
    return found


def _distribution(download: DownloadFile, file_type: str | None = None) -> Distribution:
    suffix = download.name.rsplit(".", 1)[-1]
    code, media_type = FILE_TYPES[suffix]
    return Distribution(
        download.name, download.path, download.label, file_type or code, media_type, download.size, download.sha256
    )


def _assets(request: SiteRequest, files: SiteFiles) -> None:
    files.add(paths.asset(STYLESHEET), render_stylesheet(request.templates_dir))
    for name in FONTS:
        font = find(request.templates_dir, f"fonts/{name}")
        if font is None:
            raise SiteError(f"font not found in the templates: fonts/{name}")
        files.add(paths.asset(f"fonts/{name}"), font.read_bytes())
    for name in SCRIPTS:
        script = find(request.templates_dir, f"site/{name}")
        if script is None:
            raise SiteError(f"script not found in the templates: site/{name}")
        files.add(paths.asset(name), script.read_bytes())


PER_STATEMENT = ("statement", "retired", "cell", "facet-value")  # the thousands of pages, rendered first


def _render_pages(
    site: SiteData,
    request: SiteRequest,
    files: SiteFiles,
    brief_files: Callable[[], BriefFiles],
    indexed: list[tuple[str, str]],
    cache: PageCache,
) -> Generator[None, list[DownloadFile], None]:
    """Every page of one language, in two steps (a generator): next() renders the pages of the statements, their
    map cells and facet values, while the files are made; send(the open data's files) renders the rest, which
    show the files. A page whose inputs are those of the previous build is taken from it (page_cache)."""
    try:
        render_template = page_renderer(request.templates_dir, site.language)
    except TemplateFileError as error:
        raise SiteError(str(error)) from None
    shared = _site_key(site, request)
    pages = site_pages(site)
    downloads: dict[str, list] = {}
    describe = Describer()

    def render(page: Page) -> None:
        key = None
        if page.kind in CACHED_KINDS:
            # a page that shows files (a note's) has them in its key: their sizes and digests are on the page
            shown = describe(page.context) + describe(downloads.get(str(page.context.get("files"))))
            key = page_key(shared, page.kind, page.path, page.template, page.title, shown)
        html = cache.reuse(page.path, key) if key else None
        if html is not None:
            files.pages_reused += 1
            files.taken.add(page.path)
        else:
            try:
                html = render_page(page, site, render_template, request.base_url, request.languages, downloads)
            except TemplateFileError as error:
                raise SiteError(f"page {page.path}: {error}") from None
            if key:
                cache.record(page.path, key, html)
        files.add(page.path, html)
        files.page_count += 1
        if page.kind == "statement":
            indexed.append((page.path, html.decode("utf-8")))

    for page in pages:
        if page.kind in PER_STATEMENT:
            render(page)
    downloads["data"] = yield
    for made in brief_files():
        cache.record(made.path, made.key, made.data, made.version)
        files.brief_file_count += 1
        files.brief_files_reused += not made.anew
        downloads.setdefault(made.download, []).append(
            _download(files, made.path, made.data, made.label, site.language)
        )
    for page in pages:
        if page.kind not in PER_STATEMENT:
            render(page)


def build_site(corpus: Corpus, request: SiteRequest) -> SiteFiles:
    files = SiteFiles()
    _assets(request, files)
    indexed: list[tuple[str, str]] = []
    cache = PageCache.load(request.output_dir)
    files.old_site = cache.files
    with _corpus_files_meanwhile(corpus, request, cache) as corpus_files:
        try:
            sites = [
                build_site_data(corpus, request.day, language, request.templates_dir) for language in request.languages
            ]
        except NoteError as error:
            raise SiteError(str(error)) from None
        with _brief_files_meanwhile(sites, request, cache) as brief_files:
            steps = [_render_pages(site, request, files, brief_files[site.language], indexed, cache) for site in sites]
            for step in steps:
                next(step)  # every statement page: the search index can be made meanwhile
            search = _search_meanwhile(indexed, request, cache)
            try:
                data_downloads = _open_data(corpus, request, files, cache, corpus_files)
                for site, step in zip(sites, steps, strict=True):
                    with suppress(StopIteration):
                        step.send(data_downloads[site.language])
                if search is not None:
                    search.add_to(files, cache)
            finally:
                if search is not None:
                    search.stop()
    files.add(MANIFEST, cache.manifest(site_inputs_key(corpus, request), files.page_count, files.files))
    return files


@dataclass
class _Search:
    """The search bundle: the old site's, when its statement pages were these, or Pagefind's, being made."""

    key: str
    old: dict[str, bytes] | None = None
    run: PagefindRun | None = None

    def add_to(self, files: SiteFiles, cache: PageCache) -> None:
        if self.old is not None:
            bundle = self.old
            files.taken.update(bundle)
        else:
            assert self.run is not None
            bundle = self.run.bundle()
        for path, data in bundle.items():
            files.add(path, data)
            cache.record(path, self.key, data)

    def stop(self) -> None:
        if self.run is not None:
            self.run.stop()


def _search_meanwhile(indexed: list[tuple[str, str]], request: SiteRequest, cache: PageCache) -> _Search | None:
    if not request.search:
        return None
    key = cache_key(program_digest(), search_key(indexed))
    old = cache.reuse_all(f"{paths.SEARCH_BUNDLE}/", key)
    return _Search(key, old) if old is not None else _Search(key, run=PagefindRun(indexed))


def site_inputs_key(corpus: Corpus, request: SiteRequest) -> str:
    """The digest of everything the site is made from (site_intact)."""
    try:
        return inputs_key(
            corpus.digest,
            request.templates_dir,
            request.languages,
            request.base_url,
            request.day.isoformat(),
            request.search,
            request.pdf,
        )
    except OSError as error:
        raise SiteError(f"cannot read the templates: {error.strerror or error}") from None

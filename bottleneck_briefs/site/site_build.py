"""Build the whole site in memory: every page in every language, the stylesheet and fonts, the briefs' files,
the open data with its description, and the search index. `write_site` then puts it in place, all or nothing.

    data        site_data, once per language (the briefs' own builders)
    pages       page_plan's kinds, rendered (page_render)
    downloads   each brief as `report` writes it (HTML, DOCX, ODT, XLSX, ODS, CSV), the corpus as open data
    search      Pagefind over the statement pages
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeAlias

from bottleneck_briefs.basics.digests import cache_key, program_digest
from bottleneck_briefs.basics.names import DEFAULT_LANGUAGE, DEFAULT_TEMPLATES, output_stem
from bottleneck_briefs.briefs.content.brief_data import Brief
from bottleneck_briefs.briefs.content.note_data import Note, NoteError
from bottleneck_briefs.briefs.content.overview_data import Overview
from bottleneck_briefs.briefs.content.translations import gettext_for, number_label
from bottleneck_briefs.briefs.formats.output_formats import FORMATS
from bottleneck_briefs.briefs.formats.refi_codebook import codebook_xml
from bottleneck_briefs.briefs.render.template_folders import TemplateFileError, find, folders_digest
from bottleneck_briefs.briefs.run.brief_jobs import BriefJob, composed_job, note_job, overview_job, theme_job
from bottleneck_briefs.briefs.run.report_plan import ReportRequest
from bottleneck_briefs.corpus.loading import Corpus
from bottleneck_briefs.site import open_data
from bottleneck_briefs.site import site_paths as paths
from bottleneck_briefs.site.dataset_description import DatasetVersion, Distribution, dataset_description
from bottleneck_briefs.site.page_cache import CACHED_KINDS, MANIFEST, Describer, PageCache, page_key, site_key
from bottleneck_briefs.site.page_plan import Page, note_files, site_pages
from bottleneck_briefs.site.page_render import STYLESHEET, page_renderer, render_page, render_stylesheet
from bottleneck_briefs.site.search_index import PagefindRun, search_key
from bottleneck_briefs.site.site_data import SiteData, build_site_data
from bottleneck_briefs.site.site_intact import inputs_key

# a brief's files on its page, each open standard (ODF) beside its Office format; the PDFs are `report`'s
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
    taken: set[str] = field(default_factory=set)  # paths whose bytes are the old site's file there (checked)

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


BriefFiles: TypeAlias = list[tuple[str, str, bytes, str, str]]  # (download key, path, bytes, label, cache key)


def _brief_jobs(site: SiteData, request: SiteRequest) -> list[tuple[BriefJob, Brief | Overview | Note]]:
    """Every brief and note of the site, with its data."""
    briefs: list[tuple[BriefJob, Brief | Overview | Note]] = [
        (theme_job(view.slug), view.brief) for view in site.themes
    ]
    briefs += [(composed_job(view.name), view.brief) for view in site.composed]
    briefs.append((overview_job(), site.overview))
    briefs += [(note_job(view.name, request.templates_dir), view.brief) for view in site.notes]
    return briefs


def _brief_files(site: SiteData, request: SiteRequest, cache: PageCache, only: int | None = None) -> BriefFiles:
    """Every brief and note of the site (or the one at index `only`), as `report --format html,docx,xlsx,csv`
    writes it: (download key, path, bytes, label, key). A file whose brief, templates and program are those of the
    previous build is taken from it. A note's files are under data/notities/, beside the briefs' under
    data/briefs/."""
    _ = gettext_for(site.language)
    labels = {
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
    briefs = _brief_jobs(site, request)
    if only is not None:
        briefs = briefs[only : only + 1]
    shared = _site_key(site, request)
    describe = Describer()
    found: BriefFiles = []
    for job, brief in briefs:
        stem = output_stem(job.name, site.language)
        described = describe(brief)
        for suffix in NOTE_FORMATS if job.kind == "note" else BRIEF_FORMATS:
            folder = "notities" if job.kind == "note" else "briefs"
            path = paths.download(f"{folder}/{stem}.{suffix}")
            key = page_key(shared, "brief-file", path, job.name, suffix, described)
            data = cache.reuse(path, key)
            if data is None:
                try:
                    made = FORMATS[suffix].render(job, brief, report_request)
                except TemplateFileError as error:
                    raise SiteError(f"{job.label}: {error}") from None
                assert isinstance(made, bytes)  # the site's formats hold none laid out in the PDF workers
                data = made
            found.append((download_key(job), path, data, labels[suffix], key))
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
# pages, a brief at a time. Forked, they have the site's data without copying it; only the files come back. This
# one renders the pages sooner than they make the files, and a rebuild after one change renders few pages but
# every brief (whose colophon names the corpus's version): two processes keep both cores at work. (Their templates
# are compiled once per user, not once per process: template_code_cache.)
BRIEF_WORKERS = 2
_FORKED: dict[str, tuple[SiteData, SiteRequest, PageCache]] = {}


def _brief_files_of(language: str, index: int) -> BriefFiles:
    site, request, cache = _FORKED[language]
    return _brief_files(site, request, cache, index)


@contextmanager
def _brief_files_meanwhile(
    sites: list[SiteData], request: SiteRequest, cache: PageCache
) -> Iterator[dict[str, Callable[[], BriefFiles]]]:
    """language -> a function that returns that language's brief files, made meanwhile where the system can."""
    _FORKED.clear()
    _FORKED.update({site.language: (site, request, cache) for site in sites})
    if "fork" not in multiprocessing.get_all_start_methods():
        yield {site.language: partial(_brief_files, site, request, cache) for site in sites}
        return
    with ProcessPoolExecutor(max_workers=BRIEF_WORKERS, mp_context=multiprocessing.get_context("fork")) as pool:
        # the longest briefs first (the overview holds every statement): a long one started last would leave
        # one process working alone at the end
        jobs = sorted(
            (
                (-brief.statement_count, order, index, site.language)
                for order, site in enumerate(sites)
                for index, (_, brief) in enumerate(_brief_jobs(site, request))
            )
        )
        submitted = {(language, index): pool.submit(_brief_files_of, language, index) for _, _, index, language in jobs}

        def gathered(language: str) -> BriefFiles:
            mine = sorted(index for done, index in submitted if done == language)
            return [file for index in mine for file in submitted[(language, index)].result()]

        yield {site.language: partial(gathered, site.language) for site in sites}


class _OpenData:
    """The open data's files, each taken from the previous build when the corpus (its digest covers every file),
    the program and the options are those it was made from."""

    def __init__(self, corpus: Corpus, request: SiteRequest, files: SiteFiles, cache: PageCache):
        self.files, self.cache = files, cache
        self.language = request.languages[0]
        self.key = cache_key(
            program_digest(), "open-data", corpus.digest, self.language, request.day.isoformat(), request.base_url or ""
        )

    def __call__(self, path: str, make: Callable[[], bytes], label: str) -> DownloadFile:
        data = self.cache.reuse(path, self.key)
        if data is not None:
            self.files.taken.add(path)
        else:
            data = make()
            self.cache.record(path, self.key, data)
        return _download(self.files, path, data, label, self.language)


def _open_data(corpus: Corpus, request: SiteRequest, files: SiteFiles, cache: PageCache) -> list[DownloadFile]:
    """The corpus as JSON, CSV, XLSX and ODS, the records' schema, the REFI-QDA codebook, each edition's records,
    and the description of them all (DCAT-AP-DONL)."""
    language = request.languages[0]
    _ = gettext_for(language)
    take = _OpenData(corpus, request, files, cache)
    made: list[tuple[str, Callable[[], bytes], str]] = [
        ("knelpunten.json", lambda: open_data.records_json(corpus), _("Alle uitspraken (JSON)")),
        ("knelpunten.csv", lambda: open_data.records_csv(corpus), _("Alle uitspraken (CSV)")),
        ("knelpunten.xlsx", lambda: open_data.records_xlsx(corpus, request.day), _("Alle uitspraken (Excel)")),
        ("knelpunten.ods", lambda: open_data.records_ods(corpus, request.day), _("Alle uitspraken (OpenDocument)")),
        (
            open_data.SCHEMA_ID,
            lambda: open_data.records_schema(corpus.codebook.facet_slugs),
            _("JSON Schema van de records"),
        ),
        ("codeboek.qdc", lambda: codebook_xml(corpus.codebook, DEFAULT_LANGUAGE), _("Codeboek (REFI-QDA)")),
    ]
    downloads = [take(paths.download(name), make, label) for name, make, label in made]
    editions = []
    for edition in corpus.editions:
        edition_files = []
        records = edition.statements
        for name, make in (
            ("knelpunten.json", partial(open_data.records_json, corpus, records, f"../../{open_data.SCHEMA_ID}")),
            ("knelpunten.csv", partial(open_data.records_csv, corpus, records)),
        ):
            download = take(
                paths.download(f"edities/{edition.edition}/{name}"),
                make,
                _("Uitspraken van editie %(name)s") % {"name": edition.edition},
            )
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
    downloads.append(
        _download(
            files,
            paths.download("dataset.jsonld"),
            description,
            _("Beschrijving van de dataset (DCAT-AP-DONL, JSON-LD)"),
            language,
        )
    )
    return downloads


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


PAGES_WITH_DOWNLOADS = ("theme", "composed", "overview", "note")


def _render_pages(
    site: SiteData,
    request: SiteRequest,
    files: SiteFiles,
    data_downloads: list[DownloadFile],
    brief_files: Callable[[], BriefFiles],
    indexed: list[tuple[str, str]],
    cache: PageCache,
) -> Iterator[None]:
    """Every page of one language, in two steps (a generator: each next() does one): the pages that show no
    brief's files first, while those are made, then those that do. A page whose inputs are those of the previous
    build is taken from it (page_cache)."""
    try:
        render_template = page_renderer(request.templates_dir, site.language)
    except TemplateFileError as error:
        raise SiteError(str(error)) from None
    shared = _site_key(site, request)
    pages = site_pages(site)
    downloads: dict[str, list] = {"data": data_downloads}
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
        if page.kind not in PAGES_WITH_DOWNLOADS:
            render(page)
    yield
    for name, path, data, label, key in brief_files():
        cache.record(path, key, data)
        downloads.setdefault(name, []).append(_download(files, path, data, label, site.language))
    for page in pages:
        if page.kind in PAGES_WITH_DOWNLOADS:
            render(page)


def build_site(corpus: Corpus, request: SiteRequest) -> SiteFiles:
    files = SiteFiles()
    _assets(request, files)
    try:
        sites = [
            build_site_data(corpus, request.day, language, request.templates_dir) for language in request.languages
        ]
    except NoteError as error:
        raise SiteError(str(error)) from None
    indexed: list[tuple[str, str]] = []
    cache = PageCache.load(request.output_dir)
    with _brief_files_meanwhile(sites, request, cache) as brief_files:
        data_downloads = _open_data(corpus, request, files, cache)  # while the briefs' files are made
        steps = [
            _render_pages(site, request, files, data_downloads, brief_files[site.language], indexed, cache)
            for site in sites
        ]
        for step in steps:
            next(step)  # every statement page: the search index can be made meanwhile
        search = _search_meanwhile(indexed, request, cache)
        try:
            for step in steps:
                next(step, None)
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
        )
    except OSError as error:
        raise SiteError(f"cannot read the templates: {error.strerror or error}") from None

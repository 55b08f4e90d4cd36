"""The kinds of note (notitie, beslisnota, ...): each declared in a templates folder, not in code.

A kind is two files in the templates folder's `notes/`: `KIND.html.j2`, the
template that renders it (it extends note.html.j2), and `KIND.yaml`, which
names it and lists the sections a note of that kind is expected to hold
(`check` warns when one is missing). An organisation adds its own kind, or
changes a shipped one, with the same two files in its `--templates` folder:
its folder is read first, then the bundled templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, ValidationError

from bottleneck_briefs.corpus.models import Text, _Strict, empty_list
from bottleneck_briefs.corpus.note_kind_files import DECLARATION_SUFFIX, KINDS_FOLDER, TEMPLATE_SUFFIX, kind_folders
from bottleneck_briefs.corpus.problems import Problem
from bottleneck_briefs.corpus.schema_errors import validation_problems
from bottleneck_briefs.corpus.yaml_reading import read_yaml_file


class NoteKindDeclaration(_Strict):
    label: Text = Field(description="The kind's name as the note shows it, e.g. 'Beslisnota'.")
    label_en: Text | None = Field(default=None, description="English name, for notes made with --lang en.")
    expected_sections: list[Text] = empty_list(
        "Section headings a note of this kind holds (check warns when one is missing)."
    )


@dataclass(frozen=True)
class NoteKind:
    name: str
    label: str
    label_en: str | None
    expected_sections: tuple[str, ...]

    @property
    def template(self) -> str:
        return f"{KINDS_FOLDER}/{self.name}{TEMPLATE_SUFFIX}"


def _quick_declaration(path: Path) -> NoteKindDeclaration | None:
    """A plain declaration read with libyaml: what every kind file is, and 20 times faster than reading
    it with positions. None when it is not plain or not valid."""
    import yaml

    try:
        data = yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        if not isinstance(data, dict) or not all(isinstance(value, (str, list)) for value in data.values()):
            return None
        return NoteKindDeclaration.model_validate(data)
    except (OSError, yaml.YAMLError, ValidationError, ValueError):
        return None


def note_kinds(templates_dir: Path | None = None) -> tuple[dict[str, NoteKind], list[Problem]]:
    """Every kind declared in the folders (the first folder's declaration of a name wins), and the problems of
    the declarations that cannot be read."""
    kinds: dict[str, NoteKind] = {}
    problems: list[Problem] = []
    for folder in kind_folders(templates_dir):
        for path in sorted((folder / KINDS_FOLDER).glob(f"*{DECLARATION_SUFFIX}")):
            name = path.name.removesuffix(DECLARATION_SUFFIX)
            if name in kinds or not path.is_file():
                continue
            declared = _quick_declaration(path)
            if declared is None:  # read again, slowly, to tell where it is wrong
                document, file_problems = read_yaml_file(path, str(path))
                if file_problems:
                    problems += file_problems
                    continue
                try:
                    declared = NoteKindDeclaration.model_validate(document.data)
                except ValidationError as error:
                    problems += validation_problems(document, error)
                    continue
            if not (folder / KINDS_FOLDER / f"{name}{TEMPLATE_SUFFIX}").is_file() and not any(
                (other / KINDS_FOLDER / f"{name}{TEMPLATE_SUFFIX}").is_file() for other in kind_folders(templates_dir)
            ):
                problems.append(
                    Problem(
                        str(path),
                        None,
                        None,
                        "",
                        f"the kind '{name}' has no template: add {KINDS_FOLDER}/{name}{TEMPLATE_SUFFIX} beside it",
                    )
                )
                continue
            kinds[name] = NoteKind(name, declared.label, declared.label_en, tuple(declared.expected_sections))
    return kinds, problems

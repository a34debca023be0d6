"""Scoring profiles: TOML files that say how an office weighs and grades (spec: rules.md).

Four are built in (mof2020, the default; free10; budget20; framework2013). A profile file names only what
differs from mof2020: every key it leaves out takes mof2020's value, so an office with its own
weights writes just its `[weights]` (an empty `[weights]` table means free weights). Every key
and value is checked; anything unknown or unusable is refused with one line naming it
(docs/profiles.md lists the keys).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from evalbook.errors import InputError

BUILTIN = ("mof2020", "free10", "budget20", "framework2013")
DEFAULT = "mof2020"

_FORMULAS = ("capped", "linear")
_REVERSE = ("fasp2", "ratio")


@dataclass(frozen=True)
class Profile:
    name: str
    description: str = ""
    total: float = 100
    budget_cap: float = 10
    budget_formula: str = "capped"
    reverse_rule: str = "fasp2"
    over_factor: float = 1.2
    t103_tolerance: float = 0.10
    b113_margin: float = 0.05
    # tier-1 canonical name → weight; None means free weights (no C104)
    weights: dict[str, float] | None = None
    # the tier-1 names (canonical) the profile expects, besides its weights' keys (C107)
    tier1_names: tuple[str, ...] = ("产出", "效益", "满意度")
    # grade → lower bound, best first
    grades: tuple[tuple[str, float], ...] = (("优", 90), ("良", 80), ("中", 60), ("差", 0))
    qualitative_full: float = 0.8
    qualitative_partial: float = 0.6
    source: str = field(default="builtin", compare=False)

    def known_tier1s(self) -> tuple[str, ...]:
        """The tier-1 names the profile expects: its tier1_names, then its weights' keys."""
        return tuple(dict.fromkeys((*self.tier1_names, *(self.weights or {}))))

    def grade(self, total: float) -> str:
        for name, lower in self.grades:
            if total >= lower - 1e-9:
                return name
        return self.grades[-1][0]


_KEYS = {
    "name": str, "description": str, "total": (int, float), "budget_cap": (int, float),
    "budget_formula": str, "reverse_rule": str, "over_factor": (int, float),
    "t103_tolerance": (int, float), "b113_margin": (int, float), "weights": dict,
    "tier1_names": list,
    "grades": dict, "qualitative": dict,
}


def _bad(where: str, detail: str) -> InputError:
    return InputError("profile_bad", profile=where, detail=detail)


def _number(value, where: str, key: str, *, positive=False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _bad(where, f"{key} = {value!r}")
    if not math.isfinite(value) or value < 0 or (positive and value <= 0):
        raise _bad(where, f"{key} = {value!r}")
    return float(value)


def from_mapping(data: dict, where: str) -> Profile:
    """A Profile from parsed TOML; every unknown key or bad value is refused, naming it."""
    for key, value in data.items():
        if key not in _KEYS:
            raise InputError("profile_unknown", profile=where, setting=key)
        if not isinstance(value, _KEYS[key]) or isinstance(value, bool):
            raise _bad(where, f"{key} = {value!r}")
    kw: dict = {"name": data.get("name", Path(where).stem), "source": where}
    if "description" in data:
        kw["description"] = data["description"]
    if "total" in data:
        kw["total"] = _number(data["total"], where, "total", positive=True)
    # budget_cap = 0: an office that does not score budget execution (70/20/10 over the indicators)
    for key in ("budget_cap", "over_factor", "t103_tolerance", "b113_margin"):
        if key in data:
            kw[key] = _number(data[key], where, key)
    if "over_factor" in kw and kw["over_factor"] <= 1:
        raise _bad(where, f"over_factor = {data['over_factor']!r} (> 1)")
    if kw.get("t103_tolerance", 0) > 1:
        raise _bad(where, f"t103_tolerance = {data['t103_tolerance']!r} (0 … 1)")
    if kw.get("b113_margin", 0) > 1:
        raise _bad(where, f"b113_margin = {data['b113_margin']!r} (0 … 1)")
    if "budget_formula" in data:
        if data["budget_formula"] not in _FORMULAS:
            raise _bad(where, f"budget_formula = {data['budget_formula']!r} ({'/'.join(_FORMULAS)})")
        kw["budget_formula"] = data["budget_formula"]
    if "reverse_rule" in data:
        if data["reverse_rule"] not in _REVERSE:
            raise _bad(where, f"reverse_rule = {data['reverse_rule']!r} ({'/'.join(_REVERSE)})")
        kw["reverse_rule"] = data["reverse_rule"]
    if "weights" in data:
        from evalbook.read.labels import canonical_tier1

        weights = {}
        for name, w in data["weights"].items():
            tier1 = canonical_tier1(name)
            if not tier1 or tier1 == "预算执行":
                # budget execution is weighed by budget_cap, not as a tier-1 weight
                raise _bad(where, f"weights.{name} (budget_cap)")
            weights[tier1] = _number(w, where, f"weights.{name}", positive=True)
        kw["weights"] = weights or None
    if "tier1_names" in data:
        kw["tier1_names"] = _tier1_names(data["tier1_names"], where)
    if "grades" in data:
        grades = []
        for name, lower in data["grades"].items():
            bound = _number(lower, where, f"grades.{name}")
            if bound > kw.get("total", Profile.total):
                raise _bad(where, f"grades.{name} = {lower!r} (> total)")
            grades.append((name, bound))
        if not grades:
            raise _bad(where, "grades = {}")
        if len({b for _, b in grades}) != len(grades):
            raise _bad(where, "grades: two grades with one bound")
        kw["grades"] = tuple(sorted(grades, key=lambda g: -g[1]))
    if "qualitative" in data:
        q = data["qualitative"]
        for key in q:
            if key not in ("full", "partial"):
                raise InputError("profile_unknown", profile=where, setting=f"qualitative.{key}")
        full = _number(q.get("full", 0.8), where, "qualitative.full")
        partial = _number(q.get("partial", 0.6), where, "qualitative.partial")
        if not 0 < partial < full <= 1:
            raise _bad(where, f"qualitative full={full}, partial={partial}")
        kw["qualitative_full"], kw["qualitative_partial"] = full, partial
    profile = Profile(**kw)
    if profile.weights and sum(profile.weights.values()) + profile.budget_cap > profile.total + 1e-9:
        raise _bad(where, f"weights + budget_cap > total ({profile.total:g})")
    return profile


def _tier1_names(names: list, where: str) -> tuple[str, ...]:
    """tier1_names = ["决策", "过程指标", …]: canonical, distinct, never budget execution."""
    from evalbook.read.labels import canonical_tier1

    out: list[str] = []
    for name in names:
        tier1 = canonical_tier1(name) if isinstance(name, str) else ""
        if not tier1 or tier1 == "预算执行":
            raise _bad(where, f"tier1_names: {name!r}")
        if tier1 not in out:
            out.append(tier1)
    if not out:
        raise _bad(where, "tier1_names = []")
    return tuple(out)


def load(spec: str | Path | None = None) -> Profile:
    """A built-in profile by name, or a TOML file by path; None gives the default (mof2020)."""
    if spec is None or spec == "":
        spec = DEFAULT
    if isinstance(spec, Profile):
        return spec
    text_spec = str(spec)
    if text_spec in BUILTIN:
        return from_mapping(tomllib.loads(_builtin_text(text_spec)), text_spec)
    path = Path(text_spec)
    if not path.is_file():
        raise InputError("profile_missing", profile=text_spec, names=", ".join(BUILTIN))
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise _bad(text_spec, str(exc).splitlines()[0]) from None
    return from_mapping({**_base(), **data}, text_spec)


def _builtin_text(name: str) -> str:
    """A built-in profile's TOML, beside this module (importlib.resources only where the
    package is not plain files, as in a zip: importing it costs every command 3 ms)."""
    beside = Path(__file__).with_name(f"{name}.toml")
    if beside.is_file():
        return beside.read_text("utf-8")
    from importlib import resources

    return resources.files(__package__).joinpath(f"{name}.toml").read_text("utf-8")


def _base() -> dict:
    """mof2020's settings, under a file's own: what a profile file leaves out."""
    data = tomllib.loads(_builtin_text(DEFAULT))
    data.pop("name", None)
    data.pop("description", None)
    return data

"""`import briefing` stays light: heavy libraries load only when first needed."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("nltk", "sklearn", "scipy", "sentencex", "weasyprint", "numpy", "jinja2", "markdown")


def loaded_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_import_briefing_loads_no_heavy_library():
    assert loaded_after("import briefing").isdisjoint(HEAVY)


def test_importing_the_pipeline_stages_loads_no_heavy_library():
    # Each stage loads its libraries (the stemmer among them) on first use: a stage's
    # module-level set of stemmed words had made `import briefing.timeline` load NLTK.
    stages = "assemble conflicts dates figures ingest segment select timeline".split()
    assert loaded_after("\n".join(f"import briefing.{stage}" for stage in stages)).isdisjoint(HEAVY)


def test_the_library_never_prints_and_logs_to_its_own_logger():
    import logging

    import briefing

    handlers = logging.getLogger("briefing").handlers
    assert any(isinstance(h, logging.NullHandler) for h in handlers)
    assert briefing.__all__ and all(hasattr(briefing, name) for name in briefing.__all__)


def test_render_stays_the_function_after_its_module_loads():
    import briefing
    from briefing.models import Brief, Section

    brief = Brief(title="T", date=__import__("datetime").date(2025, 1, 1), sources=(), sections=(Section("S", "q"),))
    briefing.render(brief, "json")  # imports the rendering module
    assert callable(briefing.render) and isinstance(briefing.render(brief, "md"), str)


def test_build_brief_takes_one_path_as_a_string(seeds_dir):
    import briefing

    brief = briefing.build_brief(str(seeds_dir), [briefing.Theme("Iran", "Iran militias", ("Iran",))])
    assert len(brief.sources) == 5 and brief.sections[0].items

"""Build step that ships the top-level ``frameworks/`` and ``sample_data/`` folders inside the wheel, as
``esg_workbench/_data/<folder>``, where ``esg_workbench.config`` finds them with importlib.resources.

The top-level folders stay the one source: the copy is made into the build folder only, afresh on every
build (so a file removed from the source never lingers in a wheel), and an editable install or a
checkout reads the folders where they are. Everything else about the package is in pyproject.toml."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED = ("frameworks", "sample_data")
SKIPPED = shutil.ignore_patterns("__pycache__", "*.py[co]")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the source folders themselves
        for name in BUNDLED:
            target = Path(self.build_lib, "esg_workbench", "_data", name)
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(name, target, ignore=SKIPPED)


setup(cmdclass={"build_py": BuildWithData})

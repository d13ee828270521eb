"""Ship the top-level ``flows/`` folder inside the package, so a regular install finds it.

The flows are data kept at the repository root (authors edit them there); a build
copies them to ``wegwijzer/flows``. An editable install reads them in place.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithFlows(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        source = Path(__file__).parent / "flows"
        target = Path(self.build_lib) / "wegwijzer" / "flows"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))


setup(cmdclass={"build_py": BuildWithFlows})

"""Build step beside pyproject.toml: put the Streamlit app into the wheel.

The app's files stay where developers edit them (``streamlit_app.py``,
``pages/``, ``.streamlit/config.toml``, the example ``data/``); building a
wheel copies them into the package as ``coalition_map/webapp/``, where
``coalition_map.paths.app_dir`` finds them after ``pip install``. Everything
else is configured in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: (source in the checkout, target under coalition_map/webapp/, glob)
APP_FILES = (
    (".", ".", "streamlit_app.py"),
    ("pages", "pages", "*.py"),
    (".streamlit", ".streamlit", "config.toml"),
    ("data", "data", "*.csv"),
    ("data", "data", "README.md"),
)


class build_py_with_app(build_py):
    """build_py that also copies the app's files into the built package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return      # an editable install runs the app from the checkout itself
        target = Path(self.build_lib) / "coalition_map" / "webapp"
        for source, dest, pattern in APP_FILES:
            for path in sorted((ROOT / source).glob(pattern)):
                out = target / dest / path.name
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, out)


setup(cmdclass={"build_py": build_py_with_app})

"""Packaging for ckanext-smarttehran.

The data folders at the top of the repository (``schemas/``, ``seed_datasets/``,
``i18n/``) are mapped into the package as ``ckanext.smarttehran.<folder>`` so that an
editable install and a built wheel find them the same way (``paths.py``).
"""

from pathlib import Path

from setuptools import Command, find_namespace_packages, setup
from setuptools.command.build_py import build_py

DATA_DIRS = {"schemas": "schemas", "seed_datasets": "seed_datasets", "i18n": "i18n"}


class compile_i18n(Command):
    """Compile i18n/<lang>/LC_MESSAGES/*.po to .mo next to them (babel)."""

    description = "compile the extension's message catalogues"
    user_options: list = []

    def initialize_options(self) -> None: ...

    def finalize_options(self) -> None: ...

    def run(self) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in Path(__file__).parent.joinpath("i18n").glob("*/LC_MESSAGES/*.po"):
            with po.open("rb") as f:
                catalog = read_po(f, locale=po.parts[-3])
            with po.with_suffix(".mo").open("wb") as f:
                write_mo(f, catalog)


class build_py_with_i18n(build_py):
    """Compile the catalogues before the package's files are collected."""

    def run(self) -> None:
        self.run_command("compile_i18n")
        super().run()


code = find_namespace_packages(include=["ckanext.smarttehran", "ckanext.smarttehran.*"])
data = [f"ckanext.smarttehran.{name}" for name in DATA_DIRS]
# Their subfolders with importable names (i18n/fa/LC_MESSAGES, schemas/gazetteer ...) are
# listed too: setuptools warns about each unlisted one. Their files come with the top's glob.
data_subfolders = [
    f"ckanext.smarttehran.{name}.{sub}"
    for name, path in DATA_DIRS.items()
    for sub in find_namespace_packages(where=path)
    if all(part.isidentifier() for part in sub.split("."))
]

setup(
    packages=code + data + data_subfolders,
    package_dir={f"ckanext.smarttehran.{name}": path for name, path in DATA_DIRS.items()},
    package_data={
        "ckanext.smarttehran": [
            "config_declaration.yaml",
            "templates/**/*",
            "assets/**/*",
            "public/**/*",
            "migration/**/*",
        ],
        **{pkg: ["**/*"] for pkg in data},
    },
    include_package_data=True,
    cmdclass={"compile_i18n": compile_i18n, "build_py": build_py_with_i18n},
)

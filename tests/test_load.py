"""Finding the user's MetaData: every spec form that works, and every way it fails with a usable error."""

import uuid
from pathlib import Path

import pytest

from pgshift.errors import SchemaLoadError
from pgshift.sources.load import load_metadata


def unique_name(prefix: str) -> str:
    """Module names stay in sys.modules for the process: each test imports its own."""
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def test_dotted_module_with_and_without_attribute(tmp_path: Path):
    package = unique_name("app")
    (tmp_path / package).mkdir()
    (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / package / "db.py").write_text(
        "from sqlalchemy import Column, Integer, MetaData, Table\n"
        "metadata = MetaData()\nTable('things', metadata, Column('id', Integer, primary_key=True))\n"
    )
    named = load_metadata(f"{package}.db:metadata", tmp_path)
    found = load_metadata(f"{package}.db", tmp_path)
    assert named is found and list(named.tables) == ["things"]


@pytest.mark.parametrize(
    ("source", "attr"),
    [
        (
            "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n"
            "class Base(DeclarativeBase):\n    pass\n"
            "class Thing(Base):\n    __tablename__ = 'things'\n"
            "    id: Mapped[int] = mapped_column(primary_key=True)\n",
            "Base",
        ),
        (
            "from sqlalchemy import Column, Integer\nfrom sqlalchemy.orm import declarative_base\n"
            "Model = declarative_base()\n"
            "class Thing(Model):\n    __tablename__ = 'things'\n    id = Column(Integer, primary_key=True)\n",
            "Model",
        ),
    ],
)
def test_declarative_bases(tmp_path: Path, source: str, attr: str):
    """A Base is found by name, and alone in its module (model classes also carry .metadata: not counted)."""
    path = f"{unique_name('orm')}.py"
    (tmp_path / path).write_text(source)
    by_name = load_metadata(f"{path}:{attr}", tmp_path)
    assert load_metadata(path, tmp_path) is by_name
    assert list(by_name.tables) == ["things"]


def test_sqlmodel_by_name(tmp_path: Path):
    from sqlmodel import SQLModel

    path = f"{unique_name('sqlm')}.py"
    (tmp_path / path).write_text("from sqlmodel import SQLModel\n")
    assert load_metadata(f"{path}:SQLModel", tmp_path) is SQLModel.metadata


def test_path_in_a_subfolder_can_import_its_neighbours(tmp_path: Path):
    helper = unique_name("helpers")
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / f"{helper}.py").write_text(
        "from sqlalchemy import MetaData\nmetadata = MetaData()\n"
    )
    (tmp_path / "schema" / "main.py").write_text(f"from {helper} import metadata\n")
    assert load_metadata("schema/main.py:metadata", tmp_path) is not None


def test_errors_exit_2_and_list_what_was_found(tmp_path: Path):
    path = f"{unique_name('two')}.py"
    (tmp_path / path).write_text("from sqlalchemy import MetaData\nmain = MetaData()\n")
    with pytest.raises(SchemaLoadError) as info:
        load_metadata(f"{path}:metadata", tmp_path)
    assert info.value.exit_code == 2
    assert "main" in (info.value.hint or "")


@pytest.mark.parametrize(
    ("source", "spec", "message"),
    [
        ("x = (\n", "broken.py", "SyntaxError"),
        ("raise RuntimeError('boom')\n", "broken.py", "RuntimeError: boom"),
        ("x = 1\n", "broken.py:metadata", "has no attribute 'metadata'"),
        ("x = 1\n", "broken.py:x", "is a int, not a schema"),
        ("x = 1\n", "broken.py", "holds no MetaData"),
        (
            "from sqlalchemy import MetaData\na = MetaData()\nb = MetaData()\n",
            "broken.py",
            "holds several schemas",
        ),
    ],
)
def test_load_errors(tmp_path: Path, source: str, spec: str, message: str):
    (tmp_path / "broken.py").write_text(source)
    with pytest.raises(SchemaLoadError) as info:
        load_metadata(spec, tmp_path)
    assert message in info.value.message
    if "Error" in message:
        assert "broken.py:" in (info.value.where or "")


def test_missing_module_and_file(tmp_path: Path):
    with pytest.raises(SchemaLoadError, match=r"no module named 'nosuchpkg\.models'"):
        load_metadata("nosuchpkg.models:Base", tmp_path)
    with pytest.raises(SchemaLoadError, match="does not exist"):
        load_metadata("missing.py", tmp_path)


def test_import_failure_points_at_user_code(tmp_path: Path):
    (tmp_path / "dup.py").write_text(
        "from sqlalchemy import Column, Integer, MetaData, Table\nmetadata = MetaData()\n"
        "Table('t', metadata, Column('id', Integer))\nTable('t', metadata, Column('id', Integer))\n"
    )
    with pytest.raises(SchemaLoadError) as info:
        load_metadata("dup.py", tmp_path)
    assert info.value.where == f"{tmp_path / 'dup.py'}:4"


def test_import_failure_hint_names_the_real_command(tmp_path: Path):
    """The hint is a command to run as printed, not a template with ``<module>`` left in it."""
    (tmp_path / "boom.py").write_text("raise RuntimeError('boom')\n")
    with pytest.raises(SchemaLoadError) as info:
        load_metadata("boom.py", tmp_path)
    assert "<module>" not in (info.value.hint or "")
    assert "python " in (info.value.hint or "") and "boom.py" in (info.value.hint or "")
    pkg = tmp_path / "pkgboom"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "models.py").write_text("raise RuntimeError('boom')\n")
    with pytest.raises(SchemaLoadError) as info:
        load_metadata("pkgboom.models:Base", tmp_path)
    assert "python -c 'import pkgboom.models'" in (info.value.hint or "")

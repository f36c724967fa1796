"""Fixtures for the deploy script's tests: stub executables first on PATH and a synthesized stack.

The script runs for real; only the external commands are stand-ins (stub_command.py). `npx cdktf
synth` is stubbed to write a fixture cdk.tf.json shaped like the stack's synth output into a
temporary DEPLOY_CDKTF_OUT, so the tests need neither the real synth nor AWS nor Docker.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "scripts" / "deploy"
STUBBED = ("aws", "docker", "git", "npx", "terraform")
# System commands the script itself uses; the tests' PATH holds only these and the stubs, so a
# stub that is removed is really missing.
SYSTEM_COMMANDS = ("bash", "env", "dirname", "tr", "sed", "wc", "cat", "grep", "node")
SHA = "0123456789abcdef0123456789abcdef01234567"
ACCOUNT = "123456789012"
REGION = "us-east-1"
TERRAFORM_VERSION = (ROOT / ".terraform-version").read_text().strip()
TIMEOUT_SECONDS = 60


def repository_uri(env: str = "dev", region: str = REGION) -> str:
    return f"{ACCOUNT}.dkr.ecr.{region}.amazonaws.com/vibejudge-dashboard-{env}"


def task_definition_arn(env: str, revision: int) -> str:
    return f"arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/vibejudge-dashboard-{env}:{revision}"


def stack_json(env: str, *, region: str = REGION, cpu_architecture: str | None = "ARM64") -> dict:
    """A trimmed cdk.tf.json with the parts of the real stack the deploy script reads."""
    task_definition: dict = {
        "family": f"vibejudge-dashboard-{env}",
        "cpu": "512",
        "memory": "1024",
        "network_mode": "awsvpc",
        "requires_compatibilities": ["FARGATE"],
        "container_definitions": "[]",
    }
    if cpu_architecture is not None:
        task_definition["runtime_platform"] = {
            "cpu_architecture": cpu_architecture,
            "operating_system_family": "LINUX",
        }
    return {
        "//": {"metadata": {"stackName": f"vibejudge-dashboard-{env}", "backend": "local"}},
        "provider": {
            "aws": [
                {
                    "region": region,
                    "default_tags": [{"tags": {"Project": "vibejudge"}}],
                },
                {"alias": "billing", "region": "us-east-1"},
            ]
        },
        "resource": {
            "aws_ecr_repository": {
                "registry_repository_1A2B3C4D": {
                    "name": f"vibejudge-dashboard-{env}",
                    "image_tag_mutability": "MUTABLE",
                    "image_scanning_configuration": {"scan_on_push": True},
                }
            },
            "aws_ecs_cluster": {"cluster_cluster_5E6F7A8B": {"name": f"vibejudge-cluster-{env}"}},
            "aws_ecs_service": {
                "service_service_9C0D1E2F": {
                    "name": f"vibejudge-dashboard-service-{env}",
                    "cluster": "${aws_ecs_cluster.cluster_cluster_5E6F7A8B.id}",
                }
            },
            "aws_ecs_task_definition": {"service_task_definition_3A4B5C6D": task_definition},
        },
        "output": {"DashboardUrl": {"value": "https://${aws_lb.alb.dns_name}"}},
    }


REPOSITORY_ADDRESS = "aws_ecr_repository.registry_repository_1A2B3C4D"


@dataclass
class Call:
    name: str
    args: list[str]
    env: dict[str, str]
    stdin: str | None = None

    @property
    def line(self) -> str:
        return " ".join([self.name, *self.args])


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    calls: list[Call] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [call.line for call in self.calls]

    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("ERROR:")]


class DeployHarness:
    """Runs scripts/deploy against the stubs; `rules` are tried before the defaults."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.bin = tmp_path / "bin"
        self.bin.mkdir()
        self.state = tmp_path / "state"
        self.state.mkdir()
        self.out = tmp_path / "cdktf.out"
        self.log = tmp_path / "calls.jsonl"
        self.config = tmp_path / "rules.json"
        self.rules: list[dict] = []
        self.stacks = {env: stack_json(env) for env in ("dev", "prod")}
        self.write_synth = True
        stub = self.bin / "stub_command.py"
        stub.write_text(f"#!{sys.executable}\n" + (Path(__file__).parent / "stub_command.py").read_text())
        stub.chmod(0o755)
        for name in STUBBED:
            (self.bin / name).symlink_to(stub)
        for name in SYSTEM_COMMANDS:
            real = shutil.which(name)
            assert real, f"the tests need {name} on PATH"
            (self.bin / name).symlink_to(real)

    def remove(self, name: str) -> None:
        """Make a command missing."""
        (self.bin / name).unlink()

    def on(
        self,
        match: str,
        *,
        stdout: str = "",
        stderr: str = "",
        exit: int = 0,
        times: int | None = None,
    ) -> None:
        rule: dict = {"match": match, "stdout": stdout, "stderr": stderr, "exit": exit}
        if times is not None:
            rule["times"] = times
        self.rules.append(rule)

    def fail(self, match: str, exit: int = 1, stderr: str = "stub failure\n") -> None:
        self.on(match, exit=exit, stderr=stderr)

    def _defaults(self) -> list[dict]:
        synth_files = (
            {
                str(self.out / "stacks" / f"vibejudge-dashboard-{env}" / "cdk.tf.json"): json.dumps(doc, indent=2)
                for env, doc in self.stacks.items()
            }
            if self.write_synth
            else {}
        )
        return [
            {"match": r"^git rev-parse HEAD", "stdout": SHA + "\n"},
            {"match": r"^git status --porcelain", "stdout": ""},
            {
                "match": r"^terraform version",
                "stdout": f"Terraform v{TERRAFORM_VERSION}\non linux_amd64\n",
            },
            {
                "match": r"^terraform .* output -raw DashboardUrl",
                "stdout": "https://dashboard.example.org",
            },
            {"match": r"^npx --no cdktf --version", "stdout": "0.21.0\n"},
            {
                "match": r"^npx --no cdktf synth",
                "stdout": "Generated Terraform code\n",
                "files": synth_files,
            },
            {"match": r"^aws sts get-caller-identity", "stdout": ACCOUNT + "\n"},
            {
                "match": r"^aws ecr describe-repositories .*vibejudge-dashboard-prod",
                "stdout": repository_uri("prod") + "\n",
            },
            {
                "match": r"^aws ecr describe-repositories",
                "stdout": repository_uri("dev") + "\n",
            },
            {"match": r"^aws ecr get-login-password", "stdout": "ecr-password"},
            {"match": r"^aws ecr describe-image-scan-findings", "stdout": "None\n"},
            {
                "match": r"^aws ecs describe-services .*-prod ",
                "stdout": task_definition_arn("prod", 7) + "\n",
            },
            {
                "match": r"^aws ecs describe-services",
                "stdout": task_definition_arn("dev", 7) + "\n",
            },
            {
                "match": r"^aws ecs describe-task-definition .*-prod ",
                "stdout": task_definition_arn("prod", 7) + "\n",
            },
            {
                "match": r"^aws ecs describe-task-definition",
                "stdout": task_definition_arn("dev", 7) + "\n",
            },
        ]

    def run(self, *args: str, close_stdin: bool = False) -> Result:
        self.config.write_text(json.dumps(self.rules + self._defaults()))
        self.log.write_text("")
        env = {
            "PATH": str(self.bin),
            "HOME": str(self.tmp),
            "STUB_LOG": str(self.log),
            "STUB_CONFIG": str(self.config),
            "STUB_STATE": str(self.state),
            "DEPLOY_CDKTF_OUT": str(self.out),
            "LANG": os.environ.get("LANG", "C.UTF-8"),
        }
        if close_stdin:
            command = [
                str(self.bin / "bash"),
                "-c",
                'exec 0<&-; exec "$0" "$@"',
                str(DEPLOY),
                *args,
            ]
        else:
            command = [str(self.bin / "bash"), str(DEPLOY), *args]
        completed = subprocess.run(
            command,
            cwd=self.tmp,
            env=env,
            stdin=None if close_stdin else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
        calls = [Call(**json.loads(line)) for line in self.log.read_text().splitlines() if line.strip()]
        return Result(completed.returncode, completed.stdout, completed.stderr, calls)


@pytest.fixture
def deploy(tmp_path: Path) -> DeployHarness:
    return DeployHarness(tmp_path)

"""scripts/deploy against stub aws, docker, git, npx and terraform (see conftest.py).

GIVEN the stubs' canned answers (and, per test, one call told to fail or answer differently)
WHEN the deploy script runs
THEN the recorded calls, exit status and messages are what the guarantee in the test's name says.
"""

from __future__ import annotations

import re

import pytest
from conftest import (
    ACCOUNT,
    REPOSITORY_ADDRESS,
    SHA,
    TERRAFORM_VERSION,
    repository_uri,
    stack_json,
    task_definition_arn,
)

URI = repository_uri("dev")
DEPLOY_CALL = r"^npx --no cdktf deploy "
MUTATING = re.compile(
    r"^(docker (buildx build|tag|login|push)|terraform .* (init|apply)|npx --no cdktf deploy|aws ecr get-login-password|aws ecs wait|aws ecr wait)"
)


def expected_calls(out: str, env: str = "dev", tag: str = SHA) -> list[str]:
    uri = repository_uri(env)
    stack_dir = f"{out}/stacks/vibejudge-dashboard-{env}"
    return [
        "npx --no cdktf --version",
        "terraform version",
        "docker buildx version",
        "docker info",
        "git rev-parse HEAD",
        "git status --porcelain",
        "aws sts get-caller-identity --query Account --output text --region us-east-1",
        f"npx --no cdktf synth --output {out}",
        f"docker buildx build --platform linux/arm64 --load --file Dockerfile --build-arg GIT_REVISION={tag} "
        f"--tag vibejudge-dashboard-{env}:{tag} .",
        f"terraform -chdir={stack_dir} init -input=false",
        f"terraform -chdir={stack_dir} apply -input=false -auto-approve -target={REPOSITORY_ADDRESS}",
        (
            f"aws ecr describe-repositories --repository-names vibejudge-dashboard-{env} --region us-east-1 "
            "--query repositories[0].repositoryUri --output text"
        ),
        f"docker tag vibejudge-dashboard-{env}:{tag} {uri}:{tag}",
        "aws ecr get-login-password --region us-east-1",
        f"docker login --username AWS --password-stdin {ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com",
        f"docker push {uri}:{tag}",
        f"aws ecr wait image-scan-complete --repository-name vibejudge-dashboard-{env} --image-id imageTag={tag} --region us-east-1",
        (
            f"aws ecr describe-image-scan-findings --repository-name vibejudge-dashboard-{env} --image-id imageTag={tag} "
            "--region us-east-1 --query imageScanFindings.findingSeverityCounts.CRITICAL --output text"
        ),
        f"docker tag vibejudge-dashboard-{env}:{tag} {uri}:latest",
        f"docker push {uri}:latest",
        f"npx --no cdktf deploy vibejudge-dashboard-{env} --auto-approve --skip-synth --output {out}",
        f"aws ecs wait services-stable --cluster vibejudge-cluster-{env} --services vibejudge-dashboard-service-{env} --region us-east-1",
        (
            f"aws ecs describe-services --cluster vibejudge-cluster-{env} --services vibejudge-dashboard-service-{env} "
            "--region us-east-1 --query services[0].deployments[?status==`PRIMARY`] | [0].taskDefinition --output text"
        ),
        (
            f"aws ecs describe-task-definition --task-definition vibejudge-dashboard-{env} --region us-east-1 "
            "--query taskDefinition.taskDefinitionArn --output text"
        ),
        f"terraform -chdir={stack_dir} output -raw DashboardUrl",
    ]


# --- the happy path ------------------------------------------------------------------------------


def test_deploy_runs_every_step_in_order_with_the_stack_names(deploy):
    result = deploy.run("dev")

    assert result.returncode == 0, result.stderr
    assert result.lines() == expected_calls(str(deploy.out))
    assert result.errors() == []


def test_deploy_prints_the_dashboard_url_from_the_stack_outputs(deploy):
    result = deploy.run("dev")

    assert result.stdout.strip() == "Dashboard URL: https://dashboard.example.org"


def test_both_the_sha_tag_and_latest_are_pushed_into_the_stack_repository(deploy):
    result = deploy.run("dev")

    pushes = [call.args[1] for call in result.calls if call.name == "docker" and call.args[0] == "push"]
    assert pushes == [f"{URI}:{SHA}", f"{URI}:latest"]


def test_latest_moves_only_after_the_scan_of_the_sha_tag_passed(deploy):
    lines = deploy.run("dev").lines()

    findings = next(i for i, line in enumerate(lines) if "describe-image-scan-findings" in line)
    assert lines.index(f"docker push {URI}:{SHA}") < findings < lines.index(f"docker push {URI}:latest")


def test_synth_and_deploy_use_the_sha_as_the_pre_pushed_image_tag(deploy):
    result = deploy.run("dev")

    cdktf = [call for call in result.calls if call.line.startswith(("npx --no cdktf synth", "npx --no cdktf deploy"))]
    assert [call.env.get("DASHBOARD_IMAGE_TAG") for call in cdktf] == [SHA, SHA]


def test_synth_builds_only_the_environment_being_deployed(deploy):
    result = deploy.run("prod")

    synth = next(call for call in result.calls if call.line.startswith("npx --no cdktf synth"))
    assert synth.env["DASHBOARD_ENVIRONMENTS"] == "prod"


def test_the_repository_is_created_through_terraform_before_the_first_push(deploy):
    lines = deploy.run("dev").lines()

    target_apply = next(
        i for i, line in enumerate(lines) if f"apply -input=false -auto-approve -target={REPOSITORY_ADDRESS}" in line
    )
    assert target_apply < lines.index(f"docker push {URI}:{SHA}")
    assert not any("create-repository" in line for line in lines)


def test_the_ecr_password_reaches_docker_login_on_stdin(deploy):
    result = deploy.run("dev")

    login = next(call for call in result.calls if call.name == "docker" and call.args[0] == "login")
    assert login.stdin == "ecr-password"


def test_prod_deploys_with_stdin_closed_and_asks_nothing(deploy):
    result = deploy.run("prod", close_stdin=True)

    assert result.returncode == 0, result.stderr
    assert result.lines() == expected_calls(str(deploy.out), env="prod")
    assert "?" not in result.stderr.replace("?status==", "")


def test_the_build_platform_follows_the_task_definition_architecture(deploy):
    deploy.stacks["dev"] = stack_json("dev", cpu_architecture="X86_64")

    result = deploy.run("dev")

    assert any(line.startswith("docker buildx build --platform linux/amd64 ") for line in result.lines())


def test_a_task_definition_without_runtime_platform_is_built_for_amd64_like_fargate_runs_it(
    deploy,
):
    deploy.stacks["dev"] = stack_json("dev", cpu_architecture=None)

    result = deploy.run("dev")

    assert any(line.startswith("docker buildx build --platform linux/amd64 ") for line in result.lines())


def test_region_flag_configures_the_synth_and_every_aws_call(deploy):
    deploy.stacks["dev"] = stack_json("dev", region="eu-west-1")
    deploy.on(r"^aws ecr describe-repositories", stdout=repository_uri("dev", "eu-west-1"))

    result = deploy.run("dev", "--region", "eu-west-1")

    assert result.returncode == 0, result.stderr
    synth = next(call for call in result.calls if call.line.startswith("npx --no cdktf synth"))
    assert synth.env["DASHBOARD_DEV_AWS_REGION"] == "eu-west-1"
    aws_calls = [call for call in result.calls if call.name == "aws"]
    assert aws_calls
    assert all(call.args[call.args.index("--region") + 1] == "eu-west-1" for call in aws_calls)


# --- preflight -------------------------------------------------------------------------------------


def test_dirty_git_tree_is_refused_before_anything_is_built(deploy):
    deploy.on(r"^git status --porcelain", stdout=" M streamlit_ui/app.py\n?? notes.txt\n")

    result = deploy.run("dev")

    assert result.returncode == 1
    assert result.errors() == [
        "ERROR: preflight failed: the git tree has 2 uncommitted change(s); commit them, or pass --allow-dirty to deploy them anyway."
    ]
    assert result.lines()[-1] == "git status --porcelain"


def test_allow_dirty_deploys_under_a_tag_marked_dirty(deploy):
    deploy.on(r"^git status --porcelain", stdout=" M streamlit_ui/app.py\n")

    result = deploy.run("dev", "--allow-dirty")

    assert result.returncode == 0, result.stderr
    assert "WARNING: the git tree has uncommitted changes" in result.stderr
    assert result.lines() == expected_calls(str(deploy.out), tag=f"{SHA}-dirty")


def test_terraform_other_than_terraform_version_file_is_refused(deploy):
    deploy.on(r"^terraform version", stdout="Terraform v1.5.7\non linux_amd64\n")

    result = deploy.run("dev")

    assert result.returncode == 1
    assert result.errors() == [
        (
            f"ERROR: preflight failed: terraform 1.5.7 is installed but .terraform-version asks for {TERRAFORM_VERSION}; "
            f"install terraform {TERRAFORM_VERSION} (for example with tfenv)."
        )
    ]
    assert result.lines() == ["npx --no cdktf --version", "terraform version"]


@pytest.mark.parametrize("tool", ["git", "node", "npx", "terraform", "aws", "docker"])
def test_a_missing_tool_is_named_and_nothing_runs(deploy, tool):
    deploy.remove(tool)

    result = deploy.run("dev")

    assert result.returncode == 1
    assert result.errors() == [
        f"ERROR: preflight failed: {tool} is not installed; install it and make sure it is on PATH."
    ]
    assert result.calls == []


# Each step told to fail: (failing call, the one-line message, exit status of the stub).
STEP_FAILURES = [
    (
        "npx --no cdktf --version",
        "preflight failed: cdktf is not installed in this project; run npm ci in",
    ),
    (
        "docker buildx version",
        "preflight failed: docker buildx is not available; install the docker-buildx plugin.",
    ),
    (
        "docker info",
        "preflight failed: the Docker daemon is not reachable; start Docker and check 'docker info'.",
    ),
    (
        "git rev-parse HEAD",
        "is not a git checkout with a commit; deploy from a clone of the repository.",
    ),
    ("git status --porcelain", "preflight failed: git status did not work in"),
    (
        "aws sts get-caller-identity",
        "preflight failed: AWS credentials do not work (aws sts get-caller-identity)",
    ),
    (
        "npx --no cdktf synth",
        "synth failed: npx cdktf synth did not finish; check the errors above",
    ),
    (
        "docker buildx build",
        "image build failed: docker buildx build for linux/arm64 failed;",
    ),
    ("terraform .* init", "creating the ECR repository failed: terraform init in"),
    (
        "terraform .* apply",
        f"creating the ECR repository failed: terraform apply -target={REPOSITORY_ADDRESS} failed;",
    ),
    (
        "aws ecr describe-repositories",
        "creating the ECR repository failed: repository vibejudge-dashboard-dev is not visible in us-east-1",
    ),
    (f"docker tag .* {URI}:{SHA}", "tagging the image failed: docker tag"),
    (
        "aws ecr get-login-password",
        "ECR login failed: aws ecr get-login-password in us-east-1 failed; check that the credentials allow ecr:GetAuthorizationToken.",
    ),
    (
        "docker login",
        f"ECR login failed: docker login to {ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com failed;",
    ),
    (
        f"docker push {URI}:{SHA}",
        f"pushing the image failed: docker push {URI}:{SHA} failed;",
    ),
    (
        "aws ecr wait image-scan-complete",
        "waiting for the image scan failed: ECR did not complete the scan of",
    ),
    (
        "aws ecr describe-image-scan-findings",
        "reading the image scan failed: aws ecr describe-image-scan-findings for",
    ),
    (
        f"docker tag .* {URI}:latest",
        f"tagging the image failed: docker tag vibejudge-dashboard-dev:{SHA} {URI}:latest failed",
    ),
    (
        f"docker push {URI}:latest",
        f"pushing the image failed: docker push {URI}:latest failed;",
    ),
    (
        "npx --no cdktf deploy",
        "deploy failed: npx cdktf deploy vibejudge-dashboard-dev failed; check the Terraform errors above",
    ),
    (
        "aws ecs wait services-stable",
        "waiting for the service failed: vibejudge-dashboard-service-dev in vibejudge-cluster-dev reached a failure state",
    ),
    (
        "aws ecs describe-services",
        "checking the deployment failed: aws ecs describe-services for vibejudge-dashboard-service-dev failed",
    ),
    (
        "aws ecs describe-task-definition",
        "checking the deployment failed: aws ecs describe-task-definition for vibejudge-dashboard-dev failed",
    ),
    (
        "terraform .* output -raw DashboardUrl",
        "reading the stack outputs failed: terraform output DashboardUrl in",
    ),
]


@pytest.mark.parametrize(("failing", "message"), STEP_FAILURES, ids=[f[0] for f in STEP_FAILURES])
def test_a_failing_step_stops_everything_after_it_with_one_message(deploy, failing, message):
    deploy.fail("^" + failing, exit=3)

    result = deploy.run("dev")

    assert result.returncode == 1
    errors = result.errors()
    assert len(errors) == 1, result.stderr
    assert message in errors[0]
    assert re.search("^" + failing, result.lines()[-1]), "a call ran after the failing one"
    full = expected_calls(str(deploy.out))
    assert result.lines() == full[: len(result.lines())]


@pytest.mark.parametrize(
    "failing",
    [f for f, _ in STEP_FAILURES[: [f for f, _ in STEP_FAILURES].index("npx --no cdktf deploy")]],
)
def test_a_failure_before_the_deploy_step_never_touches_the_running_service(deploy, failing):
    deploy.fail("^" + failing)

    result = deploy.run("dev")

    assert result.returncode == 1
    assert not any(re.search(DEPLOY_CALL, line) or line.startswith("aws ecs") for line in result.lines())


def test_a_synth_that_writes_no_stack_stops_with_the_missing_file(deploy):
    deploy.write_synth = False

    result = deploy.run("dev")

    assert result.returncode == 1
    assert result.errors() == [
        (
            f"ERROR: synth failed: {deploy.out}/stacks/vibejudge-dashboard-dev/cdk.tf.json was not written; "
            "check that main.ts defines the stack vibejudge-dashboard-dev."
        )
    ]


def test_a_stack_without_exactly_one_repository_stops_before_the_build(deploy):
    doc = stack_json("dev")
    doc["resource"]["aws_ecr_repository"]["second"] = {"name": "other"}
    deploy.stacks["dev"] = doc

    result = deploy.run("dev")

    assert result.returncode == 1
    assert (
        f"{deploy.out}/stacks/vibejudge-dashboard-dev/cdk.tf.json has 2 aws_ecr_repository resources, expected exactly 1"
        in result.stderr
    )
    assert result.errors()[0].startswith("ERROR: reading the synthesized stack failed:")
    assert not any(line.startswith("docker buildx build") for line in result.lines())


def test_a_cluster_name_that_is_not_a_literal_stops_before_the_build(deploy):
    doc = stack_json("dev")
    doc["resource"]["aws_ecs_cluster"]["cluster_cluster_5E6F7A8B"]["name"] = "${var.cluster}"
    deploy.stacks["dev"] = doc

    result = deploy.run("dev")

    assert result.returncode == 1
    assert "the ECS cluster name in" in result.stderr
    assert 'is not a literal string (got "${var.cluster}")' in result.stderr
    assert not any(line.startswith("docker buildx build") for line in result.lines())


def test_an_unknown_cpu_architecture_is_refused(deploy):
    deploy.stacks["dev"] = stack_json("dev", cpu_architecture="RISCV")

    result = deploy.run("dev")

    assert result.returncode == 1
    assert result.errors() == [
        "ERROR: reading the synthesized stack failed: cpu_architecture 'RISCV' is not supported; allowed: ARM64, X86_64."
    ]


def test_a_region_flag_the_stack_does_not_honour_is_refused(deploy):
    result = deploy.run("dev", "--region", "eu-west-1")

    assert result.returncode == 1
    assert result.errors() == [
        (
            "ERROR: reading the synthesized stack failed: the stack's region is us-east-1 but --region eu-west-1 was given; "
            "check DASHBOARD_DEV_AWS_REGION."
        )
    ]


# --- the vulnerability gate ------------------------------------------------------------------------


def test_critical_findings_refuse_the_deploy_and_keep_latest_where_it_was(deploy):
    deploy.on(r"^aws ecr describe-image-scan-findings", stdout="3\n")

    result = deploy.run("dev")

    assert result.returncode == 1
    assert len(result.errors()) == 1
    assert result.errors()[0].startswith(
        f"ERROR: vulnerability scan failed: {URI}:{SHA} has 3 CRITICAL finding(s); fix them"
    )
    assert "or pass --allow-critical" in result.errors()[0]
    assert result.lines()[-1].startswith("aws ecr describe-image-scan-findings")


def test_allow_critical_deploys_and_says_so_loudly(deploy):
    deploy.on(r"^aws ecr describe-image-scan-findings", stdout="2\n")

    result = deploy.run("dev", "--allow-critical")

    assert result.returncode == 0, result.stderr
    assert f"WARNING: {URI}:{SHA} has 2 CRITICAL vulnerability finding(s)." in result.stderr
    assert "DEPLOYING IT ANYWAY because --allow-critical was given" in result.stderr
    assert result.lines() == expected_calls(str(deploy.out))


def test_a_scan_count_that_is_not_a_number_is_refused(deploy):
    deploy.on(r"^aws ecr describe-image-scan-findings", stdout="lots\n")

    result = deploy.run("dev")

    assert result.returncode == 1
    assert result.errors() == [
        (
            "ERROR: reading the image scan failed: the CRITICAL finding count 'lots' is not a number; "
            "check aws ecr describe-image-scan-findings."
        )
    ]


# --- waiting for the service -----------------------------------------------------------------------

MAX_ATTEMPTS = "\nWaiter ServicesStable failed: Max attempts exceeded\n"


def test_the_wait_for_a_stable_service_is_bounded_by_timeout_minutes(deploy):
    deploy.on(r"^aws ecs wait services-stable", stderr=MAX_ATTEMPTS, exit=255)

    result = deploy.run("dev", "--timeout-minutes", "25")

    assert result.returncode == 1
    waits = [line for line in result.lines() if line.startswith("aws ecs wait services-stable")]
    assert len(waits) == 3
    assert result.errors() == [
        (
            "ERROR: waiting for the service failed: vibejudge-dashboard-service-dev did not become stable within 25 minutes; "
            "check its events and stopped tasks with aws ecs describe-services --cluster vibejudge-cluster-dev "
            "--services vibejudge-dashboard-service-dev."
        )
    ]
    assert result.lines()[-1].startswith("aws ecs wait services-stable")


def test_a_service_that_becomes_stable_in_a_later_round_is_deployed(deploy):
    deploy.on(r"^aws ecs wait services-stable", stderr=MAX_ATTEMPTS, exit=255, times=1)

    result = deploy.run("dev")

    assert result.returncode == 0, result.stderr
    assert "not stable yet (round 1 of 3)" in result.stderr
    assert sum(line.startswith("aws ecs wait services-stable") for line in result.lines()) == 2


def test_a_deployment_rolled_back_by_the_circuit_breaker_is_reported_as_failed(deploy):
    deploy.on(r"^aws ecs describe-services", stdout=task_definition_arn("dev", 6) + "\n")

    result = deploy.run("dev")

    assert result.returncode == 1
    assert result.errors() == [
        (
            f"ERROR: checking the deployment failed: vibejudge-dashboard-service-dev runs {task_definition_arn('dev', 6)} "
            f"instead of {task_definition_arn('dev', 7)}, so the circuit breaker rolled the deployment back; check the "
            "stopped tasks' reasons with aws ecs list-tasks --cluster vibejudge-cluster-dev --desired-status STOPPED and "
            "the logs in /ecs/vibejudge-dashboard-dev."
        )
    ]
    assert not any(line.endswith("output -raw DashboardUrl") for line in result.lines())


# --- dry run ---------------------------------------------------------------------------------------


def test_dry_run_runs_no_mutating_command(deploy):
    result = deploy.run("dev", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert result.lines() == [
        "npx --no cdktf --version",
        "terraform version",
        "docker buildx version",
        "git rev-parse HEAD",
        "git status --porcelain",
        "aws sts get-caller-identity --query Account --output text --region us-east-1",
        f"npx --no cdktf synth --output {deploy.out}",
    ]
    assert not any(MUTATING.search(line) for line in result.lines())


def test_dry_run_prints_the_full_command_sequence_with_the_real_names(deploy):
    result = deploy.run("dev", "--dry-run")

    printed = [line[2:] for line in result.stdout.splitlines() if line.startswith("+ ")]
    stack_dir = f"{deploy.out}/stacks/vibejudge-dashboard-dev"
    assert printed == [
        f"DASHBOARD_IMAGE_TAG={SHA} DASHBOARD_ENVIRONMENTS=dev npx --no cdktf synth --output {deploy.out}",
        f"docker buildx build --platform linux/arm64 --load --file Dockerfile --build-arg GIT_REVISION={SHA} "
        f"--tag vibejudge-dashboard-dev:{SHA} .",
        f"terraform -chdir={stack_dir} init -input=false",
        f"terraform -chdir={stack_dir} apply -input=false -auto-approve -target={REPOSITORY_ADDRESS}",
        (
            "aws ecr describe-repositories --repository-names vibejudge-dashboard-dev --region us-east-1 "
            "--query repositories[0].repositoryUri --output text"
        ),
        f"docker tag vibejudge-dashboard-dev:{SHA} {URI}:{SHA}",
        "aws ecr get-login-password --region us-east-1",
        f"docker login --username AWS --password-stdin {ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com",
        f"docker push {URI}:{SHA}",
        f"aws ecr wait image-scan-complete --repository-name vibejudge-dashboard-dev --image-id imageTag={SHA} --region us-east-1",
        (
            f"aws ecr describe-image-scan-findings --repository-name vibejudge-dashboard-dev --image-id imageTag={SHA} "
            "--region us-east-1 --query imageScanFindings.findingSeverityCounts.CRITICAL --output text"
        ),
        f"docker tag vibejudge-dashboard-dev:{SHA} {URI}:latest",
        f"docker push {URI}:latest",
        f"DASHBOARD_IMAGE_TAG={SHA} npx --no cdktf deploy vibejudge-dashboard-dev --auto-approve --skip-synth --output {deploy.out}",
        "aws ecs wait services-stable --cluster vibejudge-cluster-dev --services vibejudge-dashboard-service-dev --region us-east-1",
        (
            "aws ecs describe-services --cluster vibejudge-cluster-dev --services vibejudge-dashboard-service-dev "
            "--region us-east-1 --query 'services[0].deployments[?status==`PRIMARY`] | [0].taskDefinition' --output text"
        ),
        (
            "aws ecs describe-task-definition --task-definition vibejudge-dashboard-dev --region us-east-1 "
            "--query taskDefinition.taskDefinitionArn --output text"
        ),
        f"terraform -chdir={stack_dir} output -raw DashboardUrl",
    ]


def test_dry_run_needs_no_docker_and_no_aws_credentials(deploy):
    deploy.remove("docker")
    deploy.fail(
        r"^aws sts get-caller-identity",
        exit=255,
        stderr="Unable to locate credentials.\n",
    )

    result = deploy.run("dev", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert "WARNING: preflight would fail: docker is not installed" in result.stderr
    assert "WARNING: preflight would fail: AWS credentials do not work" in result.stderr
    assert "+ docker push <account-id>.dkr.ecr.us-east-1.amazonaws.com/vibejudge-dashboard-dev:latest" in result.stdout


def test_dry_run_reports_a_dirty_tree_without_stopping(deploy):
    deploy.on(r"^git status --porcelain", stdout=" M Dockerfile\n")

    result = deploy.run("dev", "--dry-run")

    assert result.returncode == 0
    assert "WARNING: preflight would fail: the git tree has 1 uncommitted change(s)" in result.stderr


# --- usage -----------------------------------------------------------------------------------------


def test_help_explains_the_steps_and_every_option(deploy):
    result = deploy.run("--help")

    assert result.returncode == 0
    for option in (
        "--dry-run",
        "--allow-dirty",
        "--allow-critical",
        "--region",
        "--timeout-minutes",
        "--help",
    ):
        assert option in result.stdout
    assert "DASHBOARD_IMAGE_TAG=<sha> npx cdktf deploy vibejudge-dashboard-<env> --auto-approve" in result.stdout
    assert result.calls == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (),
            "ERROR: an environment is required; allowed: dev, prod (run scripts/deploy --help).",
        ),
        (
            ("staging",),
            "ERROR: environment 'staging' is not valid; allowed: dev, prod.",
        ),
        (
            ("dev", "prod"),
            "ERROR: only one environment may be given, got 'dev' and 'prod'; allowed: dev, prod.",
        ),
        (
            ("dev", "--force"),
            "ERROR: option '--force' is not known; run scripts/deploy --help for the options.",
        ),
        (
            ("dev", "--region"),
            "ERROR: option --region needs a value (run scripts/deploy --help).",
        ),
        (
            ("dev", "--region", "Mars-1"),
            "ERROR: --region 'Mars-1' is not valid; allowed: an AWS region name such as us-east-1.",
        ),
        (
            ("dev", "--timeout-minutes", "0"),
            "ERROR: --timeout-minutes '0' is not valid; allowed: a whole number of minutes from 1 to 180.",
        ),
        (
            ("dev", "--timeout-minutes=181"),
            "ERROR: --timeout-minutes '181' is not valid; allowed: a whole number of minutes from 1 to 180.",
        ),
        (
            ("dev", "--timeout-minutes", "ten"),
            "ERROR: --timeout-minutes 'ten' is not valid; allowed: a whole number of minutes from 1 to 180.",
        ),
    ],
    ids=[
        "no-env",
        "bad-env",
        "two-envs",
        "unknown-option",
        "region-without-value",
        "bad-region",
        "timeout-zero",
        "timeout-too-big",
        "timeout-word",
    ],
)
def test_bad_usage_gets_one_sentence_and_exit_2_before_any_command(deploy, args, message):
    result = deploy.run(*args)

    assert result.returncode == 2
    assert result.stderr.strip() == message
    assert result.calls == []

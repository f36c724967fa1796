"""Deterministic seed data for the stand-in API.

Every value comes from a ``random.Random`` seeded with a fixed number and a fixed base time, so two runs
produce identical organizers, hackathons, submissions, scorecards and IDs.
"""

from __future__ import annotations

import random
import statistics
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BASE_TIME = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
SEED = 20260302

AGENTS = ("bug_hunter", "performance", "innovation", "ai_detection")
DIMENSION_FOR_AGENT = {
    "bug_hunter": "Code Quality",
    "performance": "Architecture",
    "innovation": "Innovation",
    "ai_detection": "Authenticity",
}
SUB_SCORES = {
    "bug_hunter": ("code_quality", "security", "test_coverage", "error_handling", "dependency_hygiene"),
    "performance": ("architecture", "database_design", "api_design", "scalability", "resource_efficiency"),
    "innovation": (
        "technical_novelty",
        "creative_problem_solving",
        "architecture_elegance",
        "readme_quality",
        "demo_potential",
    ),
    "ai_detection": (
        "commit_authenticity",
        "development_velocity",
        "authorship_consistency",
        "iteration_depth",
        "ai_generation_indicators",
    ),
}
LANGUAGES = ("Python", "TypeScript", "JavaScript", "Go", "Rust")
TEAM_NAMES = (
    "Team Nova",
    "Team Lambda",
    "Team Dynamo",
    "Pixel_Pushers",
    "Null-Pointers",
    "Cloud Surfers",
    "Byte Bandits",
    "Stack Smashers",
    "Quantum Quokkas",
    "Async Avengers",
    "Lazy Loaders",
    "Hash Hounds",
    "Merge Conflict",
    "Kernel Panic",
    "Latency Llamas",
    "Vector Vikings",
    "Prompt Pilots",
    "Docker Dolphins",
    "Rusty Rockets",
    "Go Getters",
    "Green Threads",
    "Edge Runners",
    "Token Tamers",
    "Schema Shifters",
    "Bit Brewers",
    "Data Drifters",
)
FIRST_NAMES = ("Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Alan", "Radia")
FAILED_REPO_ERROR = "Repository not accessible (404)"
DISQUALIFICATION_REASON = "Repository created before hackathon start"


def recommendation_for(overall_score: float) -> str:
    """The server's recommendation thresholds on overall/10 (contract §5)."""
    tenth = overall_score / 10
    if tenth >= 8.0:
        return "strong_contender"
    if tenth >= 6.5:
        return "solid_submission"
    if tenth >= 4.5:
        return "needs_improvement"
    return "concerns_flagged"


def iso(moment: datetime) -> str:
    """Server timestamps: UTC ISO-8601 ending in ``Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> datetime:
    """The inverse of :func:`iso` (also accepts ``+00:00`` and naive UTC)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class IdFactory:
    """26-character ULIDs (Crockford base32) from a seeded generator, increasing with the given time."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._last_ms = 0

    def ulid(self, moment: datetime) -> str:
        ms = max(int(moment.timestamp() * 1000), self._last_ms + 1)
        self._last_ms = ms
        value = (ms << 80) | self._rng.getrandbits(80)
        chars = []
        for _ in range(26):
            chars.append(CROCKFORD[value & 31])
            value >>= 5
        return "".join(reversed(chars))


def default_rubric(agents: tuple[str, ...] = AGENTS) -> dict[str, Any]:
    weights = {"bug_hunter": 0.3, "performance": 0.3, "innovation": 0.3, "ai_detection": 0.1}
    total = sum(weights[a] for a in agents)
    return {
        "name": "Custom Rubric",
        "version": "1.0",
        "max_score": 100.0,
        "dimensions": [
            {
                "name": DIMENSION_FOR_AGENT[a],
                "weight": round(weights[a] / total, 4),
                "agent": a,
                "description": f"Scored by the {a} agent",
            }
            for a in agents
        ],
    }


def _evidence(rng: random.Random, agent: str, language: str) -> list[dict[str, Any]]:
    ext = {"Python": "py", "TypeScript": "ts", "JavaScript": "js", "Go": "go", "Rust": "rs"}[language]
    items: list[dict[str, Any]] = []
    for index in range(rng.randint(3, 7)):
        file = f"src/{rng.choice(['api', 'core', 'handlers', 'models', 'utils'])}/module_{index}.{ext}"
        if agent in ("bug_hunter", "performance"):
            category = rng.choice(
                ["bug", "security", "code_smell", "testing", "dependency"]
                if agent == "bug_hunter"
                else ["architecture", "database", "api", "scalability", "efficiency"]
            )
            items.append(
                {
                    "finding": f"{category.replace('_', ' ').capitalize()} issue in request handling #{index + 1}",
                    "file": file,
                    "line": rng.randint(5, 400),
                    "severity": rng.choice(["critical", "high", "medium", "low", "info"]),
                    "category": category,
                    "recommendation": "Validate inputs at the boundary and add a regression test.",
                }
            )
        elif agent == "innovation":
            category = rng.choice(["novelty", "creativity", "elegance", "documentation", "demo"])
            items.append(
                {
                    "finding": f"Notable {category} in the {language} implementation #{index + 1}",
                    "file": file,
                    "line": rng.randint(5, 400),
                    "impact": rng.choice(["breakthrough", "significant", "notable", "minor"]),
                    "category": category,
                    "detail": "Combines retrieval and streaming responses in an unusual way.",
                }
            )
        else:
            items.append(
                {
                    "finding": f"Commit pattern observation #{index + 1}",
                    "source": "git history",
                    "detail": "Commits are small and spread over the event.",
                    "signal": rng.choice(["human", "ai_generated", "ai_assisted", "ambiguous"]),
                    "confidence": round(rng.uniform(0.6, 0.95), 2),
                }
            )
    return items


def _individual(rng: random.Random, name: str, team: str) -> dict[str, Any]:
    role = rng.choice(["backend", "frontend", "devops", "full_stack"])
    seniority = rng.choice(["junior", "mid", "senior"])
    salary = {"junior": "$70k-$90k", "mid": "$100k-$130k", "senior": "$140k-$180k"}[seniority]
    return {
        "contributor_name": name,
        "contributor_email": f"{name.lower()}@{team.lower().replace(' ', '-').replace('_', '-')}.example",
        "role": role,
        "expertise_areas": rng.sample(["database", "security", "testing", "api", "ui_ux", "infrastructure"], 2),
        "commit_count": rng.randint(4, 60),
        "lines_added": rng.randint(300, 6000),
        "lines_deleted": rng.randint(50, 1500),
        "files_touched": [f"src/file_{i}.py" for i in range(rng.randint(2, 5))],
        "notable_contributions": ["Designed the data model", "Wrote the deployment pipeline"][: rng.randint(1, 2)],
        "strengths": ["Clear commit messages", "Writes tests first"][: rng.randint(1, 2)],
        "weaknesses": ["Large pull requests"],
        "growth_areas": ["Observability"],
        "work_style": {
            "commit_frequency": rng.choice(["frequent", "moderate", "infrequent"]),
            "avg_commit_size": rng.randint(20, 300),
            "active_hours": sorted(rng.sample(range(24), 5)),
            "late_night_commits": rng.randint(0, 12),
            "weekend_commits": rng.randint(0, 10),
        },
        "hiring_signals": {
            "recommended_role": f"{role.replace('_', ' ').title()} Engineer",
            "seniority_level": seniority,
            "salary_range_usd": salary,
            "must_interview": rng.random() < 0.3,
            "sponsor_interest": rng.sample(["AWS", "Anthropic", "Vercel", "MongoDB"], rng.randint(0, 2)),
            "rationale": "Consistent, well-tested contributions across the stack.",
        },
    }


def analysis_result(rng: random.Random, sub: dict[str, Any], hackathon: dict[str, Any], now: datetime) -> None:
    """Fill ``sub`` with a completed analysis: agent scores, weighted scores, repo meta, team and strategy."""
    agents = tuple(hackathon["agents_enabled"])
    language = rng.choice(LANGUAGES)
    agent_scores = []
    raw_by_agent = {}
    for agent in agents:
        raw = round(rng.uniform(4.2, 9.3), 1)
        raw_by_agent[agent] = raw
        agent_scores.append(
            {
                "agent_name": agent,
                "overall_score": raw,
                "confidence": round(rng.uniform(0.7, 0.95), 2),
                "summary": f"{agent.replace('_', ' ').title()} found a {'solid' if raw > 7 else 'mixed'} codebase.",
                "scores": {
                    key: round(min(10.0, max(0.0, raw + rng.uniform(-1.5, 1.5))), 1) for key in SUB_SCORES[agent]
                },
                "evidence": _evidence(rng, agent, language),
                "observations": {},
            }
        )
    weighted = {}
    for dim in hackathon["rubric"]["dimensions"]:
        raw = raw_by_agent.get(dim["agent"], 5.0)
        weighted[dim["name"]] = {"raw": raw, "weight": dim["weight"], "weighted": round(raw * dim["weight"] * 10, 2)}
    overall = round(sum(item["weighted"] for item in weighted.values()), 1)
    members = rng.sample(FIRST_NAMES, rng.randint(1, 4))
    cards = [_individual(rng, name, sub["team_name"]) for name in members]
    shares = [rng.randint(10, 60) for _ in members]
    total_share = sum(shares)
    sub.update(
        {
            "status": "completed",
            "overall_score": overall,
            "recommendation": recommendation_for(overall),
            "weighted_scores": weighted,
            "agent_scores": agent_scores,
            "repo_meta": {
                "commit_count": rng.randint(12, 120),
                "branch_count": rng.randint(1, 6),
                "contributor_count": len(members),
                "total_files": rng.randint(20, 240),
                "total_lines": rng.randint(1500, 24000),
                "workflow_run_count": rng.randint(0, 40),
                "primary_language": language,
                "languages": {language: 78.5, "Shell": 12.0, "Dockerfile": 9.5},
                "has_readme": True,
                "has_tests": rng.random() > 0.3,
                "has_ci": rng.random() > 0.4,
                "has_dockerfile": rng.random() > 0.5,
                "first_commit_at": iso(BASE_TIME - timedelta(hours=40)),
                "last_commit_at": iso(BASE_TIME - timedelta(hours=2)),
                "development_duration_hours": round(rng.uniform(20, 48), 1),
                "workflow_success_rate": round(rng.uniform(0.5, 1.0), 2),
            },
            "strengths": ["Clean module boundaries", "Useful README with a demo GIF"],
            "weaknesses": ["Few integration tests", "Secrets read from a committed .env file"],
            "total_cost_usd": round(rng.uniform(0.02, 0.20), 4),
            "total_tokens": rng.randint(60000, 150000),
            "analysis_duration_ms": rng.randint(30000, 120000),
            "analyzed_at": iso(now),
            "team_dynamics": {
                "workload_distribution": {
                    m: round(s / total_share * 100, 1) for m, s in zip(members, shares, strict=True)
                },
                "collaboration_patterns": [
                    {
                        "pattern_type": "code_review",
                        "contributors": members,
                        "evidence": "Pull requests reviewed before merge",
                        "positive": True,
                    }
                ],
                "red_flags": (
                    [
                        {
                            "flag_type": "extreme_imbalance",
                            "severity": "medium",
                            "description": "One contributor wrote most of the code.",
                            "evidence": "78% of lines from one author",
                            "impact": "Knowledge concentrated in one person",
                            "hiring_impact": "Check individual contributions in interviews",
                            "recommended_action": "Pair on the core module",
                        }
                    ]
                    if len(members) > 1 and rng.random() < 0.4
                    else []
                ),
                "individual_scorecards": cards,
                "team_dynamics_grade": rng.choice("ABBCCD"),
                "commit_message_quality": round(rng.uniform(0.4, 0.95), 2),
                "panic_push_detected": rng.random() < 0.2,
                "duration_ms": rng.randint(2000, 9000),
            },
            "strategy_analysis": {
                "test_strategy": rng.choice(["unit_focused", "integration_focused", "critical_path", "demo_first"]),
                "critical_path_focus": rng.random() > 0.5,
                "tradeoffs": [
                    {
                        "tradeoff_type": "speed_vs_security",
                        "decision": "Skipped input validation on internal endpoints",
                        "rationale": "Time pressure during the final hours",
                        "impact_on_score": "-0.5 on security",
                    }
                ],
                "learning_journey": {
                    "technology": language,
                    "evidence": ["First commits use basic syntax", "Later commits use generics"],
                    "progression": "Grew from tutorials to idiomatic code",
                    "impressive": rng.random() > 0.5,
                },
                "maturity_level": rng.choice(["junior", "mid", "senior"]),
                "strategic_context": "Focused on a working demo first, then hardened the core path.",
                "duration_ms": rng.randint(1500, 6000),
            },
            "actionable_feedback": [
                {
                    "priority": priority,
                    "finding": finding,
                    "acknowledgment": "The feature works end to end.",
                    "context": "Seen in the request handlers.",
                    "why_vulnerable": "User input reaches the query unescaped.",
                    "why_fixed": "Parameterised queries keep data and code apart.",
                    "testing_instructions": "Send a quote character in the search box.",
                    "business_impact": "A data leak would end the pilot.",
                    "code_example": {
                        "vulnerable_code": "cursor.execute(f\"SELECT * FROM t WHERE name = '{name}'\")",
                        "fixed_code": 'cursor.execute("SELECT * FROM t WHERE name = %s", (name,))',
                        "explanation": "Let the driver quote the value.",
                    },
                    "learning_resources": [
                        {
                            "title": "OWASP SQL Injection",
                            "url": "https://owasp.org/www-community/attacks/SQL_Injection",
                            "resource_type": "article",
                        }
                    ],
                    "effort_estimate": {
                        "minutes": 15 * priority,
                        "difficulty": ["Easy", "Moderate", "Advanced"][priority % 3],
                    },
                }
                for priority, finding in (
                    (1, "SQL built from user input"),
                    (3, "Missing retries on the model call"),
                    (5, "README lacks setup steps"),
                )
            ],
            "updated_at": iso(now),
        }
    )


def failure_result(sub: dict[str, Any], now: datetime) -> None:
    sub.update({"status": "failed", "error_message": FAILED_REPO_ERROR, "updated_at": iso(now)})


def new_submission(ids: IdFactory, hack_id: str, team_name: str, repo_url: str, now: datetime) -> dict[str, Any]:
    return {
        "sub_id": ids.ulid(now),
        "hack_id": hack_id,
        "team_name": team_name,
        "repo_url": repo_url,
        "status": "pending",
        "overall_score": None,
        "rank": None,
        "recommendation": None,
        "weighted_scores": None,
        "agent_scores": [],
        "repo_meta": None,
        "strengths": [],
        "weaknesses": [],
        "total_cost_usd": None,
        "total_tokens": None,
        "analysis_duration_ms": None,
        "analyzed_at": None,
        "error_message": None,
        "disqualification_reason": None,
        "team_dynamics": None,
        "strategy_analysis": None,
        "actionable_feedback": [],
        "created_at": iso(now),
        "updated_at": iso(now),
    }


def repo_url_for(team_name: str, index: int) -> str:
    slug = team_name.lower().replace(" ", "-").replace("_", "-")
    return f"https://github.com/{slug}/project-{index:02d}"


def leaderboard_statistics(scores: list[float]) -> dict[str, Any]:
    ordered = sorted(scores)
    buckets = {"90-100": 0, "80-89": 0, "70-79": 0, "60-69": 0, "0-59": 0}
    for score in scores:
        if score >= 90:
            buckets["90-100"] += 1
        elif score >= 80:
            buckets["80-89"] += 1
        elif score >= 70:
            buckets["70-79"] += 1
        elif score >= 60:
            buckets["60-69"] += 1
        else:
            buckets["0-59"] += 1
    return {
        "mean_score": round(statistics.fmean(scores), 2),
        "median_score": ordered[len(ordered) // 2],
        "std_dev": round(statistics.pstdev(scores), 2),
        "highest_score": ordered[-1],
        "lowest_score": ordered[0],
        "score_distribution": buckets,
    }


def intelligence(hackathon: dict[str, Any], subs: list[dict[str, Any]]) -> dict[str, Any]:
    """The organizer dashboard (E19) computed from the analyzed submissions."""
    done = sorted((s for s in subs if s["overall_score"] is not None), key=lambda s: -s["overall_score"])
    cards = [(s, c) for s in done for c in (s["team_dynamics"] or {}).get("individual_scorecards", [])]

    def by_role(role: str) -> list[dict[str, Any]]:
        return [c for _, c in cards if c["role"] == role][:20]

    languages = Counter(s["repo_meta"]["primary_language"] for s in done if s["repo_meta"])
    stacks = Counter(
        f"{s['repo_meta']['primary_language']} + {'Docker' if s['repo_meta']['has_dockerfile'] else 'Serverless'}"
        for s in done
        if s["repo_meta"]
    )
    no_tests = [s["team_name"] for s in done if s["repo_meta"] and not s["repo_meta"]["has_tests"]]
    no_ci = [s["team_name"] for s in done if s["repo_meta"] and not s["repo_meta"]["has_ci"]]
    issues = []
    if done:
        for kind, teams, workshop in (
            ("missing_tests", no_tests, "Testing in a weekend: pytest and Jest in 30 minutes"),
            ("missing_ci", no_ci, "GitHub Actions for hackers"),
        ):
            if teams:
                issues.append(
                    {
                        "issue_type": kind,
                        "percentage_affected": round(len(teams) / len(done) * 100, 1),
                        "workshop_recommendation": workshop,
                        "example_teams": teams[:5],
                    }
                )
    best_team = max(done, key=lambda s: s["team_dynamics"]["team_dynamics_grade"] == "A", default=None)
    return {
        "hack_id": hackathon["hack_id"],
        "hackathon_name": hackathon["name"],
        "total_submissions": len(subs),
        "top_performers": [
            {
                "team_name": s["team_name"],
                "sub_id": s["sub_id"],
                "overall_score": s["overall_score"],
                "key_strengths": s["strengths"],
                "sponsor_interest_flags": sorted(
                    {
                        f
                        for c in s["team_dynamics"]["individual_scorecards"]
                        for f in c["hiring_signals"]["sponsor_interest"]
                    }
                ),
            }
            for s in done[:10]
        ],
        "hiring_intelligence": {
            "backend_candidates": by_role("backend"),
            "frontend_candidates": by_role("frontend"),
            "devops_candidates": by_role("devops"),
            "full_stack_candidates": by_role("full_stack"),
            "must_interview": [c for _, c in cards if c["hiring_signals"]["must_interview"]][:10],
        },
        "technology_trends": {
            "most_used": [[name, count] for name, count in languages.most_common(10)],
            "emerging": [name for name, count in languages.items() if 2 <= count <= 5],
            "popular_stacks": [[name, count] for name, count in stacks.most_common(5)],
        },
        "common_issues": issues,
        "standout_moments": [f"{s['team_name']} scored {s['overall_score']:.1f}" for s in done[:3]],
        "prize_recommendations": (
            [
                {
                    "prize_category": "Best Overall",
                    "recommended_team": done[0]["team_name"],
                    "sub_id": done[0]["sub_id"],
                    "justification": "Highest overall score across all agents.",
                    "evidence": done[0]["strengths"],
                },
                {
                    "prize_category": "Best Team Dynamics",
                    "recommended_team": best_team["team_name"],
                    "sub_id": best_team["sub_id"],
                    "justification": f"Team dynamics grade {best_team['team_dynamics']['team_dynamics_grade']}.",
                    "evidence": ["Balanced workload", "Reviews before merge"],
                },
            ]
            if done and best_team
            else []
        ),
        "next_hackathon_recommendations": ["Offer a testing workshop on day one"] if no_tests else [],
        "sponsor_follow_up_actions": ["Share the must-interview list with sponsors"] if cards else [],
    }

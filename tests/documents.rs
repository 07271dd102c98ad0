//! Planning documents: every fixture variant read into facts that are spelled out here.
//!
//! Each fixture under `tests/fixtures/documents/` covers one variant or failure from
//! FORMATS.md section 3; the five real seeds live in `tests/fixtures/reports/`. Expected
//! values are written literally, never recomputed by the code under test.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::Xorshift;

use covscope::core::document::{
    body_segments, is_safe_link_destination, parse_document, parse_score, render_markdown_safe,
    BodySegment, DocumentKind, FrontmatterReading, GapStatus, PlanningDocument,
};
use covscope::core::text::Severity;

// ------------------------------------------------------------------------------------------
// The data-driven helper
// ------------------------------------------------------------------------------------------

/// What a fixture must read as. Unset optional checks are skipped; ids and warnings are
/// always checked (no ids and no warnings unless stated).
struct Expect {
    path: Option<&'static str>,
    error: Option<&'static str>,
    kind: DocumentKind,
    kind_key: Option<&'static str>,
    phase: Option<&'static str>,
    plan: Option<&'static str>,
    warnings: Vec<&'static str>,
    title: Option<Option<&'static str>>,
    reading: Option<Option<FrontmatterReading>>,
    closed: Option<bool>,
    facts: Vec<(&'static str, &'static str)>,
    status: Option<Option<&'static str>>,
    body_status: Option<Option<&'static str>>,
    score: Option<Option<(u32, u32)>>,
    gaps: Option<Vec<(&'static str, &'static str)>>,
    truths: Option<Vec<(&'static str, GapStatus)>>,
    tasks: Option<Vec<(&'static str, bool)>>,
    body_starts: Option<&'static str>,
}

fn expect(kind: DocumentKind) -> Expect {
    Expect {
        path: None,
        error: None,
        kind,
        kind_key: None,
        phase: None,
        plan: None,
        warnings: Vec::new(),
        title: None,
        reading: None,
        closed: None,
        facts: Vec::new(),
        status: None,
        body_status: None,
        score: None,
        gaps: None,
        truths: None,
        tasks: None,
        body_starts: None,
    }
}

fn failure(message: &'static str) -> Expect {
    Expect {
        error: Some(message),
        ..expect(DocumentKind::Other)
    }
}

impl Expect {
    /// Parses the fixture under this path instead of its fixture path.
    fn at(mut self, path: &'static str) -> Self {
        self.path = Some(path);
        self
    }
    fn key(mut self, key: &'static str) -> Self {
        self.kind_key = Some(key);
        self
    }
    fn phase(mut self, phase: &'static str) -> Self {
        self.phase = Some(phase);
        self
    }
    fn plan(mut self, plan: &'static str) -> Self {
        self.plan = Some(plan);
        self
    }
    /// Each warning must contain the matching text, in order, and there must be no others.
    fn warns(mut self, warnings: &[&'static str]) -> Self {
        self.warnings = warnings.to_vec();
        self
    }
    fn title(mut self, title: &'static str) -> Self {
        self.title = Some(Some(title));
        self
    }
    fn no_title(mut self) -> Self {
        self.title = Some(None);
        self
    }
    fn yaml(mut self) -> Self {
        self.reading = Some(Some(FrontmatterReading::Yaml));
        self
    }
    fn lenient(mut self) -> Self {
        self.reading = Some(Some(FrontmatterReading::Lenient));
        self
    }
    fn no_frontmatter(mut self) -> Self {
        self.reading = Some(None);
        self
    }
    fn unclosed(mut self) -> Self {
        self.closed = Some(false);
        self
    }
    /// Top-level fact rows (key and display text) that must be present.
    fn facts(mut self, facts: &[(&'static str, &'static str)]) -> Self {
        self.facts = facts.to_vec();
        self
    }
    fn status(mut self, status: &'static str) -> Self {
        self.status = Some(Some(status));
        self
    }
    fn body_status(mut self, status: &'static str) -> Self {
        self.body_status = Some(Some(status));
        self
    }
    fn body_status_absent(mut self) -> Self {
        self.body_status = Some(None);
        self
    }
    fn score(mut self, verified: u32, total: u32) -> Self {
        self.score = Some(Some((verified, total)));
        self
    }
    fn no_score(mut self) -> Self {
        self.score = Some(None);
        self
    }
    /// Gaps as (truth, `data-status` key).
    fn gaps(mut self, gaps: &[(&'static str, &'static str)]) -> Self {
        self.gaps = Some(gaps.to_vec());
        self
    }
    fn truths(mut self, truths: &[(&'static str, GapStatus)]) -> Self {
        self.truths = Some(truths.to_vec());
        self
    }
    /// Tasks as (name, closed).
    fn tasks(mut self, tasks: &[(&'static str, bool)]) -> Self {
        self.tasks = Some(tasks.to_vec());
        self
    }
    fn body_starts(mut self, start: &'static str) -> Self {
        self.body_starts = Some(start);
        self
    }
}

/// A document fixture's bytes: `reports/…` are the real seed reports, anything else is
/// under `documents/`.
fn fixture_bytes(fixture: &str) -> Vec<u8> {
    if fixture.starts_with("reports/") {
        common::fixture_bytes(fixture)
    } else {
        common::fixture_bytes(&format!("documents/{fixture}"))
    }
}

/// Parses one fixture and compares it with the expectation; returns the document for
/// checks that do not fit the table.
fn check(input_fixture: &str, expected: Expect) -> Option<PlanningDocument> {
    let bytes = fixture_bytes(input_fixture);
    let path = expected.path.unwrap_or(input_fixture);
    let outcome = parse_document(path, &bytes);
    let context = format!("fixture {input_fixture}");

    if let Some(message) = expected.error {
        assert!(outcome.value.is_none(), "{context}: expected a failure");
        assert_eq!(outcome.first_error(), Some(message), "{context}");
        return None;
    }
    assert_eq!(outcome.first_error(), None, "{context}: unexpected error");
    let warnings = outcome.warning_messages();
    assert_eq!(
        warnings.len(),
        expected.warnings.len(),
        "{context}: warnings {warnings:#?}"
    );
    for (warning, wanted) in warnings.iter().zip(&expected.warnings) {
        assert!(
            warning.contains(wanted),
            "{context}: warning {warning:?} should contain {wanted:?}"
        );
    }
    assert!(outcome
        .diagnostics
        .iter()
        .all(|diagnostic| diagnostic.severity == Severity::Warning));
    let document = outcome.value.expect("a document");

    assert_eq!(document.kind, expected.kind, "{context}: kind");
    if let Some(key) = expected.kind_key {
        assert_eq!(document.kind.key(), key, "{context}: kind key");
    }
    assert_eq!(
        document.phase_id.as_deref(),
        expected.phase,
        "{context}: phase"
    );
    assert_eq!(
        document.plan_id.as_deref(),
        expected.plan,
        "{context}: plan"
    );
    if let Some(title) = expected.title {
        assert_eq!(document.title.as_deref(), title, "{context}: title");
    }
    if let Some(reading) = expected.reading {
        let actual = document
            .frontmatter
            .as_ref()
            .map(|frontmatter| frontmatter.reading);
        assert_eq!(actual, reading, "{context}: frontmatter reading");
    }
    if let Some(closed) = expected.closed {
        let frontmatter = document.frontmatter.as_ref().expect("frontmatter");
        assert_eq!(frontmatter.closed, closed, "{context}: frontmatter closed");
    }
    if !expected.facts.is_empty() {
        let rows = document
            .frontmatter
            .as_ref()
            .expect("frontmatter")
            .fact_rows();
        for (key, text) in &expected.facts {
            let row = rows
                .iter()
                .find(|row| row.key == *key)
                .unwrap_or_else(|| panic!("{context}: no fact row {key} in {rows:#?}"));
            assert_eq!(row.text, *text, "{context}: fact {key}");
        }
    }
    let verification = document.verification.as_ref();
    if let Some(status) = expected.status {
        let actual = verification.and_then(|facts| facts.status_raw.as_deref());
        assert_eq!(actual, status, "{context}: status");
    }
    if let Some(body_status) = expected.body_status {
        let actual = verification.and_then(|facts| facts.body_status.as_deref());
        assert_eq!(actual, body_status, "{context}: body status");
    }
    if let Some(score) = expected.score {
        let actual = verification
            .and_then(|facts| facts.score.as_ref())
            .map(|score| (score.verified, score.total));
        assert_eq!(actual, score, "{context}: score");
    }
    if let Some(gaps) = &expected.gaps {
        let actual: Vec<(String, String)> = verification
            .map(|facts| {
                facts
                    .gaps
                    .iter()
                    .map(|gap| (gap.truth.clone(), gap.status_key()))
                    .collect()
            })
            .unwrap_or_default();
        let wanted: Vec<(String, String)> = gaps
            .iter()
            .map(|(truth, status)| (truth.to_string(), status.to_string()))
            .collect();
        assert_eq!(actual, wanted, "{context}: gaps");
    }
    if let Some(truths) = &expected.truths {
        let actual: Vec<(String, GapStatus)> = verification
            .map(|facts| {
                facts
                    .truths_table
                    .iter()
                    .map(|row| (row.truth.clone(), row.status))
                    .collect()
            })
            .unwrap_or_default();
        let wanted: Vec<(String, GapStatus)> = truths
            .iter()
            .map(|(truth, status)| (truth.to_string(), *status))
            .collect();
        assert_eq!(actual, wanted, "{context}: truths table");
    }
    if let Some(tasks) = &expected.tasks {
        let actual: Vec<(String, bool)> = document
            .plan
            .as_ref()
            .map(|plan| {
                plan.tasks
                    .iter()
                    .map(|task| (task.name.clone().unwrap_or_default(), task.closed))
                    .collect()
            })
            .unwrap_or_default();
        let wanted: Vec<(String, bool)> = tasks
            .iter()
            .map(|(name, closed)| (name.to_string(), *closed))
            .collect();
        assert_eq!(actual, wanted, "{context}: tasks");
    }
    if let Some(start) = expected.body_starts {
        assert!(
            document.body_markdown.starts_with(start),
            "{context}: body starts {:?}",
            document.body_markdown.get(..80)
        );
    }
    Some(document)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| item.to_string()).collect()
}

// ------------------------------------------------------------------------------------------
// The five real seeds
// ------------------------------------------------------------------------------------------

#[test]
fn seed_verification_report_with_invalid_yaml_reads_leniently() {
    let document = check(
        "reports/12-tier-1-coverage-push-VERIFICATION.md",
        expect(DocumentKind::Verification)
            .at(".planning/phases/12-tier-1-coverage-push/12-tier-1-coverage-push-VERIFICATION.md")
            .key("verification")
            .phase("12")
            .warns(&[
                "the frontmatter is not valid YAML (line 10: invalid trailing content after \
                 double-quoted scalar); it was read line by line instead",
            ])
            .lenient()
            .title("Phase 12: Tier 1 Coverage Push - Verification Report")
            .status("gaps_closed_partial")
            .body_status_absent()
            .score(3, 6)
            .facts(&[
                ("phase", "12-tier-1-coverage-push"),
                ("verified", "2025-02-15T20:15:00Z"),
                ("reverified", "2026-02-16T12:30:00Z"),
                ("score", "3/6 must_haves verified"),
                ("gap_closure_status", "partial"),
                ("gap_closure_date", "2026-02-16"),
            ])
            .gaps(&[
                (
                    "Overall coverage reaches 28% (from 22.8%, +5.2 percentage points)",
                    "failed",
                ),
                (
                    "All 6 Tier 1 files tested with 50% coverage per file",
                    "partial",
                ),
                (
                    "Property tests validate stateful logic invariants",
                    "verified",
                ),
                (
                    "Integration tests validate API endpoint contracts",
                    "verified",
                ),
                ("Unit tests for ORM models with relationships", "partial"),
                ("Overall coverage target of 28% achieved", "failed"),
            ])
            .truths(&[
                ("Overall coverage reaches 28%", GapStatus::Failed),
                ("All 6 Tier 1 files tested", GapStatus::Verified),
                ("Test coverage per file reaches 50%", GapStatus::Partial),
                (
                    "Property tests validate stateful logic",
                    GapStatus::Verified,
                ),
                (
                    "Integration tests validate API contracts",
                    GapStatus::Verified,
                ),
                ("Unit tests for ORM models", GapStatus::Partial),
            ])
            .body_starts("\n# Phase 12: Tier 1 Coverage Push"),
    )
    .expect("document");
    assert_eq!(document.body_first_line, 104);
    let facts = document.verification.expect("verification facts");
    let score = facts.score.expect("score");
    assert_eq!(score.raw, "3/6 must_haves verified");

    let first = &facts.gaps[0];
    assert_eq!(first.status_raw.as_deref(), Some("failed"));
    assert_eq!(
        first.reason.as_deref(),
        Some(
            "Coverage measured at 15.70% (below 28% target). Test failures prevent accurate \
             measurement - 57/214 tests still failing (27 ORM, 30 integration)."
        )
    );
    assert_eq!(
        first.artifacts,
        strings(&["backend/tests/coverage_reports/metrics/coverage.json"])
    );
    assert_eq!(
        first.missing,
        strings(&[
            "Fix ORM database isolation (27 tests failing)",
            "Fix integration test failures (30 tests failing)",
            "Add more integration tests for workflow_engine, byok_handler, workflow_debugger",
        ])
    );
    assert_eq!(
        facts.gaps[1].artifacts,
        strings(&[
            "backend/tests/property_tests/workflows/test_workflow_engine_state_invariants.py",
            "backend/tests/integration/test_workflow_engine_integration.py",
            "backend/tests/property_tests/llm/test_byok_handler_invariants.py",
            "backend/tests/integration/test_byok_handler_integration.py",
            "backend/tests/property_tests/analytics/test_workflow_analytics_invariants.py",
            "backend/tests/integration/test_workflow_analytics_integration.py",
        ])
    );
    assert_eq!(
        facts.gaps[4].missing,
        strings(&[
            "Fix database state isolation - in-memory test database or comprehensive cleanup"
        ])
    );
    assert!(facts.gaps[2].artifacts.is_empty());
    assert!(facts.gaps[2].missing.is_empty());

    assert_eq!(facts.human_verification.len(), 3);
    let check_two = &facts.human_verification[1];
    assert_eq!(
        check_two.test,
        "Verify ORM tests fix session management issues"
    );
    assert_eq!(
        check_two.expected.as_deref(),
        Some("51/51 ORM tests pass with no SQLAlchemy IntegrityError or PendingRollbackError")
    );
    assert_eq!(
        check_two.actual.as_deref(),
        Some("24/51 ORM tests passing (47%), 27 failing with UNIQUE constraint violations")
    );
    assert_eq!(facts.re_verification, None);

    let numbers: Vec<Option<&str>> = facts
        .truths_table
        .iter()
        .map(|row| row.number.as_deref())
        .collect();
    assert_eq!(
        numbers,
        vec![
            Some("1"),
            Some("2"),
            Some("3"),
            Some("4"),
            Some("5"),
            Some("6")
        ]
    );
    assert_eq!(facts.truths_table[2].status_raw, "⚠\u{fe0f} PARTIAL");
    assert_eq!(
        facts.truths_table[3].evidence.as_deref(),
        Some(
            "89 property tests created across 4 files using Hypothesis strategies for \
             invariants testing. 89/90 passing (98.9%)."
        )
    );

    // The lenient reader keeps a quoted value with trailing text whole.
    let frontmatter = document.frontmatter.expect("frontmatter");
    let closed_gaps = frontmatter
        .get("gaps_closed")
        .expect("gaps_closed")
        .text_items();
    assert_eq!(closed_gaps.len(), 3);
    assert_eq!(
        closed_gaps[2],
        "gap_3: \"Test Quality Issues\" -> CLOSED (GAP-02) - Integration tests added, 75 new \
         tests with mocked dependencies"
    );
}

#[test]
fn seed_plan_01_reads_must_haves_and_three_tasks() {
    let document = check(
        "reports/12-tier-1-coverage-push-01-PLAN.md",
        expect(DocumentKind::Plan)
            .at(".planning/phases/12-tier-1-coverage-push/12-tier-1-coverage-push-01-PLAN.md")
            .key("plan")
            .phase("12")
            .plan("01")
            .yaml()
            .no_title()
            .facts(&[
                ("phase", "12-tier-1-coverage-push"),
                ("plan", "01"),
                ("type", "execute"),
                ("wave", "1"),
                ("depends_on", "(none)"),
                ("autonomous", "true"),
                ("gap_closure", "false"),
            ])
            .tasks(&[
                (
                    "Task 1: Create unit tests for models.py ORM relationships and validation",
                    true,
                ),
                (
                    "Task 2: Create property tests for workflow_engine.py state machine invariants",
                    true,
                ),
                (
                    "Task 3: Generate coverage report and validate 50% targets for both files",
                    true,
                ),
            ]),
    )
    .expect("document");
    assert_eq!(document.body_first_line, 37);
    let plan = document.plan.expect("plan facts");
    assert_eq!(plan.wave.as_deref(), Some("1"));
    assert!(plan.depends_on.is_empty());
    assert!(!plan.gap_closure);
    assert_eq!(plan.plan_type.as_deref(), Some("execute"));
    assert_eq!(plan.autonomous, Some(true));
    assert_eq!(
        plan.files_modified,
        strings(&[
            "backend/tests/unit/test_models_orm.py",
            "backend/tests/property_tests/workflows/test_workflow_engine_state_invariants.py",
            "backend/tests/coverage_reports/metrics/coverage.json",
        ])
    );
    assert_eq!(
        plan.must_haves.truths,
        strings(&[
            "models.py has 50% coverage (ORM relationships tested)",
            "workflow_engine.py has 50% coverage (state machine invariants tested)",
            "Tests use Hypothesis strategies for property-based testing of stateful logic",
            "Coverage increase of +2.0 percentage points (1481 lines * 0.5 / 25768 total)",
        ])
    );
    let artifacts = &plan.must_haves.artifacts;
    assert_eq!(artifacts.len(), 2);
    assert_eq!(artifacts[0].path, "backend/tests/unit/test_models_orm.py");
    assert_eq!(
        artifacts[0].provides.as_deref(),
        Some("Unit tests for ORM models (relationships, validation, lifecycle)")
    );
    assert_eq!(artifacts[0].min_lines, Some(500));
    assert_eq!(artifacts[1].min_lines, Some(400));
    let links = &plan.must_haves.key_links;
    assert_eq!(links.len(), 2);
    assert_eq!(links[0].from, "backend/tests/unit/test_models_orm.py");
    assert_eq!(links[0].to, "backend/core/models.py");
    assert_eq!(
        links[0].via.as_deref(),
        Some("import models and test ORM relationships")
    );
    assert_eq!(
        links[1].pattern.as_deref(),
        Some("from core.workflow_engine import WorkflowEngine")
    );

    let task = &plan.tasks[0];
    assert_eq!(task.task_type.as_deref(), Some("auto"));
    assert_eq!(
        task.files,
        strings(&["backend/tests/unit/test_models_orm.py"])
    );
    assert_eq!(
        task.done.as_deref(),
        Some(
            "models.py coverage >= 50%, at least 20 ORM relationship tests pass, no failing tests"
        )
    );
    let action = task.action.as_deref().expect("action");
    assert!(action.starts_with(
        "Create backend/tests/unit/test_models_orm.py with comprehensive ORM tests:\n\n"
    ));
    // The action's code fence was indented with the action; dedenting brings it to column 0.
    assert!(action.contains("\n```python\nimport pytest\n"));
    assert!(plan
        .objective
        .as_deref()
        .expect("objective")
        .starts_with("Achieve 50% coverage on models.py (2351 lines)"));
    assert_eq!(
        plan.success_criteria
            .as_deref()
            .and_then(|text| text.lines().next()),
        Some("- models.py coverage >= 50% (1176 lines covered from 2351 total)")
    );
    assert!(plan
        .verification
        .as_deref()
        .expect("verification")
        .starts_with("1. Run both test files:"));
}

#[test]
fn seed_gap_plan_keeps_gap_id_and_dependencies() {
    let document = check(
        "reports/12-tier-1-coverage-push-GAP-03-PLAN.md",
        expect(DocumentKind::Plan)
            .at(".planning/phases/12-tier-1-coverage-push/12-tier-1-coverage-push-GAP-03-PLAN.md")
            .phase("12")
            .plan("GAP-03")
            .yaml()
            .facts(&[
                ("plan", "GAP-03"),
                ("wave", "3"),
                (
                    "depends_on",
                    "12-tier-1-coverage-push-GAP-01, 12-tier-1-coverage-push-GAP-02",
                ),
            ])
            .tasks(&[
                (
                    "Task 1: Run full coverage measurement on all Tier 1 files",
                    true,
                ),
                (
                    "Task 2: Generate final gap closure report and update VERIFICATION.md",
                    true,
                ),
                (
                    "Task 3: Create GAP-03 SUMMARY and handoff to Phase 13 if needed",
                    true,
                ),
            ]),
    )
    .expect("document");
    let plan = document.plan.expect("plan facts");
    assert!(plan.gap_closure);
    assert_eq!(
        plan.depends_on,
        strings(&[
            "12-tier-1-coverage-push-GAP-01",
            "12-tier-1-coverage-push-GAP-02"
        ])
    );
    assert_eq!(plan.must_haves.truths.len(), 5);
    assert_eq!(plan.must_haves.artifacts.len(), 3);
    assert_eq!(plan.must_haves.artifacts[1].min_lines, Some(200));
    assert_eq!(plan.must_haves.artifacts[0].min_lines, None);
    assert_eq!(
        plan.must_haves.key_links[0].pattern.as_deref(),
        Some("percent_covered >= 28")
    );
    // Task 3's action holds a fenced SUMMARY example with its own `---` frontmatter; the
    // fence keeps it out of the task structure.
    assert!(plan.tasks[2]
        .action
        .as_deref()
        .expect("action")
        .contains("```markdown\n---\nphase: 12-tier-1-coverage-push\nplan: GAP-03\n"));
}

#[test]
fn seed_plan_19_09_keeps_the_leading_zero_of_its_plan_id() {
    let document = check(
        "reports/19-09-PLAN.md",
        expect(DocumentKind::Plan)
            .at(".planning/phases/19-coverage-push-and-bug-fixes/19-09-PLAN.md")
            .phase("19")
            .plan("09")
            .yaml()
            .no_title()
            .facts(&[("plan", "09"), ("depends_on", "19-05, 19-06, 19-07, 19-08")])
            .tasks(&[
                ("Run complete Phase 19 test suite with coverage", true),
                ("Verify 98%+ pass rate achieved", true),
                ("Verify 25-27% overall coverage achieved", true),
                ("Update Phase 19 summary with accurate results", true),
                ("Run final verification and create gap closure report", true),
            ]),
    )
    .expect("document");
    let plan = document.plan.expect("plan facts");
    assert_eq!(
        plan.depends_on,
        strings(&["19-05", "19-06", "19-07", "19-08"])
    );
    assert_eq!(
        plan.must_haves.key_links[0].pattern.as_deref(),
        Some("98%\\+ pass rate|25-27% coverage")
    );
    assert_eq!(
        plan.verification
            .as_deref()
            .and_then(|text| text.lines().next()),
        Some("Final verification checklist:")
    );
}

#[test]
fn seed_gap_closure_report_is_other_with_a_body_status() {
    let document = check(
        "reports/19-GAP-CLOSURE-REPORT.md",
        expect(DocumentKind::Other)
            .at(".planning/phases/19-coverage-push-and-bug-fixes/19-GAP-CLOSURE-REPORT.md")
            .key("other")
            .phase("19")
            .no_frontmatter()
            .title("Phase 19 Gap Closure Report")
            .body_status("✅ COMPLETE - All gaps closed")
            .no_score()
            .gaps(&[])
            .truths(&[]),
    )
    .expect("document");
    assert_eq!(document.body_first_line, 1);
    assert!(document.plan.is_none());
    assert!(document.summary.is_none());
}

// ------------------------------------------------------------------------------------------
// Kinds by file name
// ------------------------------------------------------------------------------------------

#[test]
fn kind_plan_by_name() {
    let document = check(
        "kinds/05-02-PLAN.md",
        expect(DocumentKind::Plan)
            .key("plan")
            .phase("05")
            .plan("02")
            .yaml()
            .no_title()
            .facts(&[
                ("depends_on", "05-01"),
                (
                    "files_modified",
                    "src/lib/auth.ts, src/app/api/auth/login/route.ts",
                ),
                ("requirements", "AUTH-01, AUTH-02"),
            ])
            .tasks(&[("Task 1: Auth helpers", true), ("", true)]),
    )
    .expect("document");
    let plan = document.plan.expect("plan facts");
    assert_eq!(plan.autonomous, Some(false));
    assert_eq!(plan.requirements, strings(&["AUTH-01", "AUTH-02"]));
    assert_eq!(
        plan.must_haves.artifacts[0].exports,
        strings(&["signToken", "verifyToken"])
    );
    assert_eq!(
        plan.must_haves.key_links[0].pattern.as_deref(),
        Some("signToken\\(")
    );
    assert_eq!(
        plan.objective.as_deref(),
        Some("Add JWT login.\n\nPurpose: users can sign in.")
    );
    assert_eq!(
        plan.tasks[0].action.as_deref(),
        Some("Write `signToken` and `verifyToken` with jose.")
    );
    assert_eq!(plan.tasks[0].verify.as_deref(), Some("npm test -- auth"));
    let checkpoint = &plan.tasks[1];
    assert_eq!(
        checkpoint.task_type.as_deref(),
        Some("checkpoint:human-verify")
    );
    assert_eq!(
        checkpoint.other_parts,
        vec![
            (
                "what-built".to_string(),
                "Login form wired to the API".to_string()
            ),
            (
                "how-to-verify".to_string(),
                "1. Open /login\n2. Sign in with a test user".to_string()
            ),
            (
                "resume-signal".to_string(),
                "Type \"approved\" or describe issues".to_string()
            ),
        ]
    );
    assert_eq!(
        plan.success_criteria.as_deref(),
        Some("- Login works end to end")
    );
}

#[test]
fn kind_summary_by_name() {
    let document = check(
        "kinds/05-02-SUMMARY.md",
        expect(DocumentKind::Summary)
            .key("summary")
            .phase("05")
            .plan("02")
            .yaml()
            .title("Phase 5 Plan 2: JWT Auth Summary")
            .facts(&[
                ("tags", "jwt, jose, bcrypt"),
                ("requires", "- phase: 04-database\n  provides: User model"),
                (
                    "tech-stack",
                    "added: jose, bcrypt\npatterns: httpOnly cookie auth",
                ),
                (
                    "key-decisions",
                    "- Used jose instead of jsonwebtoken (ESM-native)\n- 15-min access tokens \
                     with 7-day refresh",
                ),
            ]),
    )
    .expect("document");
    let summary = document.summary.expect("summary facts");
    assert_eq!(
        summary.one_liner.as_deref(),
        Some("JWT auth with refresh rotation using jose library")
    );
    assert_eq!(summary.duration.as_deref(), Some("28min"));
    assert_eq!(summary.completed.as_deref(), Some("2025-01-15"));
    assert_eq!(
        summary.key_files.created,
        strings(&["src/app/api/auth/login/route.ts", "src/lib/auth.ts"])
    );
    assert_eq!(
        summary.key_files.modified,
        strings(&["prisma/schema.prisma"])
    );
    assert!(summary.key_files.other.is_empty());
    assert_eq!(
        summary.decisions,
        strings(&[
            "Used jose instead of jsonwebtoken (ESM-native)",
            "15-min access tokens with 7-day refresh",
        ])
    );
    assert_eq!(summary.subsystem.as_deref(), Some("auth"));
    assert_eq!(summary.tags, strings(&["jwt", "jose", "bcrypt"]));
    assert_eq!(
        summary.tech_stack,
        vec![
            ("added".to_string(), strings(&["jose", "bcrypt"])),
            ("patterns".to_string(), strings(&["httpOnly cookie auth"])),
        ]
    );
}

#[test]
fn kind_verification_by_name() {
    let document = check(
        "kinds/05-VERIFICATION.md",
        expect(DocumentKind::Verification)
            .phase("05")
            .yaml()
            .title("Phase 5: Auth Verification Report")
            .status("gaps_found")
            .body_status_absent()
            .score(5, 6)
            .gaps(&[("User can log out", "failed")])
            .truths(&[
                ("User can log in", GapStatus::Verified),
                ("User can log out", GapStatus::Failed),
            ]),
    )
    .expect("document");
    let facts = document.verification.expect("verification facts");
    assert_eq!(
        facts.gaps[0].reason.as_deref(),
        Some("Logout button not wired")
    );
    assert_eq!(
        facts.gaps[0].artifacts,
        strings(&["src/components/Header.tsx"])
    );
    assert_eq!(
        facts.gaps[0].missing,
        strings(&["Wire onClick to logout()"])
    );
    assert_eq!(facts.human_verification.len(), 1);
    assert_eq!(
        facts.human_verification[0].test,
        "Visual check of the login page"
    );
    assert_eq!(
        facts.human_verification[0].expected.as_deref(),
        Some("Form is centred")
    );
    assert_eq!(facts.human_verification[0].actual, None);
    assert_eq!(
        facts.human_verification[0].why_human.as_deref(),
        Some("Visual layout cannot be checked by grep")
    );
    assert_eq!(
        facts.re_verification,
        Some(vec![
            ("previous_status".to_string(), "gaps_found".to_string()),
            ("previous_score".to_string(), "4/6".to_string()),
            ("gaps_closed".to_string(), "Login form submits".to_string()),
            ("gaps_remaining".to_string(), "(none)".to_string()),
        ])
    );
    assert_eq!(facts.status(), Some("gaps_found"));
}

#[test]
fn kind_uat_context_research_roadmap_state_other_by_name() {
    check(
        "kinds/05-UAT.md",
        expect(DocumentKind::Uat)
            .key("uat")
            .phase("05")
            .yaml()
            .status("complete")
            .facts(&[("source", "05-01-SUMMARY.md, 05-02-SUMMARY.md")]),
    );
    check(
        "kinds/05-CONTEXT.md",
        expect(DocumentKind::Context)
            .key("other")
            .phase("05")
            .no_frontmatter()
            .title("Phase 5: Auth - Context"),
    );
    check(
        "kinds/05-RESEARCH.md",
        expect(DocumentKind::Research)
            .key("other")
            .phase("05")
            .no_frontmatter()
            .title("Phase 5: Auth - Research"),
    );
    check(
        "kinds/ROADMAP.md",
        expect(DocumentKind::Roadmap)
            .key("roadmap")
            .no_frontmatter()
            .title("Roadmap: Example"),
    );
    check(
        "kinds/STATE.md",
        expect(DocumentKind::State)
            .key("state")
            .no_frontmatter()
            .title("Project State"),
    );
    let notes = check(
        "kinds/notes.md",
        expect(DocumentKind::Other)
            .key("other")
            .no_frontmatter()
            .title("Meeting notes"),
    )
    .expect("document");
    assert!(notes.verification.is_none());
    check(
        "kinds/phase_05_gap_closure_final_report.md",
        expect(DocumentKind::Other)
            .phase("05")
            .no_frontmatter()
            .body_status("⚠\u{fe0f} PARTIAL - one gap remains"),
    );
}

#[test]
fn kind_names_are_upper_case_suffixes() {
    assert_eq!(
        DocumentKind::from_file_name("12-01-PLAN.md"),
        Some(DocumentKind::Plan)
    );
    assert_eq!(
        DocumentKind::from_file_name("PLAN.md"),
        Some(DocumentKind::Plan)
    );
    assert_eq!(
        DocumentKind::from_file_name("19-PHASE-SUMMARY.md"),
        Some(DocumentKind::Summary)
    );
    assert_eq!(
        DocumentKind::from_file_name("ROADMAP.MD"),
        Some(DocumentKind::Roadmap)
    );
    assert_eq!(DocumentKind::from_file_name("migration-plan.md"), None);
    assert_eq!(
        DocumentKind::from_file_name("19-GAP-CLOSURE-REPORT.md"),
        None
    );
    assert_eq!(DocumentKind::from_file_name("EXPLANATION.md"), None);
    // Regression: versions and copies of a roadmap were read as plain reports.
    for name in [
        "ROADMAP_V2.md",
        "ROADMAP-v7.0-backup.md",
        "ROADMAP.old.md",
        "ROADMAP-2.md",
    ] {
        assert_eq!(
            DocumentKind::from_file_name(name),
            Some(DocumentKind::Roadmap),
            "{name}"
        );
    }
    assert_eq!(
        DocumentKind::from_file_name("12-01-PLAN-draft.md"),
        Some(DocumentKind::Plan)
    );
    assert_eq!(
        DocumentKind::from_file_name("STATE_backup.md"),
        Some(DocumentKind::State)
    );
    assert_eq!(DocumentKind::from_file_name("ROADMAPPING-v2.md"), None);
    assert_eq!(DocumentKind::from_file_name("v2.md"), None);
}

// ------------------------------------------------------------------------------------------
// Kinds by frontmatter signature
// ------------------------------------------------------------------------------------------

#[test]
fn kind_by_frontmatter_signature() {
    check(
        "signatures/sig-verification.md",
        expect(DocumentKind::Verification)
            .phase("06")
            .yaml()
            .status("passed")
            .score(6, 6),
    );
    check(
        "signatures/sig-plan-must-haves.md",
        expect(DocumentKind::Plan).phase("06").plan("01").yaml(),
    );
    check(
        "signatures/sig-plan-wave.md",
        expect(DocumentKind::Plan)
            .phase("06")
            .plan("02")
            .yaml()
            .facts(&[("wave", "1")]),
    );
    check(
        "signatures/sig-plan-depends-on.md",
        expect(DocumentKind::Plan)
            .phase("06")
            .plan("03")
            .yaml()
            .facts(&[("depends_on", "(none)")]),
    );
    let subsystem = check(
        "signatures/sig-summary-subsystem.md",
        expect(DocumentKind::Summary).phase("06").plan("01").yaml(),
    )
    .expect("document");
    let summary = subsystem.summary.expect("summary facts");
    assert_eq!(summary.subsystem.as_deref(), Some("dashboard"));
    assert_eq!(summary.one_liner.as_deref(), Some("Dashboard shipped"));
    let tech = check(
        "signatures/sig-summary-tech-stack.md",
        expect(DocumentKind::Summary).phase("06").plan("02").yaml(),
    )
    .expect("document");
    let summary = tech.summary.expect("summary facts");
    assert_eq!(
        summary.tech_stack,
        vec![(String::new(), strings(&["react", "vite"]))]
    );
    assert_eq!(
        summary.one_liner.as_deref(),
        Some("First paragraph of the summary.")
    );
    check(
        "signatures/sig-summary-provides.md",
        expect(DocumentKind::Summary).phase("06").plan("03").yaml(),
    );
    check(
        "signatures/sig-state.md",
        expect(DocumentKind::State).key("state").yaml().facts(&[
            ("gsd_state_version", "1.0"),
            (
                "progress",
                "total_phases: 4\ncompleted_phases: 1\npercent: 25",
            ),
        ]),
    );
    check(
        "signatures/sig-none.md",
        expect(DocumentKind::Other)
            .yaml()
            .facts(&[("title", "Release notes"), ("author", "someone")]),
    );
}

// ------------------------------------------------------------------------------------------
// Invalid YAML, delimiters, duplicate keys
// ------------------------------------------------------------------------------------------

#[test]
fn yaml_unknown_escape_falls_back_and_keeps_the_backslash() {
    let document = check(
        "yaml/unknown-escape.md",
        expect(DocumentKind::Plan)
            .phase("08")
            .plan("01")
            .warns(&["not valid YAML (line 8: while parsing a quoted scalar, found unknown escape character)"])
            .lenient(),
    )
    .expect("document");
    let plan = document.plan.expect("plan facts");
    assert_eq!(
        plan.must_haves.key_links[0].pattern.as_deref(),
        Some("foo\\.bar")
    );
    assert_eq!(plan.must_haves.key_links[0].from, "src/a.ts");
}

#[test]
fn yaml_comma_separated_quoted_strings_become_a_list() {
    let document = check(
        "yaml/comma-quoted.md",
        expect(DocumentKind::Plan)
            .phase("08")
            .plan("02")
            .warns(&[
                "not valid YAML (line 7: invalid trailing content after double-quoted scalar)",
            ])
            .lenient(),
    )
    .expect("document");
    let plan = document.plan.expect("plan facts");
    assert_eq!(
        plan.must_haves.artifacts[0].contains,
        strings(&["export const A", "export const B"])
    );
}

#[test]
fn yaml_values_starting_with_at_or_backtick_are_text() {
    check(
        "yaml/at-value.md",
        expect(DocumentKind::Plan)
            .phase("08")
            .plan("03")
            .warns(&["not valid YAML (line 4: unexpected character: `@')"])
            .lenient()
            .facts(&[("context", "@.planning/STATE.md"), ("wave", "1")]),
    );
    check(
        "yaml/backtick-value.md",
        expect(DocumentKind::Plan)
            .phase("08")
            .plan("04")
            .warns(&["not valid YAML (line 4: unexpected character: ``')"])
            .lenient()
            .facts(&[("verify", "`npm test` passes"), ("wave", "2")]),
    );
}

#[test]
fn yaml_key_text_more_splits_at_the_first_colon() {
    check(
        "yaml/colon-in-value.md",
        expect(DocumentKind::Verification)
            .phase("08")
            .warns(&["not valid YAML (line 5: mapping values are not allowed in this context)"])
            .lenient()
            .status("gaps_found")
            .score(2, 3)
            .facts(&[("score", "2/3 truths: partially verified")]),
    );
}

#[test]
fn yaml_duplicate_keys_warn_and_keep_the_last_value() {
    check(
        "yaml/duplicate-keys.md",
        expect(DocumentKind::Verification)
            .phase("09")
            .warns(&["the frontmatter key `status` appears more than once (line 6); the last value is kept"])
            .yaml()
            .status("passed")
            .score(1, 2),
    );
    let document = check(
        "yaml/duplicate-keys-lenient.md",
        expect(DocumentKind::Verification)
            .phase("09")
            .warns(&[
                "not valid YAML (line 4: while parsing a quoted scalar, found unknown escape character)",
                "the frontmatter key `status` appears more than once (line 5); the last value is kept",
            ])
            .lenient()
            .status("human_needed")
            .score(3, 4)
            .facts(&[("note", "a\\.b"), ("verified", "yes")]),
    )
    .expect("document");
    // The duplicate keeps the first key's position.
    let keys: Vec<String> = document
        .frontmatter
        .expect("frontmatter")
        .fact_rows()
        .into_iter()
        .map(|row| row.key)
        .collect();
    assert_eq!(
        keys,
        strings(&["phase", "status", "note", "score", "verified"])
    );
}

#[test]
fn unclosed_frontmatter_ends_before_the_markdown() {
    check(
        "yaml/unclosed-before-heading.md",
        expect(DocumentKind::Verification)
            .phase("10")
            .warns(&[
                "the frontmatter opened on line 1 is never closed with `---`; it is taken to end \
                 at line 5, before the markdown on line 9",
            ])
            .yaml()
            .unclosed()
            .status("passed")
            .score(4, 4)
            .title("Phase 10 Verification")
            .body_starts("\n# Phase 10 Verification\n\nAll good.\n"),
    );
    check(
        "yaml/unclosed-swallows-rule.md",
        expect(DocumentKind::Other)
            .phase("10")
            .warns(&[
                "the frontmatter opened on line 1 is not closed before the markdown on line 8; it \
                 is taken to end at line 4, and the `---` on line 14 is read as part of the body",
            ])
            .yaml()
            .unclosed()
            .status("gaps_found")
            .score(1, 3)
            .title("Phase 10 Report")
            .truths(&[("It works", GapStatus::Failed)])
            .body_starts("\n# Phase 10 Report\n"),
    );
    check(
        "yaml/unclosed-all-yaml.md",
        expect(DocumentKind::Other)
            .phase("10")
            .warns(&["is never closed with `---`; the whole file is read as frontmatter"])
            .yaml()
            .unclosed()
            .status("passed")
            .score(2, 2)
            .no_title(),
    );
}

#[test]
fn a_wrapped_line_inside_closed_frontmatter_is_not_taken_for_markdown() {
    check(
        "yaml/continuation-line.md",
        expect(DocumentKind::Other)
            .phase("17")
            .warns(&["not valid YAML (line 5: invalid indentation in multiline quoted scalar)"])
            .lenient()
            .status("passed")
            .facts(&[("reason", "a long reason that wraps to column zero")])
            .title("Wrapped value")
            .body_starts("\n# Wrapped value"),
    );
}

#[test]
fn empty_and_list_frontmatter() {
    let document = check(
        "yaml/empty-frontmatter.md",
        expect(DocumentKind::Other)
            .yaml()
            .title("Empty frontmatter")
            .body_starts("\n# Empty frontmatter"),
    )
    .expect("document");
    assert!(document
        .frontmatter
        .expect("frontmatter")
        .entries
        .is_empty());
    check(
        "yaml/list-frontmatter.md",
        expect(DocumentKind::Other)
            .warns(&[
                "the frontmatter is a list, not `key: value` lines",
                "line 2 of the frontmatter is not under any key; it is kept as text",
                "line 3 of the frontmatter is not under any key; it is kept as text",
            ])
            .lenient()
            .facts(&[("line 2", "- phase: 11"), ("line 3", "- status: passed")]),
    );
}

/// The budget is counted in replayed YAML items, not time: the warning says it cut in, so
/// the work done is bounded whatever the machine (speed is the benchmark's business).
#[test]
fn an_alias_bomb_is_cut_off_by_the_replay_budget_with_a_warning() {
    let document = check(
        "yaml/alias-bomb.md",
        expect(DocumentKind::Other)
            .phase("11")
            .warns(&["not valid YAML (line 8: its aliases repeat"])
            .lenient()
            .status("passed")
            .title("Billion laughs"),
    )
    .expect("document");
    let rows = document.frontmatter.expect("frontmatter").fact_rows();
    assert_eq!(rows.len(), 12);
    assert_eq!(rows[11].text, "&j [*i,*i,*i,*i,*i,*i,*i,*i,*i]");
}

#[test]
fn deep_nesting_is_capped() {
    let document = check(
        "yaml/deep-nesting.md",
        expect(DocumentKind::Other)
            .phase("11")
            .warns(&["not valid YAML (line 36: it nests deeper than 32 levels"])
            .lenient()
            .status("passed"),
    )
    .expect("document");
    let text = document.frontmatter.expect("frontmatter").fact_rows()[2]
        .text
        .clone();
    assert!(text.starts_with("k1:\n  k2:\n"));
    assert!(
        text.contains("leaf: x"),
        "deep lines are kept as text: {text}"
    );
}

#[test]
fn crlf_and_bom_files_read_like_any_other() {
    check(
        "yaml/crlf.md",
        expect(DocumentKind::Plan)
            .phase("11")
            .plan("05")
            .yaml()
            .facts(&[("wave", "1")])
            .tasks(&[("CRLF task", true)]),
    );
    check(
        "yaml/bom.md",
        expect(DocumentKind::Verification)
            .phase("11")
            .yaml()
            .status("passed")
            .score(1, 1)
            .title("BOM report"),
    );
}

// ------------------------------------------------------------------------------------------
// Type drift
// ------------------------------------------------------------------------------------------

#[test]
fn type_drift_keeps_ids_as_written() {
    let eight = check(
        "drift/plan-08.md",
        expect(DocumentKind::Plan)
            .phase("13")
            .plan("08")
            .warns(&["files_modified is a count (3), not a list of paths"])
            .yaml()
            .facts(&[
                ("plan", "08"),
                ("files_modified", "3"),
                ("autonomous", "yes"),
            ]),
    )
    .expect("document");
    let plan = eight.plan.expect("plan facts");
    assert!(plan.files_modified.is_empty());
    assert_eq!(plan.depends_on, strings(&["13-07"]));
    assert_eq!(plan.autonomous, Some(true));
    assert_eq!(plan.objective.as_deref(), Some("Drifted types."));

    let seven = check(
        "drift/plan-07.md",
        expect(DocumentKind::Plan)
            .phase("013")
            .plan("07")
            .yaml()
            .facts(&[("phase", "013"), ("plan", "07"), ("wave", "2")]),
    )
    .expect("document");
    let plan = seven.plan.expect("plan facts");
    assert_eq!(plan.wave.as_deref(), Some("2"));
    assert!(plan.gap_closure);
    assert_eq!(plan.files_modified, strings(&["a.py"]));
}

/// Regression: a nested `plan: 08` showed as `8` (YAML read it as a number) while a
/// top-level one kept its spelling; every scalar now keeps it, at every depth, with its line.
#[test]
fn nested_ids_keep_their_spelling_and_lines() {
    let document = check(
        "drift/nested-plan-08.md",
        expect(DocumentKind::Plan)
            .phase("13")
            .plan("09")
            .yaml()
            .facts(&[
                ("depends_on", "- phase: 13\n  plan: 08"),
                (
                    "context",
                    "plan: 08\nwave: 1.50\nautonomous: True\nsize: 0x1F",
                ),
            ]),
    )
    .expect("document");
    let frontmatter = document.frontmatter.expect("frontmatter");
    let context = frontmatter.entry("context").expect("context");
    assert_eq!(context.line, 7);
    let nested_plan = context
        .value
        .get("plan")
        .and_then(|value| value.as_scalar());
    assert_eq!(
        nested_plan.map(|scalar| (scalar.as_str(), scalar.line)),
        Some(("08", 8))
    );
    let listed_plan = frontmatter
        .get("depends_on")
        .and_then(|value| match value {
            covscope::core::document::FrontmatterValue::List(items) => items.first(),
            _ => None,
        })
        .and_then(|item| item.get("plan"))
        .and_then(|value| value.as_scalar());
    assert_eq!(
        listed_plan.map(|scalar| (scalar.as_str(), scalar.line)),
        Some(("08", 6))
    );
}

#[test]
fn must_haves_as_a_list() {
    let document = check(
        "drift/must-haves-list.md",
        expect(DocumentKind::Plan).phase("13").plan("09").yaml(),
    )
    .expect("document");
    let must_haves = document.plan.expect("plan facts").must_haves;
    assert_eq!(
        must_haves.truths,
        strings(&["Reports render", "Tables sort"])
    );
    assert_eq!(must_haves.artifacts.len(), 1);
    assert_eq!(must_haves.artifacts[0].path, "src/table.rs");
    assert_eq!(must_haves.artifacts[0].provides.as_deref(), Some("Sorting"));
    assert_eq!(must_haves.artifacts[0].min_lines, Some(120));
    assert_eq!(must_haves.key_links.len(), 1);
    assert_eq!(must_haves.key_links[0].from, "src/table.rs");
    assert_eq!(must_haves.key_links[0].to, "src/view.rs");
    assert_eq!(must_haves.key_links[0].via.as_deref(), Some("render call"));
}

// ------------------------------------------------------------------------------------------
// Verification details
// ------------------------------------------------------------------------------------------

#[test]
fn verification_without_frontmatter_uses_the_body_status() {
    let document = check(
        "verification/07-VERIFICATION.md",
        expect(DocumentKind::Verification)
            .phase("07")
            .no_frontmatter()
            .body_status("✅ COMPLETE")
            .score(4, 7)
            .gaps(&[]),
    )
    .expect("document");
    let facts = document.verification.expect("verification facts");
    assert_eq!(facts.status_raw, None);
    assert_eq!(facts.status(), Some("✅ COMPLETE"));
    assert_eq!(facts.score.expect("score").raw, "4/7 truths verified");
}

#[test]
fn truths_table_status_glyphs_and_words() {
    check(
        "verification/truths-glyphs.md",
        expect(DocumentKind::Verification)
            .phase("14")
            .yaml()
            .status("gaps_found")
            .score(4, 9)
            .truths(&[
                ("Check mark", GapStatus::Verified),
                ("Green tick", GapStatus::Verified),
                ("Warning sign", GapStatus::Partial),
                ("Ballot x", GapStatus::Failed),
                ("Red cross", GapStatus::Failed),
                ("Word verified", GapStatus::Verified),
                ("Word partial", GapStatus::Partial),
                ("Negated", GapStatus::Failed),
                ("Unknown", GapStatus::Other),
            ]),
    );
}

#[test]
fn gaps_in_several_shapes() {
    let document = check(
        "verification/gaps-shapes.md",
        expect(DocumentKind::Verification)
            .phase("14")
            .yaml()
            .score(0, 2)
            .gaps(&[
                ("A gap written as a plain string", "other"),
                ("A gap with odd status", "failed"),
            ]),
    )
    .expect("document");
    let facts = document.verification.expect("verification facts");
    assert_eq!(
        facts.gaps[1].status_raw.as_deref(),
        Some("blocked-by-upstream")
    );
    assert_eq!(facts.gaps[1].artifacts, strings(&["src/plain_path.rs"]));
    assert_eq!(facts.gaps[1].missing, strings(&["one thing"]));
    assert_eq!(facts.human_verification.len(), 1);
    assert_eq!(facts.human_verification[0].test, "Just look at it");
}

#[test]
fn score_variants_from_fixtures() {
    for (fixture, verified, total) in [
        ("verification/score-must-haves.md", 5, 6),
        ("verification/score-spaced.md", 3, 6),
        ("verification/score-prefixed.md", 4, 7),
        ("verification/score-bold.md", 6, 6),
        ("verification/score-percent-first.md", 6, 6),
        ("verification/score-of.md", 6, 7),
    ] {
        check(
            fixture,
            expect(DocumentKind::Verification)
                .phase("15")
                .yaml()
                .status("passed")
                .score(verified, total),
        );
    }
    check(
        "verification/score-none.md",
        expect(DocumentKind::Verification)
            .phase("15")
            .yaml()
            .no_score()
            .facts(&[("score", "pending")]),
    );
}

#[test]
fn score_texts() {
    let cases: &[(&str, Option<(u32, u32)>)] = &[
        ("5/6 must-haves verified", Some((5, 6))),
        ("3/6 must_haves verified", Some((3, 6))),
        ("3 / 6", Some((3, 6))),
        ("Score: 4/7 truths", Some((4, 7))),
        ("**5/6**", Some((5, 6))),
        ("100% (6/6)", Some((6, 6))),
        ("6 of 7 truths verified", Some((6, 7))),
        ("12/12 (100%)", Some((12, 12))),
        ("0/3", Some((0, 3))),
        (
            "3/6 truths verified (50%) → 3/6 fully verified",
            Some((3, 6)),
        ),
        ("1.5/2 partial", None),
        ("verified on 2025/02/15", None),
        ("99999999999/3 then 2/3", Some((2, 3))),
        ("pending", None),
        ("", None),
        ("5/", None),
        ("one of the 3 files", None),
    ];
    for (text, wanted) in cases {
        let actual = parse_score(text).map(|score| (score.verified, score.total));
        assert_eq!(actual, *wanted, "score {text:?}");
    }
    assert_eq!(
        parse_score("  5/6 must-haves  ").expect("score").raw,
        "5/6 must-haves"
    );
}

#[test]
fn status_words_and_glyphs() {
    let cases: &[(&str, GapStatus)] = &[
        ("failed", GapStatus::Failed),
        ("FAILED", GapStatus::Failed),
        ("✗ FAILED", GapStatus::Failed),
        ("❌", GapStatus::Failed),
        ("missing", GapStatus::Failed),
        ("not verified", GapStatus::Failed),
        ("NOT MET", GapStatus::Failed),
        ("partial", GapStatus::Partial),
        ("⚠️ PARTIAL", GapStatus::Partial),
        ("⚠ warning", GapStatus::Partial),
        ("partially verified", GapStatus::Partial),
        ("verified", GapStatus::Verified),
        ("✓", GapStatus::Verified),
        ("✅ VERIFIED", GapStatus::Verified),
        ("passed", GapStatus::Verified),
        ("? UNCERTAIN", GapStatus::Other),
        ("human_needed", GapStatus::Other),
        ("", GapStatus::Other),
    ];
    for (text, wanted) in cases {
        assert_eq!(GapStatus::from_text(text), *wanted, "status {text:?}");
    }
    assert_eq!(GapStatus::Failed.key(), "failed");
    assert_eq!(GapStatus::Partial.key(), "partial");
    assert_eq!(GapStatus::Verified.key(), "verified");
    assert_eq!(GapStatus::Other.key(), "other");
}

// ------------------------------------------------------------------------------------------
// Tasks and sections
// ------------------------------------------------------------------------------------------

#[test]
fn unclosed_tasks_end_at_the_next_task_or_section() {
    let document = check(
        "tasks/unclosed-task.md",
        expect(DocumentKind::Plan)
            .phase("16")
            .plan("01")
            .yaml()
            .warns(&[
                "task 1 (\u{201c}First task, never closed\u{201d}) opened on line 9 is never \
                 closed with </task>",
                "task 3 (\u{201c}Third task, open at the end of tasks\u{201d}) opened on line 20 \
                 is never closed with </task>",
            ])
            .tasks(&[
                ("First task, never closed", false),
                ("Second task", true),
                ("Third task, open at the end of tasks", false),
            ]),
    )
    .expect("document");
    let plan = document.plan.expect("plan facts");
    assert_eq!(plan.tasks[0].action.as_deref(), Some("Do the first thing."));
    assert_eq!(plan.tasks[1].done.as_deref(), Some("Second done"));
    assert_eq!(plan.verification.as_deref(), Some("Run the checks."));
}

/// Regression: a `<context>` or `<verification>` inside a `<task>` ended the task, so real
/// plans showed false "task never closed" warnings; it is a child of a task that closes.
#[test]
fn sections_inside_a_closed_task_do_not_end_it() {
    let document = check(
        "tasks/sections-inside-task.md",
        expect(DocumentKind::Plan)
            .phase("17")
            .plan("02")
            .yaml()
            .tasks(&[("Measure the module", true), ("Write the summary", true)]),
    )
    .expect("document");
    let plan = document.plan.expect("plan facts");
    assert_eq!(
        plan.tasks[0].done.as_deref(),
        Some("The module is measured")
    );
    assert_eq!(
        plan.tasks[0].other_parts,
        [
            (
                "context".to_string(),
                "Read the previous summary first.".to_string()
            ),
            (
                "verification".to_string(),
                "The report lists the module.".to_string()
            ),
        ]
    );
    assert_eq!(plan.verification.as_deref(), Some("Both tasks done."));
}

#[test]
fn tasks_inside_fenced_code_are_ignored() {
    let document = check(
        "tasks/tasks-in-fence.md",
        expect(DocumentKind::Plan)
            .phase("16")
            .plan("02")
            .yaml()
            .tasks(&[("The only real task", true)]),
    )
    .expect("document");
    let plan = document.plan.expect("plan facts");
    assert_eq!(plan.tasks[0].task_type.as_deref(), Some("tdd"));
    assert_eq!(
        plan.tasks[0].action.as_deref(),
        Some(
            "Example inside the action:\n```\n<task type=\"auto\"><name>fenced in action</name></task>\n```"
        )
    );
    assert_eq!(plan.objective.as_deref(), Some("Show how tasks look."));
}

#[test]
fn placeholder_tags_and_html_stay_markdown() {
    let document = check(
        "tasks/placeholder-tags.md",
        expect(DocumentKind::Plan)
            .phase("16")
            .plan("03")
            .yaml()
            .tasks(&[]),
    )
    .expect("document");
    let segments = body_segments(&document.body_markdown);
    assert_eq!(
        segments,
        vec![
            BodySegment::Section {
                tag: "output".to_string(),
                label: "Output".to_string(),
                attributes: Vec::new(),
                children: vec![BodySegment::Markdown(
                    "Create a file named\n<phase>-<plan>-SUMMARY.md\nand mention `<task>` in prose."
                        .to_string()
                )],
                closed: true,
            },
            BodySegment::Markdown("<div>raw html stays markdown</div>".to_string()),
        ]
    );
}

#[test]
fn body_segments_of_a_plan() {
    let document = check(
        "kinds/05-02-PLAN.md",
        expect(DocumentKind::Plan).phase("05").plan("02"),
    )
    .expect("document");
    let segments = body_segments(&document.body_markdown);
    let outline: Vec<String> = segments.iter().map(outline_of).collect();
    assert_eq!(
        outline,
        strings(&[
            "objective[md]",
            "tasks[task(type=auto)[name[md] files[md] action[md] verify[md] done[md]] \
             task(type=checkpoint:human-verify,gate=blocking)[what-built[md] how-to-verify[md] \
             resume-signal[md]]]",
            "verification[md]",
            "success_criteria[md]",
            "output[md]",
        ])
    );
    let BodySegment::Section { label, .. } = &segments[3] else {
        panic!("a section");
    };
    assert_eq!(label, "Success criteria");
    // Indented section content is dedented, so it is not mistaken for a code block.
    let BodySegment::Section { children, .. } = &segments[1] else {
        panic!("a section");
    };
    let BodySegment::Section { children: task, .. } = &children[0] else {
        panic!("a task");
    };
    assert_eq!(
        task[2],
        BodySegment::Section {
            tag: "action".to_string(),
            label: "Action".to_string(),
            attributes: Vec::new(),
            children: vec![BodySegment::Markdown(
                "Write `signToken` and `verifyToken` with jose.".to_string()
            )],
            closed: true,
        }
    );
}

#[test]
fn body_segments_of_small_inputs() {
    assert_eq!(body_segments(""), Vec::new());
    assert_eq!(
        body_segments("plain *text*"),
        vec![BodySegment::Markdown("plain *text*".to_string())]
    );
    assert_eq!(
        body_segments("<task type=\"auto\">\n<name>Open</name>\n"),
        vec![BodySegment::Section {
            tag: "task".to_string(),
            label: "Task".to_string(),
            attributes: vec![("type".to_string(), "auto".to_string())],
            children: vec![BodySegment::Section {
                tag: "name".to_string(),
                label: "Name".to_string(),
                attributes: Vec::new(),
                children: vec![BodySegment::Markdown("Open".to_string())],
                closed: true,
            }],
            closed: false,
        }]
    );
    assert_eq!(
        body_segments("</stray>\n<lonely>\n"),
        vec![BodySegment::Markdown("</stray>\n<lonely>".to_string())]
    );
    assert_eq!(
        body_segments("<br/>\n<note/>"),
        vec![
            BodySegment::Markdown("<br/>".to_string()),
            BodySegment::Section {
                tag: "note".to_string(),
                label: "Note".to_string(),
                attributes: Vec::new(),
                children: Vec::new(),
                closed: true,
            },
        ]
    );
}

fn outline_of(segment: &BodySegment) -> String {
    match segment {
        BodySegment::Markdown(_) => "md".to_string(),
        BodySegment::Section {
            tag,
            attributes,
            children,
            ..
        } => {
            let attributes = if attributes.is_empty() {
                String::new()
            } else {
                let pairs: Vec<String> = attributes
                    .iter()
                    .map(|(name, value)| format!("{name}={value}"))
                    .collect();
                format!("({})", pairs.join(","))
            };
            let inner: Vec<String> = children.iter().map(outline_of).collect();
            format!("{tag}{attributes}[{}]", inner.join(" "))
        }
    }
}

// ------------------------------------------------------------------------------------------
// Phase and plan ids
// ------------------------------------------------------------------------------------------

#[test]
fn phase_ids_from_folders_and_names() {
    check(
        "ids/phases/080-data-layer/080-01-PLAN.md",
        expect(DocumentKind::Plan)
            .phase("080")
            .plan("01")
            .no_frontmatter(),
    );
    check(
        "ids/phases/225.1-hotfix/225.1-02-PLAN.md",
        expect(DocumentKind::Plan).phase("225.1").plan("02"),
    );
    check(
        "ids/phases/253b-extra/253b-01-SUMMARY.md",
        expect(DocumentKind::Summary).phase("253b").plan("01"),
    );
    check(
        "ids/phases/09-misc/notes-PLAN.md",
        expect(DocumentKind::Plan).phase("09"),
    );
    check(
        "ids/080-VERIFICATION.md",
        expect(DocumentKind::Verification)
            .phase("080")
            .body_status("passed"),
    );
    check(
        "ids/phases/12-tier-1-coverage-push/12-tier-1-coverage-push-VERIFICATION.md",
        expect(DocumentKind::Verification)
            .phase("12")
            .body_status("gaps_found"),
    );
}

#[test]
fn plan_ids_from_names() {
    check(
        "ids/phases/07-auth/07-04a-PLAN.md",
        expect(DocumentKind::Plan).phase("07").plan("04a"),
    );
    check(
        "ids/phases/07-auth/07-WAVE1-PLAN.md",
        expect(DocumentKind::Plan).phase("07").plan("WAVE1"),
    );
    check(
        "ids/phases/12-tier-1-coverage-push/12-tier-1-coverage-push-GAP-03-PLAN.md",
        expect(DocumentKind::Plan).phase("12").plan("GAP-03"),
    );
    check(
        "ids/19-09-PLAN.md",
        expect(DocumentKind::Plan).phase("19").plan("09"),
    );
    // Without its folder the slug is unknown; the trailing id shape still wins.
    check(
        "ids/phases/12-tier-1-coverage-push/12-tier-1-coverage-push-GAP-03-PLAN.md",
        expect(DocumentKind::Plan)
            .at("12-tier-1-coverage-push-GAP-03-PLAN.md")
            .phase("12")
            .plan("GAP-03"),
    );
    check(
        "ids/phases/07-auth/07-04a-PLAN.md",
        expect(DocumentKind::Plan)
            .at("C:\\work\\.planning\\phases\\07-auth\\07-04a-PLAN.md")
            .phase("07")
            .plan("04a"),
    );
}

// ------------------------------------------------------------------------------------------
// Unusable bytes
// ------------------------------------------------------------------------------------------

#[test]
fn unusable_bytes_fail_with_the_text_check_messages() {
    check("failures/empty.md", failure("the file is empty"));
    check("failures/whitespace.md", failure("the file is empty"));
    check(
        "failures/binary.md",
        failure("the file is binary, not text (a NUL byte at offset 13)"),
    );
    check(
        "failures/utf16le.md",
        failure("the file is UTF-16 encoded (little-endian); save it as UTF-8"),
    );
    check(
        "failures/utf16be.md",
        failure("the file is UTF-16 encoded (big-endian); save it as UTF-8"),
    );
    check(
        "failures/invalid-utf8.md",
        failure("the file is not valid UTF-8 (bad byte at offset 31, line 7)"),
    );
}

// ------------------------------------------------------------------------------------------
// Safe rendering
// ------------------------------------------------------------------------------------------

/// The real tags in rendered HTML (escaped text never contains a literal `<`).
fn html_tags(html: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start..];
        let end = after.find('>').map_or(after.len(), |end| end + 1);
        tags.push(after[..end].to_string());
        rest = &after[end..];
    }
    tags
}

/// Attribute names and values of one tag, e.g. `<a href="x" rel="y">`.
fn tag_attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let mut attributes = Vec::new();
    let mut rest = inner.split_once(' ').map_or("", |(_, rest)| rest).trim();
    while !rest.is_empty() {
        let name_end = rest.find(['=', ' ']).unwrap_or(rest.len());
        let name = rest[..name_end].to_string();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(quoted) = after.strip_prefix('"') {
                let close = quoted.find('"').unwrap_or(quoted.len());
                value = quoted[..close].to_string();
                rest = quoted.get(close + 1..).unwrap_or("").trim_start();
            } else {
                let close = after.find(' ').unwrap_or(after.len());
                value = after[..close].to_string();
                rest = after[close..].trim_start();
            }
        }
        attributes.push((name, value));
    }
    attributes
}

fn assert_safe_html(html: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script tag in {html}");
    assert!(!lower.contains("<img"), "img tag in {html}");
    assert!(!lower.contains("<svg"), "svg tag in {html}");
    assert!(!lower.contains("<iframe"), "iframe tag in {html}");
    for tag in html_tags(html) {
        for (name, value) in tag_attributes(&tag) {
            let name = name.to_ascii_lowercase();
            assert!(!name.starts_with("on"), "event handler {name} in {tag}");
            if name == "href" || name == "src" {
                let value = value.to_ascii_lowercase();
                assert!(!value.contains("javascript:"), "javascript href in {tag}");
                assert!(!value.contains("data:"), "data href in {tag}");
                assert!(!value.contains("vbscript:"), "vbscript href in {tag}");
                assert!(!value.starts_with("file:"), "file href in {tag}");
            }
        }
    }
}

#[test]
fn render_xss_fixture_is_inert() {
    let markdown = String::from_utf8(fixture_bytes("render/xss.md")).expect("utf-8");
    let html = render_markdown_safe(&markdown);
    assert_safe_html(&html);
    // Raw HTML shows as text.
    assert!(html.contains("&lt;script&gt;alert('block')&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // Unsafe links keep only their text.
    for text in [
        "plain js",
        "mixed case",
        "entity",
        "hex entity",
        "tab inside",
        "data",
        "vb",
        "file",
        "spaced",
    ] {
        assert!(
            html.contains(&format!("{text}\n")) && !html.contains(&format!(">{text}</a>")),
            "{text} kept as text: {html}"
        );
    }
    assert!(html.contains("<p>ref js</p>"));
    // Safe links keep their destination and gain rel (and a new tab unless in-page).
    assert!(html.contains(
        "<a href=\"http://example.com/a?b=1&amp;c=2\" rel=\"noopener noreferrer\" \
         target=\"_blank\">ok http</a>"
    ));
    assert!(html.contains("<a href=\"mailto:someone@example.com\" rel=\"noopener noreferrer\""));
    assert!(html.contains("<a href=\"../12-01-PLAN.md\" rel=\"noopener noreferrer\""));
    assert!(
        html.contains("<a href=\"#observable-truths\" rel=\"noopener noreferrer\">ok anchor</a>")
    );
    // Images become links or text, never <img>.
    assert!(html.contains(
        "<a href=\"http://example.com/x.png\" rel=\"noopener noreferrer\" target=\"_blank\" \
         title=\"title\" class=\"image-link\">[image: img]</a>"
    ));
    assert!(html.contains("[image: js img]"));
    assert!(html.contains("[image: data img]"));
    // GFM features still render.
    assert!(html.contains("<table>"));
    assert!(html.contains("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>"));
    assert!(html.contains("<del>struck</del>"));
    assert!(html.contains("class=\"footnote-definition\""));
    assert!(html.contains("<pre><code class=\"language-html\">&lt;script&gt;"));
}

#[test]
fn render_single_payloads_are_inert() {
    let payloads = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](&#x6a;&#x61;&#x76;&#x61;script:alert(1))",
        "[x](&#0000106;avascript:alert(1))",
        "[x](java%0ascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](vbscript:msgbox(1))",
        "[x](file:///etc/passwd)",
        "[x]: javascript:alert(1)\n\n[x]",
        "![x](javascript:alert(1))",
        "![x\" onerror=\"alert(1)](http://example.com/a.png)",
        "[x](http://example.com/\" onmouseover=\"alert(1))",
        "[x](http://example.com \"t\\\" onmouseover=alert(1) \\\"\")",
        "<javascript:alert(1)>",
        "<http://example.com/\"onmouseover=\"alert(1)>",
        "<iframe src=javascript:alert(1)></iframe>",
        "<details open ontoggle=alert(1)>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "```\n</code></pre><script>alert(1)</script>\n```",
        "`<script>alert(1)</script>`",
        "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
        "[^1]\n\n[^1]: <script>alert(1)</script>",
    ];
    for payload in payloads {
        let html = render_markdown_safe(payload);
        assert_safe_html(&html);
    }
}

#[test]
fn render_badges_and_in_page_links() {
    assert_eq!(
        render_markdown_safe("[![build](https://ci.example/badge.svg)](https://ci.example)"),
        "<p><a href=\"https://ci.example\" rel=\"noopener noreferrer\" target=\"_blank\">\
         [image: build]</a></p>\n"
    );
    assert_eq!(
        render_markdown_safe("See [truths](#observable-truths)."),
        "<p>See <a href=\"#observable-truths\" rel=\"noopener noreferrer\">truths</a>.</p>\n"
    );
    assert_eq!(
        render_markdown_safe("[x](javascript:alert(1)) and <b>bold</b>"),
        "<p>x and &lt;b&gt;bold&lt;/b&gt;</p>\n"
    );
}

#[test]
fn link_destinations() {
    let safe = [
        "http://example.com",
        "HTTPS://example.com",
        "mailto:a@b.c",
        "relative/path.md",
        "../up.md",
        "#anchor",
        "?query=1",
        "/absolute/path",
        "path/with:colon",
        "",
    ];
    for destination in safe {
        assert!(is_safe_link_destination(destination), "{destination:?}");
    }
    let unsafe_ = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\u{0}javascript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "file:///etc/passwd",
        "ftp://example.com",
        "chrome:settings",
        "\u{a0}javascript:alert(1)",
        "java\u{200b}script:alert(1)",
        "http:javascript:alert(1)",
    ];
    for destination in unsafe_ {
        assert!(!is_safe_link_destination(destination), "{destination:?}");
    }
}

// ------------------------------------------------------------------------------------------
// No panics on anything
// ------------------------------------------------------------------------------------------

/// The draws the document generator needs from the shared deterministic generator.
impl Xorshift {
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FRAGMENTS: &[&str] = &[
    "---\n",
    "---",
    "...\n",
    "\n",
    "\r\n",
    "  ",
    "\t",
    "phase: 12\n",
    "plan: 07\n",
    "plan: GAP-03\n",
    "status: gaps_found\n",
    "score: 3/6 must-haves verified\n",
    "verified: 2025-01-01\n",
    "must_haves:\n",
    "  truths:\n",
    "    - \"a truth\"\n",
    "  - path: src/a.rs\n    min_lines: 500\n",
    "gaps:\n  - truth: x\n    status: failed\n    missing:\n      - y\n",
    "files_modified: 3\n",
    "key: text: more\n",
    "pattern: \"foo\\.bar\"\n",
    "contains: \"A\", \"B\"\n",
    "ref: @x\n",
    "cmd: `x`\n",
    "a: &a [1,2,3]\n",
    "b: [*a,*a,*a,*a]\n",
    "*a\n",
    "&anchor\n",
    "<<: *a\n",
    "? complex\n: key\n",
    "- \n",
    "- - - -\n",
    "[[[[[[[[\n",
    "{{{{{{\n",
    "]]]]}}}}\n",
    "|\n  block\n",
    ">-\n  folded\n",
    "\"unterminated\n",
    "'single ''quoted''\n",
    "# Heading\n",
    "## Observable Truths\n",
    "| # | Truth | Status | Evidence |\n|---|---|---|---|\n| 1 | t | ✅ | e |\n",
    "| a |\n|",
    "**Status:** ✅ COMPLETE\n",
    "**Score:** 4/7\n",
    "<tasks>\n",
    "</tasks>\n",
    "<task type=\"auto\">\n",
    "<task type='checkpoint:human-verify' gate=blocking>\n",
    "</task>\n",
    "<name>Task</name>\n",
    "<action>\n    indented\n  </action>\n",
    "<objective>\n",
    "</objective>\n",
    "<verification>",
    "<a/>",
    "<task/>",
    "</",
    "<",
    ">",
    "<x y=\"",
    "```\n",
    "~~~\n",
    "````python\n",
    "    ```\n",
    "`",
    "[link](javascript:alert(1))",
    "![img](data:x)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[^1]: note\n",
    "[^1]",
    "- [x] done\n",
    "~~strike~~",
    "é",
    "日本語",
    "😀",
    "⚠️",
    "\u{fe0f}",
    "\u{200b}",
    "\u{0}",
    "\u{7f}",
    "\\",
    "%",
    "0",
    "080-01",
    "225.1",
    "253b",
];

fn random_document(random: &mut Xorshift, seeds: &[String]) -> Vec<u8> {
    let mut bytes = Vec::new();
    match random.below(5) {
        0 => {
            let length = random.below(300);
            bytes.extend((0..length).map(|_| random.next() as u8));
        }
        1 => {
            let seed = &seeds[random.below(seeds.len())];
            let start = random.below(seed.len());
            let length = random.below(800);
            let end = (start + length).min(seed.len());
            bytes.extend_from_slice(&seed.as_bytes()[start..end]);
        }
        2 => {
            // Deeper than every cap (YAML 32, lenient reader 24, sections 16); one space per
            // level keeps the input small. `deep_inputs_do_not_overflow` goes much deeper.
            let depth = random.below(64);
            for level in 0..depth {
                match random.below(3) {
                    0 => bytes.extend(format!("{}k{level}:\n", " ".repeat(level)).bytes()),
                    1 => bytes.extend(format!("{}- \n", " ".repeat(level)).bytes()),
                    _ => bytes.extend(b"<deep>\n"),
                }
            }
        }
        _ => {
            if random.below(2) == 0 {
                bytes.extend(b"---\n");
            }
            for _ in 0..random.below(40) {
                bytes.extend(random.pick(FRAGMENTS).bytes());
            }
        }
    }
    // Occasionally corrupt a byte, which may make the text invalid UTF-8.
    if !bytes.is_empty() && random.below(4) == 0 {
        let index = random.below(bytes.len());
        bytes[index] = random.next() as u8;
    }
    bytes
}

#[test]
fn deep_inputs_do_not_overflow() {
    let depth = 5_000;
    let mut inputs: Vec<String> = Vec::new();
    inputs.push(format!(
        "---\n{}---\n",
        (0..depth)
            .map(|level| format!("{}k{level}:\n", " ".repeat(level % 300)))
            .collect::<String>()
    ));
    inputs.push(format!("---\nx: {}\n---\n", "[".repeat(depth)));
    inputs.push(format!("---\nx:\n{}\n---\n", "- ".repeat(depth)));
    inputs.push(format!("{}\nbody\n", "<deep>\n".repeat(depth)));
    inputs.push(format!(
        "{}{}",
        "<deep>\n".repeat(depth),
        "</deep>\n".repeat(depth)
    ));
    inputs.push(format!("{} quote", ">".repeat(depth)));
    inputs.push(format!("{}x", "- ".repeat(depth)));
    inputs.push(format!("{}x{}", "[".repeat(depth), "]".repeat(depth)));
    inputs.push(format!("{}x{}", "*".repeat(depth), "*".repeat(depth)));
    for input in &inputs {
        let outcome = parse_document("deep-PLAN.md", input.as_bytes());
        assert!(outcome.value.is_some());
        assert_safe_html(&render_markdown_safe(input));
        let _ = body_segments(input);
    }
}

#[test]
fn large_inputs_are_read_whole_with_their_counts() {
    let mut inputs: Vec<String> = Vec::new();
    // Many numeric keys (each shown as written) and many duplicates, valid YAML.
    let keys: String = (0..20_000)
        .map(|index| format!("k{index}: {index}\n"))
        .collect();
    let duplicates: String = (0..5_000)
        .map(|index| format!("k{index}: again\n"))
        .collect();
    inputs.push(format!("---\n{keys}{duplicates}---\nbody\n"));
    // The same but invalid YAML, so the lenient reader takes it.
    inputs.push(format!("---\nbad: \"\\.\"\n{keys}{duplicates}---\nbody\n"));
    // A long truths table, many tasks, many tags on one line, one very long line.
    let rows: String = (0..10_000)
        .map(|index| format!("| {index} | truth {index} | ✅ VERIFIED | e |\n"))
        .collect();
    inputs.push(format!(
        "### Observable Truths\n\n| # | Truth | Status | Evidence |\n|---|---|---|---|\n{rows}"
    ));
    let tasks: String = (0..5_000)
        .map(|index| format!("<task type=\"auto\">\n<name>T{index}</name>\n</task>\n"))
        .collect();
    inputs.push(format!("<tasks>\n{tasks}</tasks>\n"));
    inputs.push(format!("<a>{}", "</a></b x=\"1\"><c>".repeat(20_000)));
    inputs.push("x".repeat(1_000_000));
    for (index, input) in inputs.iter().enumerate() {
        let outcome = parse_document("big-PLAN.md", input.as_bytes());
        let document = outcome.value.expect("a document");
        if index == 0 {
            let frontmatter = document.frontmatter.as_ref().expect("frontmatter");
            assert_eq!(frontmatter.entries.len(), 20_000);
            assert_eq!(frontmatter.fact_rows()[7_000].text, "7000");
            assert_eq!(frontmatter.fact_rows()[4_999].text, "again");
            assert_eq!(outcome.diagnostics.len(), 21);
            assert_eq!(
                outcome.diagnostics[20].message,
                "4980 more frontmatter keys appear more than once; the last value of each is kept"
            );
        }
        if index == 1 {
            assert_eq!(
                document
                    .frontmatter
                    .as_ref()
                    .expect("frontmatter")
                    .entries
                    .len(),
                20_001
            );
            assert_eq!(outcome.diagnostics.len(), 22);
            assert_eq!(
                outcome.diagnostics[21].message,
                "4980 more frontmatter lines were duplicate keys or not `key: value`; they are \
                 kept as read"
            );
        }
        if index == 3 {
            assert_eq!(document.plan.expect("plan facts").tasks.len(), 5_000);
        }
        let _ = render_markdown_safe(input);
        let _ = body_segments(input);
    }
}

#[test]
fn nothing_panics_on_twenty_thousand_random_inputs() {
    let seeds: Vec<String> = [
        "reports/12-tier-1-coverage-push-01-PLAN.md",
        "reports/12-tier-1-coverage-push-GAP-03-PLAN.md",
        "reports/12-tier-1-coverage-push-VERIFICATION.md",
        "reports/19-09-PLAN.md",
        "reports/19-GAP-CLOSURE-REPORT.md",
        "render/xss.md",
        "yaml/alias-bomb.md",
    ]
    .iter()
    .map(|fixture| String::from_utf8(fixture_bytes(fixture)).expect("utf-8"))
    .collect();
    let paths = [
        "x.md",
        "12-01-PLAN.md",
        "a/b/12-tier-1-VERIFICATION.md",
        ".planning/phases/225.1-x/225.1-02-SUMMARY.md",
        "",
        "/",
        "phases/-/--PLAN.md",
        "ROADMAP.md",
        "日本-PLAN.md",
    ];
    let mut random = Xorshift(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        let bytes = random_document(&mut random, &seeds);
        let path = paths[random.below(paths.len())];
        let outcome = parse_document(path, &bytes);
        assert!(outcome.value.is_some() || outcome.first_error().is_some());
        let text = String::from_utf8_lossy(&bytes);
        let html = render_markdown_safe(&text);
        assert!(!html.to_ascii_lowercase().contains("<script"));
        let _ = body_segments(&text);
    }
}

//! The parsing worker's one road as the streamed-parse tests drive it: a report streamed
//! into a list, or handed over in pieces and put back together as the page does, checked
//! against the whole-report parse; and the generated lcov and Cobertura reports they read.
use std::cell::{Cell, RefCell};

use super::hand_over_whole;
use covscope::core::input::{
    parse_report_reporting_progress, parse_report_streaming_files, DroppedContent,
};
use covscope::core::model::{CoverageReport, FileCoverage};
use covscope::core::share::{
    table_index_hand_over_bytes, HandOverAssembly, ReportSnapshot, StreamedHandOver, StreamedPiece,
};
use covscope::core::text::ParseOutcome;

/// Streams a file into a list of files and puts the report back together from the shell
/// the road gives back and the files it handed over.
pub fn streamed_whole(bytes: &[u8]) -> ParseOutcome<DroppedContent> {
    let mut files: Vec<FileCoverage> = Vec::new();
    let outcome = parse_report_streaming_files(bytes, &mut |_| {}, &mut files);
    ParseOutcome {
        value: outcome.value.map(|content| match content {
            DroppedContent::Coverage(shell) => {
                DroppedContent::Coverage(Box::new(CoverageReport { files, ..*shell }))
            }
            other => other,
        }),
        diagnostics: outcome.diagnostics,
    }
}

/// What the worker would post for a file, and what the page would make of it.
pub struct HandedOver {
    /// The file pieces the page keeps: those after the last start-over.
    pub file_pieces: Vec<ReportSnapshot>,
    /// How many file pieces were posted in all, start-overs included.
    pub posted_pieces: usize,
    pub start_overs: usize,
    /// The progress reported when the first piece was posted.
    pub progress_at_first_piece: Option<usize>,
    pub outcome: ParseOutcome<DroppedContent>,
    /// The last piece and the table index bytes, for a report.
    pub last_piece: Option<ReportSnapshot>,
    pub table_index: Option<Vec<u8>>,
    /// The report as the page puts it together from the pieces.
    pub assembled: Option<CoverageReport>,
}

/// Runs the worker's road on `bytes`, posting pieces as the worker does, and puts them
/// together as the page does (a start-over drops what came before).
pub fn handed_over(bytes: &[u8]) -> HandedOver {
    let file_pieces = RefCell::new(Vec::new());
    let assembly = RefCell::new(HandOverAssembly::default());
    let (posted_pieces, start_overs) = (Cell::new(0), Cell::new(0));
    let (progress, progress_at_first_piece) = (Cell::new(0), Cell::new(None));
    let mut hand_over = StreamedHandOver::new(|piece| match piece {
        StreamedPiece::Piece {
            snapshot,
            report_file_count,
            ..
        } => {
            posted_pieces.set(posted_pieces.get() + 1);
            if progress_at_first_piece.get().is_none() {
                progress_at_first_piece.set(Some(progress.get()));
            }
            let mut assembly = assembly.borrow_mut();
            if let Some(count) = report_file_count {
                assembly.expect_files(count);
            }
            assembly.add_piece(&snapshot);
            file_pieces.borrow_mut().push(snapshot);
        }
        StreamedPiece::StartOver => {
            start_overs.set(start_overs.get() + 1);
            *assembly.borrow_mut() = HandOverAssembly::default();
            file_pieces.borrow_mut().clear();
        }
    });
    let outcome = parse_report_streaming_files(
        bytes,
        &mut |consumed| progress.set(consumed),
        &mut hand_over,
    );
    let (last_piece, table_index, assembled) = match &outcome.value {
        Some(DroppedContent::Coverage(shell)) => {
            let (last_piece, table_index) = hand_over.finish(shell);
            let assembled = assembly.take().finish(&last_piece);
            assert_eq!(assembled.diagnostics, vec![], "the pieces decode");
            (
                Some(last_piece),
                Some(table_index_hand_over_bytes(&table_index)),
                assembled.value,
            )
        }
        _ => (None, None, None),
    };
    HandedOver {
        file_pieces: file_pieces.take(),
        posted_pieces: posted_pieces.get(),
        start_overs: start_overs.get(),
        progress_at_first_piece: progress_at_first_piece.get(),
        outcome,
        last_piece,
        table_index,
        assembled,
    }
}

/// Checks the worker's road against the whole-report parse and the whole report handed
/// over file by file (`hand_over_whole`): the same report and diagnostics, the same number
/// of file pieces, the same last piece and table index.
pub fn check_against_whole(name: &str, bytes: &[u8]) -> HandedOver {
    let whole = parse_report_reporting_progress(bytes, &mut |_| {});
    assert_eq!(streamed_whole(bytes), whole, "{name}: streamed into a list");
    let handed = handed_over(bytes);
    assert_eq!(
        handed.outcome.diagnostics, whole.diagnostics,
        "{name}: diagnostics"
    );
    let Some(DroppedContent::Coverage(report)) = whole.value else {
        assert!(
            !matches!(handed.outcome.value, Some(DroppedContent::Coverage(_))),
            "{name}: no report when the whole parse has none"
        );
        return handed;
    };
    assert!(
        handed.assembled.as_ref() == Some(report.as_ref()),
        "{name}: the page puts the whole report back together"
    );
    let whole = hand_over_whole((*report).clone());
    assert_eq!(
        handed.file_pieces.len(),
        whole.file_pieces.len(),
        "{name}: pieces cut by the same rule"
    );
    assert_eq!(
        handed.last_piece.as_ref().map(ReportSnapshot::as_bytes),
        Some(whole.last_piece.as_bytes()),
        "{name}: the same last piece"
    );
    let whole_index = Some(table_index_hand_over_bytes(&whole.table_index));
    assert_eq!(
        handed.table_index, whole_index,
        "{name}: the same table index"
    );
    handed
}

/// How [`cobertura_report_text`] writes its report.
#[derive(Clone, Copy)]
pub struct CoberturaShape {
    /// Lines with `condition-coverage`, and the root's branch counts.
    pub branches: bool,
    /// `<sources>` after `</packages>` instead of before.
    pub sources_last: bool,
    pub classes_per_file: usize,
}

impl Default for CoberturaShape {
    fn default() -> Self {
        CoberturaShape {
            branches: true,
            sources_last: false,
            classes_per_file: 1,
        }
    }
}

/// A Cobertura report of `file_count` small files, one line run and one not in each class.
pub fn cobertura_report_text(file_count: usize, shape: CoberturaShape) -> String {
    let branch_line = if shape.branches {
        r#"<line number="2" hits="0" branch="true" condition-coverage="50% (1/2)"/>"#
    } else {
        r#"<line number="2" hits="0"/>"#
    };
    let classes: String = (0..file_count)
        .flat_map(|index| (0..shape.classes_per_file).map(move |class| (index, class)))
        .map(|(index, class)| {
            format!(
                r#"<class name="file_{index}_{class}" filename="src/file_{index}.py" line-rate="0.5" branch-rate="0.5"><methods/><lines><line number="{first}" hits="1"/>{branch_line}</lines></class>"#,
                first = 10 + class,
            )
        })
        .collect();
    let branch_totals = if shape.branches {
        r#" branches-covered="0" branches-valid="0""#
    } else {
        ""
    };
    let sources = "<sources><source>/repo</source></sources>";
    let (before, after) = if shape.sources_last {
        ("", sources)
    } else {
        (sources, "")
    };
    format!(
        r#"<?xml version="1.0" ?><coverage line-rate="0.5" branch-rate="0.5" version="7.4" timestamp="1700000000000"{branch_totals}>{before}<packages><package name="src" line-rate="0.5" branch-rate="0.5"><classes>{classes}</classes></package></packages>{after}</coverage>"#
    )
}

/// Whether the branches of [`lcov_report_text`] can be reached.
#[derive(Clone, Copy)]
pub enum LcovBranches {
    Reachable,
    Unreachable,
}

/// An lcov tracefile of `file_count` small files, each with a function and two branch
/// outcomes.
pub fn lcov_report_text(file_count: usize, branches: LcovBranches) -> String {
    let block = match branches {
        LcovBranches::Reachable => "0",
        LcovBranches::Unreachable => "U0",
    };
    (0..file_count)
        .map(|index| {
            let hits = index % 3;
            format!(
                "SF:/src/file_{index}.c\nFN:1,main_{index}\nFNDA:{hits},main_{index}\nDA:1,{hits}\nDA:2,0\nBRDA:2,{block},0,{hits}\nBRDA:2,{block},1,-\nend_of_record\n"
            )
        })
        .collect()
}

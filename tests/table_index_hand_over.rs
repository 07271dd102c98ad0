//! The table's row index the parsing worker gathers while it hands a report over in pieces
//! reaches the page as exactly the index the page would build: for every fixture report,
//! the generated report and a large made-up one with non-ASCII and duplicate paths, the
//! decoded hand-over equals `TableRowIndex::build` of the assembled report. Damaged bytes
//! are an error, never a panic, and the page then builds the index itself.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{
    fixture_reports, generated_file, generated_report, hand_over_whole, report_of_paths, Xorshift,
};

use covscope::core::analysis::table::TableRowIndex;
use covscope::core::model::{CoverageCounts, CoverageReport, Precision};
use covscope::core::share::{
    table_index_from_hand_over_bytes, table_index_from_hand_over_or_built,
    table_index_hand_over_bytes,
};

/// Bytes after the lists in the byte form: 256 byte counts, the file count, the segment
/// count, the folder count, the text's length, the tag.
const TRAILER_BYTES: usize = 256 * 4 + 4 * 4 + 4;

/// Hands a report over as the worker does (the index gathered as the files go into the
/// pieces, sorted after the last) and puts it back together as the page does: the
/// assembled report and the index's bytes.
fn hand_over_with_index(report: &CoverageReport) -> (CoverageReport, Vec<u8>) {
    let handed = hand_over_whole(report.clone());
    let finished = handed.assembled();
    let assembled = finished
        .value
        .unwrap_or_else(|| panic!("the handed-over report decodes: {:?}", finished.diagnostics));
    (assembled, table_index_hand_over_bytes(&handed.table_index))
}

/// The one check: the handed-over index of `report` decodes to what the page builds from
/// the assembled report.
fn check(name: &str, report: &CoverageReport) {
    let (assembled, bytes) = hand_over_with_index(report);
    let expected = TableRowIndex::build(&assembled);
    let decoded = table_index_from_hand_over_bytes(bytes.clone(), &assembled)
        .unwrap_or_else(|problem| panic!("{name}: the index decodes: {problem}"));
    assert!(
        decoded == expected,
        "{name}: the handed-over index is the one the page builds"
    );
    assert!(
        table_index_from_hand_over_or_built(bytes.clone(), &assembled) == expected,
        "{name}: the page uses the handed-over index"
    );
}

#[test]
fn every_fixture_report_hands_over_the_index_the_page_builds() {
    let reports = fixture_reports();
    assert!(
        reports.len() >= 20,
        "the fixtures hold at least 20 reports, found {}",
        reports.len()
    );
    assert!(
        reports
            .iter()
            .any(|(name, _)| name.ends_with("small-contexts-regions.json.gz")),
        "the generated report is among them"
    );
    for (name, report) in &reports {
        check(name, report);
    }
}

/// Paths as they come from Unicode-aware tools: letters whose lowercase is longer
/// (`İ` lowercases to `i` and a combining dot), capitals in and outside ASCII.
const UNUSUAL_PATHS: [&str; 6] = [
    "src/Straße/Ölfeld.py",
    "src/İstanbul/MAP.py",
    "SRC/ΑΒΓ/δ.py",
    "src/日本/語.py",
    "src/plain/a.py",
    "src/Plain/B.py",
];

/// A report of 2,500 files (three pieces of files) in no particular order, with unusual
/// paths, and from the second piece on every tenth file repeating the path of a file in
/// the first (a piece never lists a path twice; the report does), so ties are broken by
/// the file's position.
fn large_made_up_report() -> CoverageReport {
    let mut draws = Xorshift(0x5eed_0018);
    // 7,919 is prime to 2,500, so the names are a shuffle of 0..2,500.
    let name = |number: u64| format!("pkg{:04}/Module.py", number * 7_919 % 2_500);
    let files = (0..2_500u64)
        .map(|number| {
            let path = match number % 10 {
                0 if number >= 1_000 => name(number % 1_000),
                1 => format!(
                    "{}/{number}",
                    UNUSUAL_PATHS[(number / 10) as usize % UNUSUAL_PATHS.len()]
                ),
                _ => name(number),
            };
            let statements = draws.next() % 40;
            let counts = CoverageCounts {
                statements,
                missing: draws.next() % (statements + 1),
                ..CoverageCounts::default()
            };
            generated_file(path, counts, Precision::default())
        })
        .collect();
    generated_report(files, Precision::default(), false)
}

#[test]
fn a_large_report_with_unusual_and_repeated_paths_hands_over_the_index_the_page_builds() {
    let report = large_made_up_report();
    let distinct: std::collections::BTreeSet<&str> =
        report.files.iter().map(|file| file.path.as_str()).collect();
    assert!(distinct.len() < report.files.len(), "some paths repeat");
    assert!(
        report
            .files
            .iter()
            .any(|file| file.coverage.percent.is_complete())
            && report
                .files
                .iter()
                .any(|file| !file.coverage.percent.is_complete()),
        "some files are complete and some are not"
    );
    check("the made-up report", &report);
    // Equal paths follow one another in the path order, in the report's order.
    let (assembled, bytes) = hand_over_with_index(&report);
    let index =
        table_index_from_hand_over_bytes(bytes.clone(), &assembled).expect("the index decodes");
    let order = index.parts().path_order;
    let mut ties = 0;
    for pair in order.windows(2) {
        if report.files[pair[0] as usize].path == report.files[pair[1] as usize].path {
            assert!(pair[0] < pair[1], "a tie keeps the report's order");
            ties += 1;
        }
    }
    // Files 1,000 to 2,490 in steps of ten (150) each tie with the file before them.
    assert_eq!(ties, 150, "every repeated path ties");
    check(
        "an empty report",
        &generated_report(Vec::new(), Precision::default(), false),
    );
}

/// Six files whose order and lowercasing are written out below; two pairs lowercase alike.
fn small_unusual_report() -> CoverageReport {
    report_of_paths(&["b/İ.py", "a/Z.py", "B/İ.py", "A/ß.py", "a/z.py", "Ω/x.py"])
}

/// The order and the lowercased paths worked out by hand: byte order puts `A` (0x41)
/// before `B` before `a` (0x61) before `b` before `Ω` (0xCE 0xA9), and `Z` (0x5A) before
/// `z`; `İ` lowercases to `i` and U+0307, `Ω` to `ω`, `ß` stays.
#[test]
fn the_handed_over_index_orders_and_lowercases_as_written_out() {
    let report = small_unusual_report();
    let (assembled, bytes) = hand_over_with_index(&report);
    let index =
        table_index_from_hand_over_bytes(bytes.clone(), &assembled).expect("the index decodes");
    assert_eq!(index.parts().path_order, [3, 2, 1, 4, 0, 5]);
    let lowercase: Vec<String> = (0..6).map(|file| index.lowercase_path(file)).collect();
    assert_eq!(
        lowercase,
        [
            "b/i\u{307}.py",
            "a/z.py",
            "b/i\u{307}.py",
            "a/ß.py",
            "a/z.py",
            "ω/x.py"
        ]
    );
    assert_eq!(
        index.files_whose_path_contains("z.py"),
        [false, true, false, false, true, false]
    );
    assert_eq!(index.file_index_of_path(&assembled, "Ω/x.py"), Some(5));
}

/// One change made to the bytes of a handed-over index.
#[derive(Clone, Copy, Debug)]
enum Damage {
    /// Nothing is changed (for bytes handed over with another report).
    Unchanged,
    /// The byte at this offset takes this value.
    SetByte { at: usize, value: u8 },
    /// The byte at this offset takes the value of the byte at another.
    CopyByte { from: usize, to: usize },
    /// The bytes are cut to this length.
    TruncateTo { length: usize },
    /// The byte at this offset is taken out.
    RemoveByte { at: usize },
    /// A byte of this value is put in at this offset.
    InsertByte { at: usize, value: u8 },
}

impl Damage {
    fn apply_to(self, bytes: &mut Vec<u8>) {
        match self {
            Damage::Unchanged => {}
            Damage::SetByte { at, value } => bytes[at] = value,
            Damage::CopyByte { from, to } => bytes[to] = bytes[from],
            Damage::TruncateTo { length } => bytes.truncate(length),
            Damage::RemoveByte { at } => {
                bytes.remove(at);
            }
            Damage::InsertByte { at, value } => bytes.insert(at, value),
        }
    }
}

/// A damage, why it is a case worth having, and the words its error must contain.
struct DamageCase {
    why: &'static str,
    damage: Damage,
    expected_problem: &'static str,
}

/// The bytes of an index with one change, and the error it gives.
fn check_damage(bytes: &[u8], report: &CoverageReport, damage: Damage, expected_problem: &str) {
    let mut damaged = bytes.to_vec();
    damage.apply_to(&mut damaged);
    let problem = match table_index_from_hand_over_bytes(damaged.clone(), report) {
        Ok(_) => panic!("damaged bytes ({damage:?}) are refused"),
        Err(problem) => problem,
    };
    assert!(
        problem.contains(expected_problem),
        "{damage:?}: {problem:?} says {expected_problem:?}"
    );
    assert!(
        table_index_from_hand_over_or_built(damaged, report) == TableRowIndex::build(report),
        "the page builds the index itself when the bytes are damaged ({damage:?})"
    );
}

/// Each way the bytes can fail to fit together gives its error. The small report's
/// lowercased paths cut into three distinct folders (`b/`, `a/`, `ω/`: 7 bytes, ending at
/// 2, 4 and 7) and four distinct names (`i\u{307}.py` 6 bytes, `z.py` 4, `ß.py` 5, `x.py`
/// 4: ending at 13, 17, 22 and 26); so the text is at 0, its 7 segment ends start at 26,
/// the files' folders 28 bytes later, their names 24 after that, the order 24 after that,
/// the completeness 24 after that, then the trailer: 256 byte counts, the file count, the
/// segment count, the folder count, the text's length and the tag.
#[test]
fn damaged_bytes_are_refused_with_their_reason() {
    let report = small_unusual_report();
    let (assembled, bytes) = hand_over_with_index(&report);
    let text = 0;
    let ends = text + 26;
    let folders = ends + 7 * 4;
    let names = folders + 6 * 4;
    let order = names + 6 * 4;
    let complete = order + 6 * 4;
    let file_count = complete + 6 + 256 * 4;
    let folder_count = file_count + 4 + 4;
    let text_length = folder_count + 4;
    let tag = text_length + 4;
    assert_eq!(
        bytes.len(),
        complete + 6 + TRAILER_BYTES,
        "the layout is as written out"
    );
    assert_eq!(&bytes[tag..], b"cti2", "the tag ends the bytes");
    let cases = [
        DamageCase {
            why: "another tag",
            damage: Damage::SetByte {
                at: tag,
                value: b'x',
            },
            expected_problem: "tag",
        },
        DamageCase {
            why: "the tag cut short",
            damage: Damage::TruncateTo {
                length: bytes.len() - 1,
            },
            expected_problem: "tag",
        },
        DamageCase {
            why: "fewer bytes than a trailer",
            damage: Damage::TruncateTo { length: 11 },
            expected_problem: "ends early",
        },
        DamageCase {
            why: "one file too many",
            damage: Damage::SetByte {
                at: file_count,
                value: 7,
            },
            expected_problem: "names 7 files, the report has 6",
        },
        DamageCase {
            why: "a text length that does not fit",
            damage: Damage::SetByte {
                at: text_length,
                value: 36,
            },
            expected_problem: "length does not fit",
        },
        DamageCase {
            why: "a byte missing from the text",
            damage: Damage::RemoveByte { at: text },
            expected_problem: "length does not fit",
        },
        DamageCase {
            why: "a byte added to the text",
            damage: Damage::InsertByte {
                at: text,
                value: b'a',
            },
            expected_problem: "length does not fit",
        },
        DamageCase {
            why: "a text that is not UTF-8",
            damage: Damage::SetByte {
                at: text,
                value: 0xFF,
            },
            expected_problem: "not UTF-8",
        },
        DamageCase {
            why: "the second segment ending (at 1) before the first one does (at 2)",
            damage: Damage::SetByte {
                at: ends + 4,
                value: 1,
            },
            expected_problem: "ends outside",
        },
        DamageCase {
            why: "the first name ending (at 9) inside the two bytes of the combining dot",
            damage: Damage::SetByte {
                at: ends + 3 * 4,
                value: 9,
            },
            expected_problem: "ends outside",
        },
        DamageCase {
            why: "the last segment ending (at 25) before the text does",
            damage: Damage::SetByte {
                at: ends + 6 * 4,
                value: 25,
            },
            expected_problem: "does not end with the last segment",
        },
        DamageCase {
            why: "more folders (8) than segments (7)",
            damage: Damage::SetByte {
                at: folder_count,
                value: 8,
            },
            expected_problem: "do not fit together",
        },
        DamageCase {
            why: "a file whose folder is a name (segment 3)",
            damage: Damage::SetByte {
                at: folders,
                value: 3,
            },
            expected_problem: "not there",
        },
        DamageCase {
            why: "a file whose name is a folder (segment 0)",
            damage: Damage::SetByte {
                at: names,
                value: 0,
            },
            expected_problem: "not there",
        },
        DamageCase {
            why: "a file twice in the order",
            damage: Damage::CopyByte {
                from: order + 4,
                to: order,
            },
            expected_problem: "every file once",
        },
        DamageCase {
            why: "a file beyond the report in the order",
            damage: Damage::SetByte {
                at: order,
                value: 6,
            },
            expected_problem: "every file once",
        },
        DamageCase {
            why: "a completeness flag that is not a flag",
            damage: Damage::SetByte {
                at: complete,
                value: 2,
            },
            expected_problem: "neither 0 nor 1",
        },
    ];
    for case in &cases {
        println!("{}", case.why);
        check_damage(&bytes, &assembled, case.damage, case.expected_problem);
    }
    // The bytes of another report: the file count tells them apart.
    check_damage(
        &bytes,
        &large_made_up_report(),
        Damage::Unchanged,
        "names 6 files, the report has 2500",
    );
}

/// Any truncation, and any byte changed anywhere, is an error or an index whose every
/// lookup works; never a panic. When it is an error, the page builds the index.
#[test]
fn no_damage_makes_the_decoding_or_the_index_panic() {
    let report = small_unusual_report();
    let (assembled, bytes) = hand_over_with_index(&report);
    let built = TableRowIndex::build(&assembled);
    for length in 0..bytes.len() {
        assert!(table_index_from_hand_over_bytes(bytes[..length].to_vec(), &assembled).is_err());
        assert!(table_index_from_hand_over_or_built(bytes[..length].to_vec(), &assembled) == built);
    }
    let mut draws = Xorshift(0x0dd_ba11);
    for position in 0..bytes.len() {
        for _ in 0..4 {
            let mut damaged = bytes.clone();
            damaged[position] ^= (draws.next() % 255 + 1) as u8;
            match table_index_from_hand_over_bytes(damaged.clone(), &assembled) {
                Ok(index) => {
                    for file in 0..index.file_count() as u32 {
                        index.lowercase_path(file);
                        index.file_index_of_path(&assembled, &assembled.files[file as usize].path);
                    }
                    index.files_whose_path_contains("a");
                    index.files_whose_path_contains("i\u{307}");
                }
                Err(_) => {
                    assert!(table_index_from_hand_over_or_built(damaged, &assembled) == built)
                }
            }
        }
    }
}

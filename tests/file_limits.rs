//! Which files are refused for their size, after which the parsing worker (which takes
//! every file but source files) is kept, and how sizes are written in messages.
use covscope::core::input::{describe_byte_size, keeps_worker_after, refuse_oversized_file};

/// One file name and size, and what Covscope decides before reading it.
struct FileLimitCase {
    file_name: &'static str,
    size_bytes: u64,
    refusal: Option<&'static str>,
    worker_kept_after: bool,
}

fn check(case: &FileLimitCase) {
    assert_eq!(
        refuse_oversized_file(case.file_name, case.size_bytes).as_deref(),
        case.refusal,
        "refusal of {} at {} bytes",
        case.file_name,
        case.size_bytes
    );
    assert_eq!(
        keeps_worker_after(case.size_bytes),
        case.worker_kept_after,
        "whether the worker is kept after {} bytes",
        case.size_bytes
    );
}

#[test]
fn files_are_refused_or_routed_by_name_and_size() {
    let cases = [
        FileLimitCase { file_name: "coverage.json", size_bytes: 0, refusal: None, worker_kept_after: true },
        FileLimitCase { file_name: "coverage.json", size_bytes: 1_048_575, refusal: None, worker_kept_after: true },
        FileLimitCase { file_name: "coverage.json", size_bytes: 1_048_576, refusal: None, worker_kept_after: false },
        FileLimitCase { file_name: "big/coverage.json", size_bytes: 104_857_600, refusal: None, worker_kept_after: false },
        FileLimitCase { file_name: "coverage.json", size_bytes: 500_000_000, refusal: None, worker_kept_after: false },
        FileLimitCase {
            file_name: "coverage.json",
            size_bytes: 512_300_000,
            refusal: Some("the file is 512.3 MB, more than the 500.0 MB Covscope reads for coverage reports; nothing was read"),
            worker_kept_after: false,
        },
        FileLimitCase {
            file_name: "one-gigabyte.bin",
            size_bytes: 1_000_000_000,
            refusal: Some("the file is 1.0 GB, more than the 500.0 MB Covscope reads for coverage reports; nothing was read"),
            worker_kept_after: false,
        },
        FileLimitCase { file_name: "01-VERIFICATION.md", size_bytes: 16_000_000, refusal: None, worker_kept_after: false },
        FileLimitCase {
            file_name: "notes/HUGE.MD",
            size_bytes: 50_000_000,
            refusal: Some("the file is 50.0 MB, more than the 16.0 MB Covscope reads for markdown documents; nothing was read"),
            worker_kept_after: false,
        },
        FileLimitCase { file_name: "plan.markdown", size_bytes: 2_000_000, refusal: None, worker_kept_after: false },
    ];
    for case in &cases {
        check(case);
    }
}

#[test]
fn byte_sizes_read_like_a_file_manager() {
    let cases: [(u64, &str); 9] = [
        (0, "0 bytes"),
        (1, "1 byte"),
        (999, "999 bytes"),
        (1_000, "1.0 KB"),
        (1_049, "1.0 KB"),
        (1_050, "1.1 KB"),
        (151_234, "151.2 KB"),
        (104_857_600, "104.9 MB"),
        (u64::MAX, "18446744073.7 GB"),
    ];
    for (size_bytes, expected) in cases {
        assert_eq!(
            describe_byte_size(size_bytes),
            expected,
            "{size_bytes} bytes"
        );
    }
}

//! Measures native coverage report parse throughput: `cargo run --release --example
//! parse_throughput -- <report> [repetitions]` prints MB/s for each repetition. The format is
//! recognised from the content, as for a dropped file (coverage.py, llvm-cov, tarpaulin...).
use std::time::Instant;

use covscope::core::input::{parse_dropped_file, DroppedContent};

fn main() {
    let mut arguments = std::env::args().skip(1);
    let Some(path) = arguments.next() else {
        eprintln!("usage: parse_throughput <report> [repetitions]");
        std::process::exit(2);
    };
    let repetitions: usize = arguments
        .next()
        .and_then(|text| text.parse().ok())
        .unwrap_or(3);
    let bytes = std::fs::read(&path).unwrap_or_else(|error| {
        eprintln!("cannot read {path}: {error}");
        std::process::exit(2);
    });
    let megabytes = bytes.len() as f64 / 1_000_000.0;
    for repetition in 1..=repetitions {
        let started = Instant::now();
        let outcome = parse_dropped_file(&path, &bytes);
        let seconds = started.elapsed().as_secs_f64();
        let files = match &outcome.value {
            Some(DroppedContent::Coverage(report)) => report.files.len(),
            _ => 0,
        };
        println!(
            "run {repetition}: {megabytes:.1} MB, {files} files, {seconds:.3} s, {:.1} MB/s{}",
            megabytes / seconds,
            outcome
                .first_error()
                .map(|error| format!(", error: {error}"))
                .unwrap_or_default()
        );
    }
}

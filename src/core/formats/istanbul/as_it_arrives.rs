//! Reads an Istanbul `coverage-final.json` part by part as its bytes arrive: each entry of
//! the top-level object converted and handed to the sink as soon as its last byte is in.
//!
//! The entries go through the same [`Reading`] as the whole reading's, in the same order,
//! so the files, the sink's calls and the finished report are the same; anything else (a
//! syntax error, a path listed twice, text after the object) stops the reading as it arrives, and
//! the caller reads the file whole. As with coverage.py's (`coverage_py/as_it_arrives.rs`),
//! serde_json's recursion limit counts from where a part starts: a value nested 128 levels
//! deep inside a file entry, which the whole reading refuses, is read here.

use super::plain_file_entry::read_plain_file_entry;
use super::{facts_before_files, finish_report, RawFileCoverage, Reading};
use crate::core::formats::istanbul_json::{BorrowedText, ObjectOnly};
use crate::core::formats::json_as_it_arrives::{
    InsideReport, PartByPartReading, PartRead, ReadingAsItArrives, ReceivedWindow,
};
use crate::core::formats::json_plain::PlainPart;
use crate::core::model::{CoverageReport, ReportFileSink};
use crate::core::text::ParseOutcome;

/// An Istanbul report being read as its bytes arrive.
pub type IstanbulReadingAsItArrives = ReadingAsItArrives<IstanbulParts>;

impl ReadingAsItArrives<IstanbulParts> {
    /// Begins the report's files on `sink`, as `parse_istanbul_streaming_files` does before
    /// reading a byte.
    pub fn begin(sink: &mut dyn ReportFileSink) -> Self {
        sink.begin(&facts_before_files(), None);
        ReadingAsItArrives::new(IstanbulParts {
            first: true,
            reading: Reading {
                streamed: true,
                ..Reading::default()
            },
        })
    }

    /// The report without its files, as `parse_istanbul_streaming_files` gives it, once the
    /// whole file was read part by part; `None` when it was not (the caller reads the file
    /// whole).
    pub fn finish(self) -> Option<ParseOutcome<CoverageReport>> {
        if !self.is_complete() {
            return None;
        }
        Some(finish_report(self.reading.reading))
    }
}

/// What the reading keeps between parts: whether the next entry is the first, and the
/// conversion of the files.
pub struct IstanbulParts {
    first: bool,
    reading: Reading,
}

impl PartByPartReading for IstanbulParts {
    /// One file entry, converted and handed on, or the end of the report's object.
    fn read_inside_report(
        &mut self,
        window: &ReceivedWindow<'_>,
        at: usize,
        sink: &mut dyn ReportFileSink,
    ) -> PartRead<InsideReport> {
        // An entry in its plain form is read by hand; any other by serde_json from its start.
        let entry = match read_plain_file_entry(window, at, self.first) {
            PlainPart::Read(entry, after) => PartRead::Read(entry, after),
            PlainPart::NotYet => PartRead::NotYet,
            PlainPart::NotPlain => window
                .object_entry::<BorrowedText, ObjectOnly<RawFileCoverage>>(at, self.first)
                .map(|entry| entry.map(|(BorrowedText(path), ObjectOnly(raw))| (path, raw))),
        };
        entry.and_then(|entry, after| {
            let Some((path, raw)) = entry else {
                return PartRead::Read(InsideReport::Ended, after);
            };
            self.reading.take_entry(path, raw, Some(sink));
            if self.reading.repeated_path {
                // The path's first entry is already passed on: read whole.
                return PartRead::Unexpected;
            }
            self.first = false;
            PartRead::Read(InsideReport::Went, after)
        })
    }
}

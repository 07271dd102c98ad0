//! Reads an Istanbul `coverage-final.json` part by part as its bytes arrive: each entry of
//! the top-level object converted and handed to the sink as soon as its last byte is in.
//!
//! The entries go through the same [`Reading`] as the whole reading's, in the same order,
//! so the files, the sink's calls and the finished report are the same; anything else (a
//! syntax error, a path listed twice, text after the object) stops the reading as it arrives, and
//! the caller reads the file whole. As with coverage.py's (`coverage_py/as_it_arrives.rs`),
//! serde_json's recursion limit counts from where a part starts: a value nested 128 levels
//! deep inside a file entry, which the whole reading refuses, is read here.

use super::{facts_before_files, finish_report, RawFileCoverage, Reading};
use crate::core::formats::istanbul_json::{BorrowedText, ObjectOnly};
use crate::core::formats::json_as_it_arrives::{
    ArrivalProgress, PartByPartReading, PartRead, ReadingAsItArrives, ReceivedWindow,
};
use crate::core::model::{CoverageReport, ReportFileSink};
use crate::core::text::ParseOutcome;

/// An Istanbul report being read as its bytes arrive.
pub struct IstanbulReadingAsItArrives(ReadingAsItArrives<IstanbulParts>);

impl IstanbulReadingAsItArrives {
    /// Begins the report's files on `sink`, as `parse_istanbul_streaming_files` does before
    /// reading a byte.
    pub fn begin(sink: &mut dyn ReportFileSink) -> Self {
        sink.begin(&facts_before_files(), None);
        IstanbulReadingAsItArrives(ReadingAsItArrives::new(IstanbulParts {
            place: Place::BeforeReport,
            reading: Reading {
                streamed: true,
                ..Reading::default()
            },
        }))
    }

    /// Reads what it can of `window`, the bytes of a file of `input_bytes` received from
    /// offset `window_starts_at` on (never past what the last call read), handing each
    /// file entry read to `sink`; at most a few MiB per call.
    pub fn read_received(
        &mut self,
        window: &[u8],
        window_starts_at: usize,
        input_bytes: usize,
        sink: &mut dyn ReportFileSink,
    ) -> ArrivalProgress {
        self.0
            .read_received(window, window_starts_at, input_bytes, sink)
    }

    /// Whether the reading stopped at something it does not expect (the file is then read
    /// whole).
    pub fn gave_up(&self) -> bool {
        self.0.gave_up()
    }

    /// The report without its files, as `parse_istanbul_streaming_files` gives it, once the
    /// whole file was read part by part; `None` when it was not (the caller reads the file
    /// whole).
    pub fn finish(self) -> Option<ParseOutcome<CoverageReport>> {
        if !self.0.is_complete() {
            return None;
        }
        Some(finish_report(self.0.reading.reading))
    }
}

/// Where the reading is in the report's structure.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the top-level object's `{`.
    BeforeReport,
    /// Among the file entries; `first` until one has been read.
    Files { first: bool },
    /// After the top-level object: only whitespace may follow.
    AfterReport,
    /// The whole file has been read.
    Complete,
}

/// What the reading keeps between parts.
struct IstanbulParts {
    place: Place,
    reading: Reading,
}

impl PartByPartReading for IstanbulParts {
    fn read_part(
        &mut self,
        window: &ReceivedWindow<'_>,
        at: usize,
        sink: &mut dyn ReportFileSink,
    ) -> PartRead<()> {
        match self.place {
            Place::BeforeReport => window
                .byte(at, b'{')
                .then_take(|()| self.place = Place::Files { first: true }),
            Place::Files { first } => self.read_file_entry(window, at, first, sink),
            Place::AfterReport => window
                .only_whitespace_left(at)
                .then_take(|()| self.place = Place::Complete),
            Place::Complete => PartRead::Unexpected,
        }
    }

    fn is_complete(&self) -> bool {
        self.place == Place::Complete
    }
}

impl IstanbulParts {
    /// One file entry, converted and handed on, or the end of the report's object.
    fn read_file_entry(
        &mut self,
        window: &ReceivedWindow<'_>,
        at: usize,
        first: bool,
        sink: &mut dyn ReportFileSink,
    ) -> PartRead<()> {
        let (BorrowedText(path), value_at) = match window.object_key::<BorrowedText>(at, first) {
            PartRead::Read(Some(path), value_at) => (path, value_at),
            PartRead::Read(None, after) => {
                self.place = Place::AfterReport;
                return PartRead::Read((), after);
            }
            PartRead::NotYet => return PartRead::NotYet,
            PartRead::Unexpected => return PartRead::Unexpected,
        };
        match window.value::<ObjectOnly<RawFileCoverage>>(value_at) {
            PartRead::Read(ObjectOnly(raw), after) => {
                self.reading.take_entry(path, raw, Some(sink));
                if self.reading.repeated_path {
                    // The path's first entry is already passed on: read whole.
                    return PartRead::Unexpected;
                }
                self.place = Place::Files { first: false };
                PartRead::Read((), after)
            }
            PartRead::NotYet => PartRead::NotYet,
            PartRead::Unexpected => PartRead::Unexpected,
        }
    }
}

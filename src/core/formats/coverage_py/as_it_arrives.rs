//! Reads a coverage.py JSON report part by part as its bytes arrive: the top-level keys, and
//! each entry of `files` converted and handed to the sink as soon as its last byte is in.
//!
//! The parts go through the same [`FileConversion`] as the whole reading's, in the same
//! order, so the files, the sink's calls and the finished report are the same; anything
//! else (a repeated key, `files` that is not an object, a syntax error, a path listed
//! twice) stops the reading as it arrives, and the caller reads the file whole.
//!
//! One difference is known and accepted: serde_json's recursion limit (128 levels) counts
//! from where it starts reading, and a part is read on its own, so a value nested 127 or
//! 128 levels deep inside a file entry, which the whole reading refuses, is read here. No
//! tool writes such a report; it is a crafted file either way, and neither reading panics.
use serde::de::IgnoredAny;

use super::{release_list_buffers, FileConversion, JsonFile, JsonMeta, JsonSummary};
use crate::core::formats::json_as_it_arrives::{
    ArrivalProgress, PartByPartReading, PartRead, ReadingAsItArrives, ReceivedWindow,
};
use crate::core::model::{CoverageReport, ReportFileSink};
use crate::core::text::ParseOutcome;

/// A coverage.py report being read as its bytes arrive.
pub struct CoveragePyReadingAsItArrives(ReadingAsItArrives<CoveragePyParts>);

impl Default for CoveragePyReadingAsItArrives {
    fn default() -> Self {
        CoveragePyReadingAsItArrives(ReadingAsItArrives::new(CoveragePyParts {
            place: Place::BeforeReport,
            meta: None,
            totals: None,
            files_began: false,
            conversion: FileConversion::new(None),
        }))
    }
}

impl CoveragePyReadingAsItArrives {
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

    /// The report without its files, as `parse_coverage_py_json_streaming_files` gives it,
    /// once the whole file was read part by part; `None` when it was not (the caller reads
    /// the file whole).
    pub fn finish(self, sink: &mut dyn ReportFileSink) -> Option<ParseOutcome<CoverageReport>> {
        // The lists were read into the kept buffers; their room goes back as after a whole
        // reading (a file not read to its end here is read whole next, which frees them).
        release_list_buffers();
        if !self.0.is_complete() {
            return None;
        }
        let parts = self.0.reading;
        if !parts.files_began {
            // No `files`: the whole reading describes what the JSON is instead.
            return None;
        }
        Some(parts.conversion.finish(
            sink,
            parts.meta.flatten(),
            parts.totals.flatten(),
            Vec::new(),
        ))
    }
}

/// Where the reading is in the report's structure.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the top-level object's `{`.
    BeforeReport,
    /// Among the top-level keys; `first` until one has been read.
    TopLevel { first: bool },
    /// Among the entries of `files`.
    Files { first: bool },
    /// After the top-level object: only whitespace may follow.
    AfterReport,
    /// The whole file has been read.
    Complete,
}

/// What the reading keeps between parts: the top-level values read so far (each key at
/// most once, as the whole reading demands) and the conversion of the files.
struct CoveragePyParts {
    place: Place,
    meta: Option<Option<JsonMeta>>,
    totals: Option<Option<JsonSummary>>,
    files_began: bool,
    conversion: FileConversion,
}

impl PartByPartReading for CoveragePyParts {
    fn read_part(
        &mut self,
        window: &ReceivedWindow<'_>,
        at: usize,
        sink: &mut dyn ReportFileSink,
    ) -> PartRead<()> {
        match self.place {
            Place::BeforeReport => window
                .byte(at, b'{')
                .then_take(|()| self.place = Place::TopLevel { first: true }),
            Place::TopLevel { first } => self.read_top_level_entry(window, at, first),
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

impl CoveragePyParts {
    /// A top-level key with its value (`files` only up to its `{`), or the object's end.
    fn read_top_level_entry(
        &mut self,
        window: &ReceivedWindow<'_>,
        at: usize,
        first: bool,
    ) -> PartRead<()> {
        let (key, value_at) = match window.object_key::<String>(at, first) {
            PartRead::Read(Some(key), value_at) => (key, value_at),
            PartRead::Read(None, after) => {
                self.place = Place::AfterReport;
                return PartRead::Read((), after);
            }
            PartRead::NotYet => return PartRead::NotYet,
            PartRead::Unexpected => return PartRead::Unexpected,
        };
        let value = match key.as_str() {
            "meta" if self.meta.is_some() => return PartRead::Unexpected,
            "meta" => window
                .value::<Option<JsonMeta>>(value_at)
                .then_take(|meta| self.meta = Some(meta)),
            "totals" if self.totals.is_some() => return PartRead::Unexpected,
            "totals" => window
                .value::<Option<JsonSummary>>(value_at)
                .then_take(|totals| self.totals = Some(totals)),
            // `files` that is `null` (read as absent) is left to the whole reading.
            "files" if self.files_began => return PartRead::Unexpected,
            "files" => {
                return window.byte(value_at, b'{').then_take(|()| {
                    // Totals written before the files settle the precision now, as in the
                    // whole reading.
                    self.conversion
                        .settle_precision(self.totals.as_ref().and_then(Option::as_ref));
                    self.files_began = true;
                    self.place = Place::Files { first: true };
                });
            }
            _ => window
                .value::<IgnoredAny>(value_at)
                .then_take(|IgnoredAny| {}),
        };
        if let PartRead::Read(..) = value {
            self.place = Place::TopLevel { first: false };
        }
        value
    }

    /// One entry of `files`, converted and handed on, or the end of `files`.
    fn read_file_entry(
        &mut self,
        window: &ReceivedWindow<'_>,
        at: usize,
        first: bool,
        sink: &mut dyn ReportFileSink,
    ) -> PartRead<()> {
        let (path, value_at) = match window.object_key::<String>(at, first) {
            PartRead::Read(Some(path), value_at) => (path, value_at),
            PartRead::Read(None, after) => {
                self.place = Place::TopLevel { first: false };
                return PartRead::Read((), after);
            }
            PartRead::NotYet => return PartRead::NotYet,
            PartRead::Unexpected => return PartRead::Unexpected,
        };
        match window.value::<JsonFile>(value_at) {
            PartRead::Read(file, after) => {
                self.conversion.add_streamed(sink, path, file);
                if self.conversion.repeated_path {
                    // The path's first entry may already be passed on: read whole.
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

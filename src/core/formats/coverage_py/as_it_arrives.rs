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

use super::plain_file_entry::read_plain_file_entry;
use super::{release_list_buffers, FileConversion, JsonFile, JsonMeta, JsonSummary};
use crate::core::formats::json_as_it_arrives::{
    InsideReport, PartByPartReading, PartRead, ReadingAsItArrives, ReceivedWindow,
};
use crate::core::formats::json_plain::PlainPart;
use crate::core::model::{CoverageReport, ReportFileSink};
use crate::core::text::ParseOutcome;

/// A coverage.py report being read as its bytes arrive.
pub type CoveragePyReadingAsItArrives = ReadingAsItArrives<CoveragePyParts>;

impl ReadingAsItArrives<CoveragePyParts> {
    /// A reading waiting for the report's first byte.
    pub fn begin() -> Self {
        ReadingAsItArrives::new(CoveragePyParts {
            place: Place::TopLevel { first: true },
            meta: None,
            totals: None,
            files_began: false,
            conversion: FileConversion::new(None),
        })
    }

    /// The report without its files, as `parse_coverage_py_json_streaming_files` gives it,
    /// once the whole file was read part by part; `None` when it was not (the caller reads
    /// the file whole).
    pub fn finish(self, sink: &mut dyn ReportFileSink) -> Option<ParseOutcome<CoverageReport>> {
        // The lists were read into the kept buffers; their room goes back as after a whole
        // reading (a file not read to its end here is read whole next, which frees them).
        release_list_buffers();
        if !self.is_complete() {
            return None;
        }
        let parts = self.reading;
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

/// Where the reading is inside the report's top-level object.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Among the top-level keys; `first` until one has been read.
    TopLevel { first: bool },
    /// Among the entries of `files`.
    Files { first: bool },
}

/// What the reading keeps between parts: the top-level values read so far (each key at
/// most once, as the whole reading demands) and the conversion of the files.
pub struct CoveragePyParts {
    place: Place,
    meta: Option<Option<JsonMeta>>,
    totals: Option<Option<JsonSummary>>,
    files_began: bool,
    conversion: FileConversion,
}

impl PartByPartReading for CoveragePyParts {
    fn read_inside_report(
        &mut self,
        window: &ReceivedWindow<'_>,
        at: usize,
        sink: &mut dyn ReportFileSink,
    ) -> PartRead<InsideReport> {
        match self.place {
            Place::TopLevel { first } => self.read_top_level_entry(window, at, first),
            Place::Files { first } => self.read_file_entry(window, at, first, sink),
        }
    }
}

impl CoveragePyParts {
    /// A top-level key with its value (`files` only up to its `{`), or the object's end.
    fn read_top_level_entry(
        &mut self,
        window: &ReceivedWindow<'_>,
        at: usize,
        first: bool,
    ) -> PartRead<InsideReport> {
        let (key, value_at) = match window.object_key::<String>(at, first) {
            PartRead::Read(Some(key), value_at) => (key, value_at),
            PartRead::Read(None, after) => return PartRead::Read(InsideReport::Ended, after),
            PartRead::NotYet => return PartRead::NotYet,
            PartRead::Unexpected => return PartRead::Unexpected,
        };
        let value = match key.as_str() {
            "meta" if self.meta.is_some() => return PartRead::Unexpected,
            "meta" => window
                .value::<Option<JsonMeta>>(value_at)
                .map(|meta| self.meta = Some(meta)),
            "totals" if self.totals.is_some() => return PartRead::Unexpected,
            "totals" => window
                .value::<Option<JsonSummary>>(value_at)
                .map(|totals| self.totals = Some(totals)),
            // `files` that is `null` (read as absent) is left to the whole reading.
            "files" if self.files_began => return PartRead::Unexpected,
            "files" => {
                return window.byte(value_at, b'{').map(|()| {
                    // Totals written before the files settle the precision now, as in the
                    // whole reading.
                    self.conversion
                        .settle_precision(self.totals.as_ref().and_then(Option::as_ref));
                    self.files_began = true;
                    self.place = Place::Files { first: true };
                    InsideReport::Went
                });
            }
            _ => window.value::<IgnoredAny>(value_at).map(|IgnoredAny| ()),
        };
        value.map(|()| {
            self.place = Place::TopLevel { first: false };
            InsideReport::Went
        })
    }

    /// One entry of `files`, converted and handed on, or the end of `files`.
    fn read_file_entry(
        &mut self,
        window: &ReceivedWindow<'_>,
        at: usize,
        first: bool,
        sink: &mut dyn ReportFileSink,
    ) -> PartRead<InsideReport> {
        let entry = match read_plain_file_entry(window, at, first) {
            PlainPart::Read(entry, after) => PartRead::Read(entry, after),
            PlainPart::NotYet => PartRead::NotYet,
            PlainPart::NotPlain => window.object_entry::<String, JsonFile>(at, first),
        };
        entry.and_then(|entry, after| {
            let Some((path, file)) = entry else {
                self.place = Place::TopLevel { first: false };
                return PartRead::Read(InsideReport::Went, after);
            };
            self.conversion.add_streamed(sink, path, file);
            if self.conversion.repeated_path {
                // The path's first entry may already be passed on: read whole.
                return PartRead::Unexpected;
            }
            self.place = Place::Files { first: false };
            PartRead::Read(InsideReport::Went, after)
        })
    }
}

//! Parses a report while its bytes are still arriving: the parsing worker's road for every
//! file that is not a markdown document.
//!
//! Once the first bytes are in, they say which format the file seems to be; for the two
//! formats whose files are read one entry at a time (coverage.py's JSON, Istanbul's
//! `coverage-final.json`), that format's prefix reading converts each file entry as soon
//! as its last byte has come, and hands it to the sink, so the page decodes the first
//! pieces while the rest of the file is still being read. When all bytes are in, the
//! answer is exactly [`parse_report_streaming_files`]'s: the whole file's format is
//! recognised again (the registry also looks at its last bytes), and whatever the prefix
//! reading did not finish (another format, gzip, an odd shape, a syntax error, a path
//! listed twice) is read whole then, the sink told to begin again if files were handed
//! over, so every diagnostic stays the whole reading's own.
use super::dropped_file::{parse_report_streaming_files, DroppedContent};
use super::registry::{recognise_coverage_content, Recognised, HEAD_BYTES};
use crate::core::formats::{CoveragePyPrefixReading, IstanbulPrefixReading, PrefixProgress};
use crate::core::model::{CoverageFormat, ReportFileSink};
use crate::core::text::ParseOutcome;

/// A report being parsed as its bytes arrive; made before the first byte.
#[derive(Default)]
pub struct ReportPrefixReading {
    format: SeemingFormat,
}

/// What the first bytes say the file is.
#[derive(Default)]
enum SeemingFormat {
    /// Too few bytes yet to tell.
    #[default]
    Unknown,
    CoveragePy(CoveragePyPrefixReading),
    Istanbul(IstanbulPrefixReading),
    /// Something read whole once all bytes are in.
    ReadWhole,
}

impl ReportPrefixReading {
    /// Reads what it can of `received`, the first bytes of a file of `input_bytes`,
    /// handing the files read to `sink`; at most a few MiB per call, so the caller's thread
    /// can take the bytes that arrive meanwhile.
    pub fn read_received(
        &mut self,
        received: &[u8],
        input_bytes: usize,
        sink: &mut dyn ReportFileSink,
    ) -> PrefixProgress {
        if matches!(self.format, SeemingFormat::Unknown) {
            if received.len() < HEAD_BYTES.min(input_bytes) {
                return PrefixProgress {
                    read_bytes: 0,
                    more_to_read: false,
                };
            }
            self.format = match recognise_coverage_content(received) {
                Recognised::Format {
                    format: CoverageFormat::CoveragePy,
                    ..
                } => SeemingFormat::CoveragePy(CoveragePyPrefixReading::default()),
                Recognised::Format {
                    format: CoverageFormat::Istanbul,
                    ..
                } => SeemingFormat::Istanbul(IstanbulPrefixReading::begin(sink)),
                _ => SeemingFormat::ReadWhole,
            };
        }
        match &mut self.format {
            SeemingFormat::CoveragePy(reading) => {
                reading.read_received(received, input_bytes, sink)
            }
            SeemingFormat::Istanbul(reading) => reading.read_received(received, input_bytes, sink),
            SeemingFormat::Unknown | SeemingFormat::ReadWhole => PrefixProgress {
                read_bytes: 0,
                more_to_read: false,
            },
        }
    }

    /// Whether the file will be read whole at the end (nothing more is read before).
    pub fn reads_whole(&self) -> bool {
        match &self.format {
            SeemingFormat::Unknown => false,
            SeemingFormat::CoveragePy(reading) => reading.gave_up(),
            SeemingFormat::Istanbul(reading) => reading.gave_up(),
            SeemingFormat::ReadWhole => true,
        }
    }

    /// Parses the rest once every byte is in `bytes`: the same answer, files handed to
    /// `sink` and diagnostics as [`parse_report_streaming_files`] gives. `on_progress` is
    /// told how far the reading got (the bytes read part by part, then the whole reading's
    /// own progress if the file is read whole), and last `bytes.len()`.
    pub fn finish(
        mut self,
        bytes: &[u8],
        on_progress: &mut dyn FnMut(usize),
        sink: &mut dyn ReportFileSink,
    ) -> ParseOutcome<DroppedContent> {
        while self.read_received(bytes, bytes.len(), sink).more_to_read {}
        let whole_format = match recognise_coverage_content(bytes) {
            Recognised::Format { format, .. } => Some(format),
            _ => None,
        };
        let read_part_by_part = match self.format {
            SeemingFormat::CoveragePy(reading)
                if whole_format == Some(CoverageFormat::CoveragePy) =>
            {
                reading.finish(sink)
            }
            SeemingFormat::Istanbul(reading) if whole_format == Some(CoverageFormat::Istanbul) => {
                reading.finish()
            }
            _ => None,
        };
        match read_part_by_part {
            Some(outcome) => {
                on_progress(bytes.len());
                ParseOutcome {
                    value: outcome
                        .value
                        .map(|shell| DroppedContent::Coverage(Box::new(shell))),
                    diagnostics: outcome.diagnostics,
                }
            }
            // Read whole; the sink is told to begin again when it was given files.
            None => parse_report_streaming_files(bytes, on_progress, sink),
        }
    }
}

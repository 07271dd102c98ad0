//! Takes a dropped file's bytes as they arrive, in order, in the parsing worker: a large
//! coverage.py or Istanbul report is parsed as it comes, keeping only a window of its bytes;
//! every other file is gathered whole and parsed once its last byte is in.
//!
//! Why a window: the worker's first write to fresh WebAssembly memory costs about as much
//! as the browser's reading of the file, so holding a 100 MB report whole in the worker
//! bounded how soon it could be read (BENCHMARKS.md, "Less work per byte"). A report read
//! as it arrives needs room only for the bytes not yet read, which are a few MiB and the
//! same memory over and over.
//!
//! The answer is always the whole streaming parse's ([`parse_report_streaming_files`]).
//! The first bytes say whether the file seems to be coverage.py's or Istanbul's JSON; the
//! format's part-by-part reading (`core::formats`' readings as they arrive) converts each file
//! entry as soon as its last byte is in and hands it to the sink. At the end the format is
//! recognised again on the file's two ends, as the registry does on the whole file.
//! Anything the part-by-part reading does not expect (another shape, a syntax error, bytes
//! that are not UTF-8, a path listed twice) stops it, and the caller reads the file again
//! whole ([`Arrival::ReadAgainWhole`], [`ArrivedFile::ReadAgainWhole`]), so every
//! diagnostic stays the whole parse's own.
use super::dropped_file::{parse_report_streaming_files, DroppedContent};
use super::registry::{recognise_coverage_content, Recognised, HEAD_BYTES, TAIL_BYTES};
use crate::core::formats::{
    ArrivalProgress, CoveragePyReadingAsItArrives, IstanbulReadingAsItArrives,
};
use crate::core::model::{CoverageFormat, ReportFileSink};
use crate::core::text::ParseOutcome;

/// The smallest file read as it arrives: the format is recognised again at the end on the
/// file's first and last bytes kept aside, which must not overlap. Smaller files are read
/// in a blink whole.
const SMALLEST_FILE_READ_AS_IT_ARRIVES: usize = HEAD_BYTES + TAIL_BYTES;

/// A file whose bytes arrive in order, from its first.
pub struct ArrivingFile {
    input_bytes: usize,
    received_bytes: usize,
    state: Arriving,
}

/// What becomes of the bytes as they arrive.
enum Arriving {
    /// The first bytes, until there are enough to say what the file seems to be.
    Head(Vec<u8>),
    /// Every byte, in room as large as the file, for a parse once the last is in.
    Whole(Vec<u8>),
    /// A report read as it arrives.
    AsItArrives(Box<ReportAsItArrives>),
    /// The reading as it arrived met what it does not expect: the file is read again whole.
    ReadAgainWhole,
    /// A chunk did not start where the last ended, or went past the file's end: the file
    /// changed while it was read.
    OutOfPlace,
}

/// A report being read as it arrives.
struct ReportAsItArrives {
    reading: FormatReading,
    /// The received bytes from `window_starts_at` on, in the window's first
    /// `window_filled` bytes: those not yet read, and those read since the window was last
    /// cut. The room past them is kept from chunk to chunk, so a chunk is copied in without
    /// clearing room for it first.
    window: Vec<u8>,
    window_filled: usize,
    window_starts_at: usize,
    /// How far the reading has read.
    read_bytes: usize,
    /// The file's first bytes and its last, which the registry looks at: the format is
    /// recognised again on them once all has come.
    head: Vec<u8>,
    tail: Vec<u8>,
}

/// The format whose part-by-part reading reads the report.
enum FormatReading {
    CoveragePy(CoveragePyReadingAsItArrives),
    Istanbul(IstanbulReadingAsItArrives),
}

/// What taking a chunk gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrival {
    /// Taken: the next chunk is welcome.
    Taken,
    /// The reading as it arrived stopped; the rest of the file is of no use, and the file
    /// must be read again whole ([`ArrivingFile::finish`] says so too).
    ReadAgainWhole,
    /// The chunk is not where the file's next bytes are: the file changed while it was read.
    OutOfPlace,
}

/// What a file that has arrived gives.
pub enum ArrivedFile {
    /// The file's bytes, for the caller to parse (a document, or a report not read as it
    /// arrived).
    Whole(Vec<u8>),
    /// The report, read as it arrived: exactly what [`parse_report_streaming_files`] gives
    /// for the whole file, the files handed to the sink.
    Report(ParseOutcome<DroppedContent>),
    /// The reading as it arrived did not end well: read the file again whole.
    ReadAgainWhole,
    /// Not every byte came, or not in its place: the file changed while it was read.
    Incomplete,
}

impl ArrivingFile {
    /// Waits for a file of `input_bytes`; `read_as_it_arrives` allows reading a report as
    /// it comes (not for a document, nor for a file read again whole). The room for a file
    /// gathered whole from the start (a document, a small file, a file read again whole) is
    /// taken now; a file that might be read as it arrives takes room once its first bytes
    /// have said what it is.
    pub fn new(input_bytes: usize, read_as_it_arrives: bool) -> Self {
        let state = if read_as_it_arrives && input_bytes >= SMALLEST_FILE_READ_AS_IT_ARRIVES {
            Arriving::Head(Vec::with_capacity(HEAD_BYTES))
        } else {
            Arriving::Whole(vec![0u8; input_bytes])
        };
        ArrivingFile {
            input_bytes,
            received_bytes: 0,
            state,
        }
    }

    /// The file's size.
    pub fn input_bytes(&self) -> usize {
        self.input_bytes
    }

    /// The bytes received so far.
    pub fn received_bytes(&self) -> usize {
        self.received_bytes
    }

    /// The bytes of a report read as it arrived so far (0 for a file gathered whole).
    pub fn read_bytes(&self) -> usize {
        match &self.state {
            Arriving::AsItArrives(reading) => reading.read_bytes,
            _ => 0,
        }
    }

    /// Takes the `length` bytes at `offset` that `fill` writes into the room it is given,
    /// and reads what it can of a report read as it arrives, handing files to `sink`.
    pub fn receive(
        &mut self,
        offset: usize,
        length: usize,
        fill: impl FnOnce(&mut [u8]),
        sink: &mut dyn ReportFileSink,
    ) -> Arrival {
        let in_place = offset == self.received_bytes
            && offset
                .checked_add(length)
                .is_some_and(|end| end <= self.input_bytes);
        if !in_place {
            if !matches!(self.state, Arriving::ReadAgainWhole) {
                self.state = Arriving::OutOfPlace;
            }
            return self.arrival();
        }
        match &mut self.state {
            Arriving::Head(head) => {
                fill(grown_by(head, length));
                self.received_bytes += length;
                if head.len() >= HEAD_BYTES.min(self.input_bytes) {
                    let head = std::mem::take(head);
                    self.state = self.state_after_head(head, sink);
                }
            }
            Arriving::Whole(bytes) => {
                fill(&mut bytes[offset..offset + length]);
                self.received_bytes += length;
            }
            Arriving::AsItArrives(reading) => {
                reading.cut_read_bytes();
                let start = reading.window_filled;
                fill(reading.room_for(length));
                reading.window_filled += length;
                reading.keep_tail(start);
                self.received_bytes += length;
                if !reading.read_what_has_come(self.input_bytes, sink) {
                    self.state = Arriving::ReadAgainWhole;
                }
            }
            Arriving::ReadAgainWhole | Arriving::OutOfPlace => {}
        }
        self.arrival()
    }

    /// What a caller that just handed a chunk should do next.
    fn arrival(&self) -> Arrival {
        match self.state {
            Arriving::ReadAgainWhole => Arrival::ReadAgainWhole,
            Arriving::OutOfPlace => Arrival::OutOfPlace,
            Arriving::Head(_) | Arriving::Whole(_) | Arriving::AsItArrives(_) => Arrival::Taken,
        }
    }

    /// Decides, on the first bytes, whether the file is read as it arrives, and reads what
    /// has come if so.
    fn state_after_head(&mut self, head: Vec<u8>, sink: &mut dyn ReportFileSink) -> Arriving {
        let reading = match recognise_coverage_content(&head) {
            Recognised::Format {
                format: CoverageFormat::CoveragePy,
                ..
            } => FormatReading::CoveragePy(CoveragePyReadingAsItArrives::begin()),
            Recognised::Format {
                format: CoverageFormat::Istanbul,
                ..
            } => FormatReading::Istanbul(IstanbulReadingAsItArrives::begin(sink)),
            _ => {
                let mut bytes = vec![0u8; self.input_bytes];
                bytes[..head.len()].copy_from_slice(&head);
                return Arriving::Whole(bytes);
            }
        };
        let mut reading = Box::new(ReportAsItArrives {
            reading,
            head: head[..HEAD_BYTES].to_vec(),
            tail: Vec::with_capacity(TAIL_BYTES * 2),
            window_filled: head.len(),
            window: head,
            window_starts_at: 0,
            read_bytes: 0,
        });
        reading.keep_tail(0);
        if reading.read_what_has_come(self.input_bytes, sink) {
            Arriving::AsItArrives(reading)
        } else {
            Arriving::ReadAgainWhole
        }
    }

    /// Ends the file's arrival: its bytes, the report read as it arrived, or what went
    /// wrong. `on_progress` is told how far the parse of a report read as it arrived got
    /// (all of it).
    pub fn finish(
        self,
        on_progress: &mut dyn FnMut(usize),
        sink: &mut dyn ReportFileSink,
    ) -> ArrivedFile {
        if self.received_bytes != self.input_bytes {
            return match self.state {
                Arriving::ReadAgainWhole => ArrivedFile::ReadAgainWhole,
                _ => ArrivedFile::Incomplete,
            };
        }
        match self.state {
            Arriving::Head(bytes) | Arriving::Whole(bytes) => ArrivedFile::Whole(bytes),
            Arriving::AsItArrives(reading) => match reading.finish(self.input_bytes, sink) {
                Some(outcome) => {
                    on_progress(self.input_bytes);
                    ArrivedFile::Report(outcome)
                }
                None => ArrivedFile::ReadAgainWhole,
            },
            Arriving::ReadAgainWhole => ArrivedFile::ReadAgainWhole,
            Arriving::OutOfPlace => ArrivedFile::Incomplete,
        }
    }
}

impl ReportAsItArrives {
    /// Reads every part that has come whole; false once the reading gave up.
    fn read_what_has_come(&mut self, input_bytes: usize, sink: &mut dyn ReportFileSink) -> bool {
        loop {
            let window = &self.window[..self.window_filled];
            let progress = match &mut self.reading {
                FormatReading::CoveragePy(reading) => {
                    reading.read_received(window, self.window_starts_at, input_bytes, sink)
                }
                FormatReading::Istanbul(reading) => {
                    reading.read_received(window, self.window_starts_at, input_bytes, sink)
                }
            };
            let ArrivalProgress {
                read_bytes,
                more_to_read,
            } = progress;
            self.read_bytes = read_bytes;
            if self.gave_up() {
                return false;
            }
            if !more_to_read {
                return true;
            }
        }
    }

    fn gave_up(&self) -> bool {
        match &self.reading {
            FormatReading::CoveragePy(reading) => reading.gave_up(),
            FormatReading::Istanbul(reading) => reading.gave_up(),
        }
    }

    /// Drops the bytes read from the window's start, so it holds only what is not read yet
    /// (a file entry cut by the last chunk's end, usually a few KiB).
    fn cut_read_bytes(&mut self) {
        let read_in_window = self
            .read_bytes
            .saturating_sub(self.window_starts_at)
            .min(self.window_filled);
        if read_in_window > 0 {
            self.window
                .copy_within(read_in_window..self.window_filled, 0);
            self.window_filled -= read_in_window;
            self.window_starts_at += read_in_window;
        }
    }

    /// The room for the next `length` bytes after the filled ones, grown (and cleared)
    /// only when the window is not yet large enough.
    fn room_for(&mut self, length: usize) -> &mut [u8] {
        let end = self.window_filled + length;
        if self.window.len() < end {
            self.window.resize(end, 0);
        }
        &mut self.window[self.window_filled..end]
    }

    /// Keeps the last bytes received (the window's from `from` on are new).
    fn keep_tail(&mut self, from: usize) {
        let new_bytes = &self.window[from..self.window_filled];
        if new_bytes.len() >= TAIL_BYTES {
            self.tail.clear();
            self.tail
                .extend_from_slice(&new_bytes[new_bytes.len() - TAIL_BYTES..]);
        } else {
            self.tail.extend_from_slice(new_bytes);
            let excess = self.tail.len().saturating_sub(TAIL_BYTES);
            self.tail.drain(..excess);
        }
    }

    /// The report once every byte has come: `None` when it was not read to its end, or
    /// the whole file's ends say another format (the caller reads it again whole).
    fn finish(
        mut self,
        input_bytes: usize,
        sink: &mut dyn ReportFileSink,
    ) -> Option<ParseOutcome<DroppedContent>> {
        if !self.read_what_has_come(input_bytes, sink) {
            return None;
        }
        let mut ends = std::mem::take(&mut self.head);
        ends.extend_from_slice(&self.tail);
        let whole_format = match recognise_coverage_content(&ends) {
            Recognised::Format { format, .. } => Some(format),
            _ => None,
        };
        let outcome = match self.reading {
            FormatReading::CoveragePy(reading)
                if whole_format == Some(CoverageFormat::CoveragePy) =>
            {
                reading.finish(sink)
            }
            FormatReading::Istanbul(reading) if whole_format == Some(CoverageFormat::Istanbul) => {
                reading.finish()
            }
            _ => None,
        }?;
        Some(ParseOutcome {
            value: outcome
                .value
                .map(|shell| DroppedContent::Coverage(Box::new(shell))),
            diagnostics: outcome.diagnostics,
        })
    }
}

/// Grows `bytes` by `length` and gives the new room, zeroed (only the head, once).
fn grown_by(bytes: &mut Vec<u8>, length: usize) -> &mut [u8] {
    let start = bytes.len();
    bytes.resize(start + length, 0);
    &mut bytes[start..]
}

/// Reads a whole file the way the worker does when its bytes arrive in chunks of
/// `chunk_bytes`: as it arrives when it may, and again whole when that reading stops.
/// Native tests and the worker's warm-up use it; the worker itself reads from the browser.
pub fn parse_arriving_in_chunks(
    bytes: &[u8],
    chunk_bytes: usize,
    sink: &mut dyn ReportFileSink,
) -> ParseOutcome<DroppedContent> {
    let mut arriving = ArrivingFile::new(bytes.len(), true);
    for (index, chunk) in bytes.chunks(chunk_bytes.max(1)).enumerate() {
        let offset = index * chunk_bytes.max(1);
        let arrival = arriving.receive(
            offset,
            chunk.len(),
            |room| room.copy_from_slice(chunk),
            sink,
        );
        if arrival != Arrival::Taken {
            break;
        }
    }
    match arriving.finish(&mut |_| {}, sink) {
        ArrivedFile::Report(outcome) => outcome,
        ArrivedFile::Whole(whole) => parse_report_streaming_files(&whole, &mut |_| {}, sink),
        ArrivedFile::ReadAgainWhole | ArrivedFile::Incomplete => {
            parse_report_streaming_files(bytes, &mut |_| {}, sink)
        }
    }
}

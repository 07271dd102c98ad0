//! Reads the entries of a JSON report from the bytes received so far, so the parsing worker
//! converts files while the rest of the file is still being read.
//!
//! A report that streams its files (coverage.py's `files` object, Istanbul's top-level
//! object) is read here part by part: the punctuation between entries by hand, each key and
//! each value with serde_json on the text from where it starts. The driver here reads the
//! report's top-level object's braces and what follows; a format's reading
//! ([`PartByPartReading`]) reads what is inside. A part that does not end
//! within the text received so far is read again, from its start, once more has come. The
//! caller keeps only a window of the file, from the reading's position on
//! (`core::input::ArrivingFile`). The reading only ever takes what today's whole reading
//! would take in the same order;
//! anything it does not expect (another shape, a syntax error, bytes that are not UTF-8, a
//! path listed twice) makes it stop, and the file is read whole once all of it is in, so
//! every message stays the whole reading's own.
use serde::Deserialize;

/// How much received text one call reads at the most, before giving the worker's thread
/// back to take the chunks that came meanwhile: about 10 ms of parsing.
const WINDOW_BYTES: usize = 4 * 1024 * 1024;

/// What reading one part (a key, a value, a punctuation mark) gave.
pub enum PartRead<T> {
    /// The part, and the offset in the window just after it.
    Read(T, usize),
    /// The part does not end within the window: it is read again when more has come.
    NotYet,
    /// Not what the reading as it arrives expects: the file is read whole at the end instead.
    Unexpected,
}

impl<T> PartRead<T> {
    /// The part made into another by `convert`, with where the next starts.
    pub(super) fn map<U>(self, convert: impl FnOnce(T) -> U) -> PartRead<U> {
        self.and_then(|part, next| PartRead::Read(convert(part), next))
    }

    /// Reads on from a part that was read: `read_on` gets the part and where the next
    /// starts.
    pub(super) fn and_then<U>(self, read_on: impl FnOnce(T, usize) -> PartRead<U>) -> PartRead<U> {
        match self {
            PartRead::Read(part, next) => read_on(part, next),
            PartRead::NotYet => PartRead::NotYet,
            PartRead::Unexpected => PartRead::Unexpected,
        }
    }
}

/// The received text a call reads: a slice of the file from the reading's position.
pub struct ReceivedWindow<'text> {
    pub(super) text: &'text str,
    /// Whether the window ends where the file does (nothing more will come after it).
    pub(super) reaches_input_end: bool,
}

impl<'text> ReceivedWindow<'text> {
    /// The offset of the first byte at or after `at` that is not JSON whitespace.
    pub(super) fn skip_whitespace(&self, at: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut at = at;
        while at < bytes.len() && matches!(bytes[at], b' ' | b'\t' | b'\n' | b'\r') {
            at += 1;
        }
        at
    }

    /// The byte at `at` after whitespace, with its offset; `NotYet` when the window ends
    /// first, `Unexpected` when the file does.
    pub(super) fn next_byte(&self, at: usize) -> PartRead<u8> {
        let at = self.skip_whitespace(at);
        match self.text.as_bytes().get(at) {
            Some(&byte) => PartRead::Read(byte, at),
            None if self.reaches_input_end => PartRead::Unexpected,
            None => PartRead::NotYet,
        }
    }

    /// The byte `expected` at `at` after whitespace, and the offset after it.
    pub(super) fn byte(&self, at: usize, expected: u8) -> PartRead<()> {
        match self.next_byte(at) {
            PartRead::Read(byte, at) if byte == expected => PartRead::Read((), at + 1),
            PartRead::Read(..) | PartRead::Unexpected => PartRead::Unexpected,
            PartRead::NotYet => PartRead::NotYet,
        }
    }

    /// Only whitespace from `at` to the end of the file (what serde_json's `end` allows
    /// after the top-level value).
    pub(super) fn only_whitespace_left(&self, at: usize) -> PartRead<()> {
        let at = self.skip_whitespace(at);
        match (at == self.text.len(), self.reaches_input_end) {
            (true, true) => PartRead::Read((), at),
            (true, false) => PartRead::NotYet,
            (false, _) => PartRead::Unexpected,
        }
    }

    /// Reads one JSON value (or key) that starts at `at`.
    ///
    /// A value that ends exactly where the window does may go on (a number's digits), and
    /// any failure before the end of the file may be only the window's end: both are read
    /// again with more text. A failure at the end of the file is the whole reading's to
    /// describe.
    pub(super) fn value<T: Deserialize<'text>>(&self, at: usize) -> PartRead<T> {
        let mut stream = serde_json::Deserializer::from_str(&self.text[at..]).into_iter::<T>();
        match stream.next() {
            Some(Ok(value)) => {
                let end = at + stream.byte_offset();
                if end == self.text.len() && !self.reaches_input_end {
                    PartRead::NotYet
                } else {
                    PartRead::Read(value, end)
                }
            }
            Some(Err(_)) | None if !self.reaches_input_end => PartRead::NotYet,
            Some(Err(_)) | None => PartRead::Unexpected,
        }
    }

    /// Reads an object's next key, after the `,` that separates it from the entry before
    /// (unless it is the first), and the `:` after it: the key and the offset of its value;
    /// `None` with the offset after the `}` when the object ends instead.
    pub(super) fn object_key<Key: Deserialize<'text>>(
        &self,
        at: usize,
        first: bool,
    ) -> PartRead<Option<Key>> {
        let at = match self.next_byte(at) {
            PartRead::Read(b'}', at) => return PartRead::Read(None, at + 1),
            PartRead::Read(b',', at) if !first => at + 1,
            PartRead::Read(b'"', at) if first => at,
            PartRead::Read(..) => return PartRead::Unexpected,
            PartRead::NotYet => return PartRead::NotYet,
            PartRead::Unexpected => return PartRead::Unexpected,
        };
        let at = match self.next_byte(at) {
            PartRead::Read(b'"', at) => at,
            PartRead::Read(..) | PartRead::Unexpected => return PartRead::Unexpected,
            PartRead::NotYet => return PartRead::NotYet,
        };
        let (key, at) = match self.value(at) {
            PartRead::Read(key, at) => (key, at),
            PartRead::NotYet => return PartRead::NotYet,
            PartRead::Unexpected => return PartRead::Unexpected,
        };
        match self.next_byte(at) {
            PartRead::Read(b':', at) => PartRead::Read(Some(key), self.skip_whitespace(at + 1)),
            PartRead::Read(..) | PartRead::Unexpected => PartRead::Unexpected,
            PartRead::NotYet => PartRead::NotYet,
        }
    }

    /// Reads an object's next entry (see [`ReceivedWindow::object_key`]): the key and its
    /// value, and the offset after them; `None` with the offset after the `}` when the
    /// object ends instead.
    pub(super) fn object_entry<Key: Deserialize<'text>, Value: Deserialize<'text>>(
        &self,
        at: usize,
        first: bool,
    ) -> PartRead<Option<(Key, Value)>> {
        self.object_key::<Key>(at, first)
            .and_then(|key, value_at| match key {
                Some(key) => self
                    .value::<Value>(value_at)
                    .map(|value| Some((key, value))),
                None => PartRead::Read(None, value_at),
            })
    }
}

// The driver and the words a format's reading uses with it are `pub` only so that the
// formats' readings, public aliases of the driver, may name them; this module is private
// to `core::formats`.

/// A format's reading of the inside of its report's top-level object, part by part
/// (coverage.py's top-level keys and `files`, Istanbul's file entries): it takes each part
/// it reads (converting a file and handing it to the sink) and says where the next starts.
/// The object's braces and what may follow it are the driver's ([`ReadingAsItArrives`]).
pub trait PartByPartReading {
    /// Reads and takes the next part at `at`, inside the report's object: `Read(Went,
    /// next)` once it is taken, `Read(Ended, next)` after the object's closing `}`.
    fn read_inside_report(
        &mut self,
        window: &ReceivedWindow<'_>,
        at: usize,
        sink: &mut dyn crate::core::model::ReportFileSink,
    ) -> PartRead<InsideReport>;
}

/// What one part read inside the report's top-level object was.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum InsideReport {
    /// A part of the object; more follow.
    Went,
    /// The object's closing `}`.
    Ended,
}

/// Where a reading as the bytes arrive is in the report's top-level object.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ReportPlace {
    /// Before the object's `{`.
    Before,
    /// Inside the object: the format's reading's.
    Inside,
    /// After the object: only whitespace may follow.
    After,
    /// The whole file has been read.
    Complete,
}

/// How far a reading as the bytes arrive got in one call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArrivalProgress {
    /// The bytes of the file read and taken so far.
    pub read_bytes: usize,
    /// Whether another call now could read more of what has been received.
    pub more_to_read: bool,
}

/// Reads a JSON report whose top-level object holds its files as the bytes arrive: the
/// object's braces and the end of the file here, the inside by a format's
/// [`PartByPartReading`] (coverage.py's `CoveragePyReadingAsItArrives`, Istanbul's
/// `IstanbulReadingAsItArrives`). It keeps where it is, how much it looks at in one call,
/// and whether it gave up; each format finishes its own report.
pub struct ReadingAsItArrives<Reading> {
    pub(super) reading: Reading,
    /// Where the reading is in the report's top-level object.
    place: ReportPlace,
    /// The offset in the file where the next part starts.
    position: usize,
    /// How much text the next call looks at: grown (doubled) while a part does not fit.
    window_bytes: usize,
    /// A part that did not end within the received text is read again only once this much
    /// of the file has come (twice what it was tried with), so a part far longer than a
    /// chunk is read a few times, not once per chunk.
    retry_when_received: usize,
    /// The reading met what it does not expect: the file is read whole at the end.
    gave_up: bool,
}

impl<Reading: PartByPartReading> ReadingAsItArrives<Reading> {
    pub(super) fn new(reading: Reading) -> Self {
        ReadingAsItArrives {
            reading,
            place: ReportPlace::Before,
            position: 0,
            window_bytes: WINDOW_BYTES,
            retry_when_received: 0,
            gave_up: false,
        }
    }

    /// Whether the reading stopped at something it does not expect (the file is then read
    /// whole).
    pub fn gave_up(&self) -> bool {
        self.gave_up
    }

    /// Whether every part of the report was read and taken.
    pub(super) fn is_complete(&self) -> bool {
        !self.gave_up && self.place == ReportPlace::Complete
    }

    /// Reads what it can of `window`, the bytes of a file of `input_bytes` received from
    /// offset `window_starts_at` on, up to one window's worth, handing files to `sink`.
    /// The window starts at or before the reading's position ([`ArrivalProgress::read_bytes`]
    /// of the last call): the caller drops only bytes that were read.
    pub fn read_received(
        &mut self,
        window: &[u8],
        window_starts_at: usize,
        input_bytes: usize,
        sink: &mut dyn crate::core::model::ReportFileSink,
    ) -> ArrivalProgress {
        let received_end = window_starts_at.saturating_add(window.len());
        let all_received = received_end >= input_bytes;
        if self.gave_up
            || self.place == ReportPlace::Complete
            || (received_end < self.retry_when_received && !all_received)
        {
            return self.progress();
        }
        let Some(local_start) = self.position.checked_sub(window_starts_at) else {
            // Bytes not yet read were dropped: the caller's bug, which the whole reading
            // survives.
            return self.give_up();
        };
        let Some(unread) = window.get(local_start..) else {
            return self.progress();
        };
        let unread = &unread[..unread.len().min(self.window_bytes)];
        let text = match std::str::from_utf8(unread) {
            Ok(text) => text,
            // A character cut by the window's end is whole next time.
            Err(error)
                if error.error_len().is_none() && self.position + unread.len() < input_bytes =>
            {
                match std::str::from_utf8(&unread[..error.valid_up_to()]) {
                    Ok(text) => text,
                    Err(_) => return self.give_up(),
                }
            }
            Err(_) => return self.give_up(),
        };
        let window_text = ReceivedWindow {
            text,
            reaches_input_end: self.position + text.len() == input_bytes,
        };
        let window_reaches_received_end = local_start + unread.len() == window.len();
        let mut at = 0;
        let mut window_grew = false;
        loop {
            if self.place == ReportPlace::Complete {
                break;
            }
            match self.read_part(&window_text, at, sink) {
                PartRead::Read((), next) => at = next,
                PartRead::NotYet if !window_reaches_received_end => {
                    // Not one part fitted in the window: a longer one next time.
                    if at == 0 {
                        self.window_bytes = self.window_bytes.saturating_mul(2);
                        window_grew = true;
                    }
                    break;
                }
                PartRead::NotYet => {
                    let start = self.position + at;
                    self.retry_when_received = if at == 0 {
                        start.saturating_add((received_end - start).saturating_mul(2))
                    } else {
                        received_end + 1
                    };
                    break;
                }
                PartRead::Unexpected => {
                    self.position += at;
                    return self.give_up();
                }
            }
        }
        self.position += at;
        if at > 0 && !window_grew {
            // A window grown for one long part goes back to its size, so the worker's thread
            // is given back as often as before.
            self.window_bytes = WINDOW_BYTES;
        }
        ArrivalProgress {
            read_bytes: self.position,
            more_to_read: self.place != ReportPlace::Complete
                && (window_grew || (at > 0 && !window_reaches_received_end)),
        }
    }

    /// Reads and takes the next part at `at`: the object's braces and the end of the file
    /// here, the inside by the format's reading.
    fn read_part(
        &mut self,
        window: &ReceivedWindow<'_>,
        at: usize,
        sink: &mut dyn crate::core::model::ReportFileSink,
    ) -> PartRead<()> {
        match self.place {
            ReportPlace::Before => window
                .byte(at, b'{')
                .map(|()| self.place = ReportPlace::Inside),
            ReportPlace::Inside => {
                self.reading
                    .read_inside_report(window, at, sink)
                    .map(|inside| {
                        if inside == InsideReport::Ended {
                            self.place = ReportPlace::After;
                        }
                    })
            }
            ReportPlace::After => window
                .only_whitespace_left(at)
                .map(|()| self.place = ReportPlace::Complete),
            ReportPlace::Complete => PartRead::Unexpected,
        }
    }

    fn give_up(&mut self) -> ArrivalProgress {
        self.gave_up = true;
        self.progress()
    }

    fn progress(&self) -> ArrivalProgress {
        ArrivalProgress {
            read_bytes: self.position,
            more_to_read: false,
        }
    }
}

//! Reads the entries of a JSON report from the bytes received so far, so the parsing worker
//! converts files while the rest of the file is still being read.
//!
//! A report that streams its files (coverage.py's `files` object, Istanbul's top-level
//! object) is read here part by part: the punctuation between entries by hand, each key and
//! each value with serde_json on the text from where it starts. A part that does not end
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
pub(super) enum PartRead<T> {
    /// The part, and the offset in the window just after it.
    Read(T, usize),
    /// The part does not end within the window: it is read again when more has come.
    NotYet,
    /// Not what the reading as it arrives expects: the file is read whole at the end instead.
    Unexpected,
}

impl<T> PartRead<T> {
    /// Hands a part that was read to `take`, and says where the next starts.
    pub(super) fn then_take(self, take: impl FnOnce(T)) -> PartRead<()> {
        match self {
            PartRead::Read(part, next) => {
                take(part);
                PartRead::Read((), next)
            }
            PartRead::NotYet => PartRead::NotYet,
            PartRead::Unexpected => PartRead::Unexpected,
        }
    }
}

/// The received text a call reads: a slice of the file from the reading's position.
pub(super) struct ReceivedWindow<'text> {
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
}

/// A format's reading of its report part by part (coverage.py's, Istanbul's): it takes
/// each part it reads (converting a file and handing it to the sink) and says where the
/// next starts.
pub(super) trait PartByPartReading {
    /// Reads and takes the next part at `at`: `Read((), next)` once it is taken.
    fn read_part(
        &mut self,
        window: &ReceivedWindow<'_>,
        at: usize,
        sink: &mut dyn crate::core::model::ReportFileSink,
    ) -> PartRead<()>;

    /// The report's last part has been read.
    fn is_complete(&self) -> bool;
}

/// How far a reading as the bytes arrive got in one call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArrivalProgress {
    /// The bytes of the file read and taken so far.
    pub read_bytes: usize,
    /// Whether another call now could read more of what has been received.
    pub more_to_read: bool,
}

/// Drives a [`PartByPartReading`] over the received bytes of a file: where it is, how
/// much it looks at in one call, and whether it gave up.
pub(super) struct ReadingAsItArrives<Reading> {
    pub(super) reading: Reading,
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
            position: 0,
            window_bytes: WINDOW_BYTES,
            retry_when_received: 0,
            gave_up: false,
        }
    }

    /// Whether the reading stopped at something it does not expect.
    pub(super) fn gave_up(&self) -> bool {
        self.gave_up
    }

    /// Whether every part of the report was read and taken.
    pub(super) fn is_complete(&self) -> bool {
        !self.gave_up && self.reading.is_complete()
    }

    /// Reads what it can of `window`, the bytes of a file of `input_bytes` received from
    /// offset `window_starts_at` on, up to one window's worth, handing files to `sink`.
    /// The window starts at or before the reading's position ([`ArrivalProgress::read_bytes`]
    /// of the last call): the caller drops only bytes that were read.
    pub(super) fn read_received(
        &mut self,
        window: &[u8],
        window_starts_at: usize,
        input_bytes: usize,
        sink: &mut dyn crate::core::model::ReportFileSink,
    ) -> ArrivalProgress {
        let received_end = window_starts_at.saturating_add(window.len());
        let all_received = received_end >= input_bytes;
        if self.gave_up
            || self.reading.is_complete()
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
            if self.reading.is_complete() {
                break;
            }
            match self.reading.read_part(&window_text, at, sink) {
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
            more_to_read: !self.reading.is_complete()
                && (window_grew || (at > 0 && !window_reaches_received_end)),
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

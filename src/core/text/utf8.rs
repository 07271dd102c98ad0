//! Checks that turn raw dropped bytes into UTF-8 text, or say precisely why they are not.

/// The reason some bytes are not usable as UTF-8 text, worded for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextProblem {
    Empty,
    Utf16 { big_endian: bool },
    Binary { offset: usize },
    InvalidUtf8 { offset: usize, line: usize },
}

/// Decodes bytes as UTF-8 text, dropping a leading byte-order mark.
///
/// A NUL byte in the first 8 KiB marks the file as binary, which is a better message than
/// "invalid UTF-8" for images, archives and the like.
pub fn decode_utf8_text(bytes: &[u8]) -> Result<&str, TextProblem> {
    if bytes.is_empty() {
        return Err(TextProblem::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Err(TextProblem::Utf16 { big_endian: false });
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(TextProblem::Utf16 { big_endian: true });
    }
    let without_bom = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let sniff_length = without_bom.len().min(8192);
    if let Some(offset) = without_bom[..sniff_length]
        .iter()
        .position(|&byte| byte == 0)
    {
        return Err(TextProblem::Binary { offset });
    }
    match std::str::from_utf8(without_bom) {
        Ok(text) => {
            if text.trim().is_empty() {
                Err(TextProblem::Empty)
            } else {
                Ok(text)
            }
        }
        Err(error) => {
            let offset = error.valid_up_to();
            let line = 1 + without_bom[..offset]
                .iter()
                .filter(|&&byte| byte == b'\n')
                .count();
            Err(TextProblem::InvalidUtf8 { offset, line })
        }
    }
}

impl TextProblem {
    /// A sentence describing the problem, without the file name (the caller adds it).
    pub fn describe(&self) -> String {
        match self {
            TextProblem::Empty => "the file is empty".to_string(),
            TextProblem::Utf16 { big_endian } => format!(
                "the file is UTF-16 encoded ({}); save it as UTF-8",
                if *big_endian {
                    "big-endian"
                } else {
                    "little-endian"
                }
            ),
            TextProblem::Binary { offset } => {
                format!("the file is binary, not text (a NUL byte at offset {offset})")
            }
            TextProblem::InvalidUtf8 { offset, line } => {
                format!("the file is not valid UTF-8 (bad byte at offset {offset}, line {line})")
            }
        }
    }
}

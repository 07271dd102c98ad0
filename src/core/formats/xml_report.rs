//! Reading what the three XML coverage formats (Cobertura, Clover, JaCoCo) share: a safe
//! stream of elements, attribute values checked and named, line lists, timestamps.
//!
//! Refs: quick-xml 0.41 (`Reader::from_str`, `Event`, `Attribute::normalized_value`);
//! XML 1.0 (fifth edition) §2.8 (document type declaration), §4.2 (entity declarations),
//! §4.6 (the five predefined entities).
//!
//! Safety: a document type declaration is read as text and never followed, so no DTD and
//! no external entity is ever fetched. A file that declares entities is refused outright
//! (no coverage tool writes them, and nested entities are the "billion laughs" attack), and
//! a reference to any entity but XML's five predefined ones and character references is an
//! error, so nothing a file declares is ever expanded.
use std::borrow::Cow;
use std::fmt::Display;

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::escape::{resolve_predefined_entity, EscapeError};
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::core::model::{CoverageReport, LineBranches, LineNumber, Tally};
use crate::core::text::{decode_utf8_text, Diagnostic, ParseOutcome};

/// The largest count Covscope believes, as for coverage.py's JSON: a real report stays far
/// below, and refusing anything above keeps every sum of counts far from overflowing.
pub(super) const LARGEST_PLAUSIBLE_COUNT: u64 = 1_000_000_000_000_000;

/// How many bytes pass between two progress reports, at the least.
const PROGRESS_STEP: usize = 1 << 20;

/// One thing the element stream yields.
pub(super) enum XmlEvent<'text> {
    /// A start tag, or an empty-element tag (which is followed by its own `Close`).
    Open(XmlElement<'text>),
    /// The end of the innermost open element.
    Close,
    /// Character data inside an element, predefined entities and character references
    /// resolved; whitespace between elements is never yielded.
    Text(Cow<'text, str>),
    /// A comment (coverage.py names its DTD in one).
    Comment(Cow<'text, str>),
}

/// One XML format's reading of its elements: where a child element sits given its
/// parent's place, and what opening and closing an element, its text and a comment do.
/// [`walk_elements`] drives it, so the three XML formats share one walk.
pub(super) trait ElementReader {
    /// Where in the document an element is, as the format names its parts.
    type Place: Copy + PartialEq;
    /// The place of every element inside one the format does not read.
    const IGNORED: Self::Place;
    /// The place of an element named `name` inside one at `parent`.
    fn child_place(parent: Self::Place, name: &[u8]) -> Self::Place;
    fn open(&mut self, place: Self::Place, element: &XmlElement<'_>) -> Result<(), XmlProblem>;
    fn close(&mut self, place: Self::Place) -> Result<(), XmlProblem>;
    /// Character data inside the innermost open element; most formats have none to read.
    fn text(&mut self, _place: Self::Place, _text: &str) {}
    /// A comment anywhere in the document (coverage.py names its DTD in one).
    fn comment(&mut self, _comment: &str) {}
    /// Whether the reader needs no more of the document (a reading file by file that must
    /// start again whole); asked after each element closes.
    fn has_read_enough(&self) -> bool {
        false
    }
}

/// Walks every element after the root (whose place is `root`), keeping one place per open
/// element; everything inside an ignored element is ignored without asking the format.
pub(super) fn walk_elements<Reader: ElementReader>(
    stream: &mut XmlStream<'_, '_>,
    root: Reader::Place,
    reader: &mut Reader,
) -> Result<(), XmlProblem> {
    let mut places = vec![root];
    while let Some(event) = stream.next_event()? {
        match event {
            XmlEvent::Open(element) => {
                let parent = places.last().copied().unwrap_or(Reader::IGNORED);
                let place = if parent == Reader::IGNORED {
                    Reader::IGNORED
                } else {
                    Reader::child_place(parent, element.name())
                };
                reader.open(place, &element)?;
                places.push(place);
            }
            XmlEvent::Close => {
                if let Some(place) = places.pop() {
                    reader.close(place)?;
                }
                if reader.has_read_enough() {
                    break;
                }
            }
            XmlEvent::Text(text) => {
                if let Some(&place) = places.last() {
                    reader.text(place, &text);
                }
            }
            XmlEvent::Comment(comment) => reader.comment(&comment),
        }
    }
    Ok(())
}

/// A start tag and where it is in the text.
pub(super) struct XmlElement<'text> {
    tag: BytesStart<'text>,
    offset: usize,
}

/// Something wrong at one place of the file; [`XmlStream::describe`] turns it into a
/// sentence naming the line and column.
#[derive(Clone, Debug)]
pub(super) struct XmlProblem {
    /// The element the problem is about (`<line>`), when it is about one.
    element: Option<String>,
    offset: usize,
    message: String,
}

/// The document as a stream of elements, with the checks every format needs.
pub(super) struct XmlStream<'text, 'callback> {
    text: &'text str,
    reader: Reader<&'text [u8]>,
    /// Where each open element's start tag is, outermost first.
    open_elements: Vec<usize>,
    root_seen: bool,
    root_closed: bool,
    /// An empty-element tag was yielded as an `Open`; its `Close` comes next.
    close_pending: bool,
    doctype: Option<Cow<'text, str>>,
    lines: LineIndex<'text>,
    next_progress_at: usize,
    on_progress: &'callback mut dyn FnMut(usize),
}

/// Turns byte offsets into line and column numbers, counting forward from the last one
/// asked for (offsets are usually asked for in increasing order).
struct LineIndex<'text> {
    text: &'text str,
    counted_to: usize,
    line: usize,
    line_start: usize,
}

impl<'text, 'callback> XmlStream<'text, 'callback> {
    pub(super) fn new(text: &'text str, on_progress: &'callback mut dyn FnMut(usize)) -> Self {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        // Every tag is checked to close what it opened, and whitespace is kept so an
        // element's offset is exactly its `<`. Empty-element tags (`<line/>`, most of a
        // report) come as one event, turned into an open and a close below, which is
        // cheaper than the reader expanding them.
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        XmlStream {
            text,
            reader,
            open_elements: Vec::new(),
            root_seen: false,
            root_closed: false,
            close_pending: false,
            doctype: None,
            lines: LineIndex {
                text,
                counted_to: 0,
                line: 1,
                line_start: 0,
            },
            next_progress_at: PROGRESS_STEP,
            on_progress,
        }
    }

    /// The whole document's text.
    pub(super) fn text(&self) -> &'text str {
        self.text
    }

    /// The document type declaration's text (`report PUBLIC "-//JACOCO//DTD Report
    /// 1.1//EN" "report.dtd"`), once it has been read.
    pub(super) fn doctype(&self) -> Option<&str> {
        self.doctype.as_deref()
    }

    /// The next event, `None` after the root element has closed and only whitespace,
    /// comments or processing instructions follow.
    pub(super) fn next_event(&mut self) -> Result<Option<XmlEvent<'text>>, XmlProblem> {
        if self.close_pending {
            self.close_pending = false;
            return Ok(Some(self.close()));
        }
        loop {
            let offset = self.reader.buffer_position() as usize;
            if offset >= self.next_progress_at {
                (self.on_progress)(offset.min(self.text.len()));
                self.next_progress_at = offset.saturating_add(PROGRESS_STEP);
            }
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(error) => return Err(self.syntax_problem(&error)),
            };
            match event {
                Event::Start(tag) => return self.open(tag, offset).map(Some),
                Event::End(_) => return Ok(Some(self.close())),
                // An empty-element tag is opened here and closed by the next call.
                Event::Empty(tag) => {
                    let opened = self.open(tag, offset)?;
                    self.close_pending = true;
                    return Ok(Some(opened));
                }
                Event::Text(text) => {
                    let raw = text.into_inner();
                    if raw.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    if self.open_elements.is_empty() {
                        return Err(XmlProblem::at(
                            offset,
                            "there is text outside the root element",
                        ));
                    }
                    return Ok(Some(XmlEvent::Text(bytes_to_text(raw))));
                }
                Event::CData(data) => {
                    if self.open_elements.is_empty() {
                        return Err(XmlProblem::at(
                            offset,
                            "there is a CDATA section outside the root element",
                        ));
                    }
                    return Ok(Some(XmlEvent::Text(bytes_to_text(data.into_inner()))));
                }
                Event::GeneralRef(reference) => {
                    let name = bytes_to_text(reference.into_inner());
                    let resolved = resolve_reference(&name)
                        .map_err(|message| XmlProblem::at(offset, message))?;
                    return Ok(Some(XmlEvent::Text(Cow::Owned(resolved))));
                }
                Event::Comment(comment) => {
                    return Ok(Some(XmlEvent::Comment(bytes_to_text(comment.into_inner()))));
                }
                Event::DocType(declaration) => {
                    let declaration = bytes_to_text(declaration.into_inner());
                    check_doctype(&declaration)
                        .map_err(|message| XmlProblem::at(offset, message))?;
                    self.doctype = Some(declaration);
                }
                Event::Decl(_) | Event::PI(_) => {}
                Event::Eof => {
                    if let Some(&innermost) = self.open_elements.last() {
                        let (line, _) = self.lines.position(innermost);
                        let name = self.element_name_at(innermost);
                        return Err(XmlProblem::at(
                            self.text.len(),
                            format!(
                                "the file ends inside <{name}> (opened on line {line}): it was cut off"
                            ),
                        ));
                    }
                    if !self.root_seen {
                        return Err(XmlProblem::at(
                            self.text.len(),
                            "the file holds no XML element at all",
                        ));
                    }
                    return Ok(None);
                }
            }
        }
    }

    fn open(
        &mut self,
        tag: BytesStart<'text>,
        offset: usize,
    ) -> Result<XmlEvent<'text>, XmlProblem> {
        if self.root_closed {
            return Err(XmlProblem::at(
                offset,
                "there is a second root element after the first one closed; an XML report has exactly one",
            ));
        }
        self.root_seen = true;
        self.open_elements.push(offset);
        Ok(XmlEvent::Open(XmlElement { tag, offset }))
    }

    fn close(&mut self) -> XmlEvent<'text> {
        self.open_elements.pop();
        if self.open_elements.is_empty() {
            self.root_closed = true;
        }
        XmlEvent::Close
    }

    /// The name of the element whose start tag is at `offset`.
    fn element_name_at(&self, offset: usize) -> &'text str {
        let after = self.text.get(offset + 1..).unwrap_or("");
        let end = after
            .find(|character: char| character.is_whitespace() || matches!(character, '>' | '/'))
            .unwrap_or(after.len());
        &after[..end]
    }

    /// Reads up to the root element and checks its name; `expected` names the format's
    /// root (`coverage`), `format` the format, for the message when it is another.
    pub(super) fn root(
        &mut self,
        expected: &str,
        format: &str,
    ) -> Result<XmlElement<'text>, XmlProblem> {
        loop {
            match self.next_event()? {
                Some(XmlEvent::Open(element)) => {
                    if element.name() == expected.as_bytes() {
                        return Ok(element);
                    }
                    let found = String::from_utf8_lossy(element.name()).into_owned();
                    return Err(element.problem(format!(
                        "the root element is <{found}>, not <{expected}>, so this is not {format}"
                    )));
                }
                Some(_) => {}
                None => {
                    return Err(XmlProblem::at(
                        self.text.len(),
                        "the file holds no XML element at all",
                    ))
                }
            }
        }
    }

    /// A problem as a sentence: what is wrong, and where (`<line> at line 12, column 9:
    /// hits="x" is not a whole number`).
    pub(super) fn describe(&mut self, problem: &XmlProblem) -> String {
        let (line, column) = self.lines.position(problem.offset);
        match &problem.element {
            Some(element) => format!(
                "<{element}> at line {line}, column {column}: {}",
                problem.message
            ),
            None => format!("{} (line {line}, column {column})", problem.message),
        }
    }

    fn syntax_problem(&self, error: &XmlError) -> XmlProblem {
        let offset = self.reader.error_position() as usize;
        let message = match error {
            XmlError::IllFormed(IllFormedError::MissingEndTag(tag)) => {
                format!("the file ends before <{tag}> is closed: it was cut off")
            }
            XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
                format!("</{found}> closes an element here, but the open one is <{expected}>")
            }
            XmlError::IllFormed(IllFormedError::UnmatchedEndTag(tag)) => {
                format!("</{tag}> closes an element that was never opened")
            }
            XmlError::Syntax(
                syntax @ (SyntaxError::UnclosedTag
                | SyntaxError::UnclosedComment
                | SyntaxError::UnclosedCData
                | SyntaxError::UnclosedDoctype
                | SyntaxError::UnclosedPI
                | SyntaxError::UnclosedXmlDecl
                | SyntaxError::UnclosedSingleQuotedAttributeValue
                | SyntaxError::UnclosedDoubleQuotedAttributeValue),
            ) => match self.open_elements.last() {
                Some(&innermost) => format!(
                    "the file ends in the middle of a tag inside <{}> ({syntax}): it was cut off",
                    self.element_name_at(innermost)
                ),
                None => format!("the file ends in the middle of a tag ({syntax}): it was cut off"),
            },
            XmlError::Escape(escape) => describe_escape_problem(escape),
            other => format!("the file is not well-formed XML: {other}"),
        };
        XmlProblem::at(offset, message)
    }
}

/// What a format's reader gives back: the report and the warnings gathered on the way.
pub(super) struct ReadReport {
    pub report: CoverageReport,
    pub warnings: Vec<Diagnostic>,
}

/// Decodes the bytes, streams them to `read`, and turns a problem into one message naming
/// its line and column; progress ends with `bytes.len()`, as every parser's does.
pub(super) fn parse_xml_report(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
    read: impl FnOnce(&mut XmlStream<'_, '_>) -> Result<ReadReport, XmlProblem>,
) -> ParseOutcome<CoverageReport> {
    match read_xml_document(bytes, on_progress, read) {
        Ok(ReadReport { report, warnings }) => ParseOutcome::success(report, warnings),
        Err(message) => ParseOutcome::failure(message),
    }
}

/// [`parse_xml_report`] for a reader that gives back something else than a report (a
/// report without its files, or word that it must be read again); the error is the
/// message of the problem that stopped it.
pub(super) fn read_xml_document<Value>(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
    read: impl FnOnce(&mut XmlStream<'_, '_>) -> Result<Value, XmlProblem>,
) -> Result<Value, String> {
    let outcome = match decode_utf8_text(bytes) {
        Ok(text) => {
            let mut stream = XmlStream::new(text, &mut *on_progress);
            read(&mut stream).map_err(|problem| stream.describe(&problem))
        }
        Err(problem) => Err(problem.describe()),
    };
    on_progress(bytes.len());
    outcome
}

impl XmlProblem {
    /// A problem at a place that is not an element's start tag.
    pub(super) fn at(offset: usize, message: impl Into<String>) -> XmlProblem {
        XmlProblem {
            element: None,
            offset,
            message: message.into(),
        }
    }
}

impl<'text> XmlElement<'text> {
    /// The tag name as written (`line`, `sourcefile`).
    pub(super) fn name(&self) -> &[u8] {
        self.tag.name().into_inner()
    }

    /// A problem with this element, to be described with its line and column.
    pub(super) fn problem(&self, message: impl Display) -> XmlProblem {
        XmlProblem {
            element: Some(String::from_utf8_lossy(self.name()).into_owned()),
            offset: self.offset,
            message: message.to_string(),
        }
    }

    /// The attributes named in `keys`, in that order, read in one pass over the tag; a
    /// malformed or repeated attribute is a problem.
    pub(super) fn attributes<const N: usize>(
        &self,
        keys: [&str; N],
    ) -> Result<[Option<Attribute<'_>>; N], XmlProblem> {
        let mut found: [Option<Attribute<'_>>; N] = std::array::from_fn(|_| None);
        self.read_attributes(&keys, &mut found)?;
        Ok(found)
    }

    /// The one loop behind [`Self::attributes`], kept out of its generic body so each
    /// number of keys does not copy it into the wasm.
    fn read_attributes<'element>(
        &'element self,
        keys: &[&str],
        found: &mut [Option<Attribute<'element>>],
    ) -> Result<(), XmlProblem> {
        // The reader's own check for repeated attributes allocates for every tag; only
        // the attributes asked for matter, so a repeat of one of those is caught here.
        for attribute in self.tag.attributes().with_checks(false) {
            let attribute = attribute
                .map_err(|error| self.problem(format!("a malformed attribute ({error})")))?;
            let Some(index) = keys
                .iter()
                .position(|key| key.as_bytes() == attribute.key.as_ref())
            else {
                continue;
            };
            if let Some(slot) = found.get_mut(index) {
                if slot.is_some() {
                    return Err(self.problem(format!(
                        "the attribute {} is given twice",
                        key_text(&attribute)
                    )));
                }
                *slot = Some(attribute);
            }
        }
        Ok(())
    }

    /// An attribute as text, the predefined entities and character references resolved.
    pub(super) fn text(
        &self,
        attribute: Option<&Attribute<'_>>,
    ) -> Result<Option<String>, XmlProblem> {
        let Some(attribute) = attribute else {
            return Ok(None);
        };
        match attribute.normalized_value(XmlVersion::Implicit1_0) {
            Ok(value) => Ok(Some(value.into_owned())),
            Err(XmlError::Escape(escape)) => Err(self.problem(format!(
                "the attribute {} {}",
                key_text(attribute),
                describe_escape_problem(&escape)
            ))),
            Err(error) => Err(self.problem(format!(
                "the attribute {} cannot be read ({error})",
                key_text(attribute)
            ))),
        }
    }

    /// An attribute holding a count: a whole number no larger than any real report holds.
    pub(super) fn count(
        &self,
        attribute: Option<&Attribute<'_>>,
    ) -> Result<Option<u64>, XmlProblem> {
        let Some(attribute) = attribute else {
            return Ok(None);
        };
        let raw = attribute.value.as_ref();
        let Some(value) = parse_whole_number(raw) else {
            return Err(self.problem(format!(
                "{}=\"{}\" is not a whole number",
                key_text(attribute),
                shortened(raw)
            )));
        };
        if value > LARGEST_PLAUSIBLE_COUNT {
            return Err(self.problem(format!(
                "{}=\"{}\" is more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up",
                key_text(attribute),
                shortened(raw)
            )));
        }
        Ok(Some(value))
    }

    /// A required count: absent is a problem naming the attribute.
    pub(super) fn required_count(
        &self,
        attribute: Option<&Attribute<'_>>,
        key: &str,
    ) -> Result<u64, XmlProblem> {
        self.count(attribute)?
            .ok_or_else(|| self.problem(format!("the attribute {key} is missing")))
    }

    /// A required line number: a count from 1 that the model holds. Line 0 and a number
    /// beyond [`LineNumber`] are problems naming the attribute and the value, never cut to fit.
    pub(super) fn required_line_number(
        &self,
        attribute: Option<&Attribute<'_>>,
        key: &str,
    ) -> Result<LineNumber, XmlProblem> {
        let line = self.required_count(attribute, key)?;
        if line == 0 {
            return Err(self.problem(format!("{key}=\"0\": lines are numbered from 1")));
        }
        self.fitting_line_number(line, key)
    }

    /// An optional line number; 0 passes through for the caller to judge.
    pub(super) fn line_number(
        &self,
        attribute: Option<&Attribute<'_>>,
        key: &str,
    ) -> Result<Option<LineNumber>, XmlProblem> {
        self.count(attribute)?
            .map(|line| self.fitting_line_number(line, key))
            .transpose()
    }

    fn fitting_line_number(&self, line: u64, key: &str) -> Result<LineNumber, XmlProblem> {
        LineNumber::try_from(line).map_err(|_| {
            self.problem(format!(
                "{key}=\"{line}\" is beyond the largest line number Covscope holds ({})",
                LineNumber::MAX
            ))
        })
    }

    /// An attribute holding a rate between 0 and 1 (Cobertura's `line-rate`). `NaN`, which
    /// some writers put for nothing measured, reads as no rate at all.
    pub(super) fn rate(
        &self,
        attribute: Option<&Attribute<'_>>,
    ) -> Result<Option<f64>, XmlProblem> {
        let Some(attribute) = attribute else {
            return Ok(None);
        };
        let raw = attribute.value.as_ref();
        let parsed = std::str::from_utf8(raw)
            .ok()
            .map(str::trim)
            .and_then(|text| text.parse::<f64>().ok());
        match parsed {
            Some(value) if value.is_nan() => Ok(None),
            // A rate a hair above 1 is floating-point noise of a writer dividing.
            Some(value) if (0.0..=1.000_001).contains(&value) => Ok(Some(value.min(1.0))),
            _ => Err(self.problem(format!(
                "{}=\"{}\" is not a rate between 0 and 1",
                key_text(attribute),
                shortened(raw)
            ))),
        }
    }
}

impl LineIndex<'_> {
    /// The 1-based line and column (in characters) of a byte offset.
    fn position(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if offset < self.counted_to {
            self.counted_to = 0;
            self.line = 1;
            self.line_start = 0;
        }
        let bytes = self.text.as_bytes();
        for index in memchr::memchr_iter(b'\n', &bytes[self.counted_to..offset]) {
            self.line += 1;
            self.line_start = self.counted_to + index + 1;
        }
        self.counted_to = offset;
        let column = 1 + self
            .text
            .get(self.line_start..offset)
            .map_or(0, |before| before.chars().count());
        (self.line, column)
    }
}

/// Refuses a document type declaration that declares entities; one that only names a DTD
/// (`<!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">`) is fine, as
/// the DTD is never read.
fn check_doctype(declaration: &str) -> Result<(), String> {
    let mut names: Vec<&str> = Vec::new();
    let mut external: Option<(&str, &str)> = None;
    let mut rest = declaration;
    while let Some(start) = rest.find("<!ENTITY") {
        let after = &rest[start + "<!ENTITY".len()..];
        let end = after.find('>').unwrap_or(after.len());
        let body = after[..end].trim_start();
        let body = body.strip_prefix('%').map_or(body, str::trim_start);
        let name_end = body
            .find(|character: char| {
                character.is_whitespace() || character == '"' || character == '\''
            })
            .unwrap_or(body.len());
        let name = &body[..name_end];
        let definition = body[name_end..].trim();
        if external.is_none()
            && (definition.starts_with("SYSTEM") || definition.starts_with("PUBLIC"))
        {
            external = Some((name, definition));
        }
        names.push(name);
        rest = &after[end..];
    }
    if let Some((name, definition)) = external {
        return Err(format!(
            "the file's DOCTYPE declares the external entity \"{name}\" ({}); Covscope never fetches or expands entities, and no coverage tool writes them, so the file is refused",
            shortened(definition.as_bytes())
        ));
    }
    if !names.is_empty() {
        let shown: Vec<String> = names
            .iter()
            .take(3)
            .map(|name| format!("\"{name}\""))
            .collect();
        let more = if names.len() > 3 { ", …" } else { "" };
        return Err(format!(
            "the file's DOCTYPE declares {} {} ({}{more}); Covscope never expands entities a file declares (entities nested in each other are the \"billion laughs\" attack), and no coverage tool writes them, so the file is refused",
            names.len(),
            if names.len() == 1 { "entity" } else { "entities" },
            shown.join(", ")
        ));
    }
    Ok(())
}

/// Resolves a reference in text: one of XML's five predefined entities or a character
/// reference; anything else is refused, never looked up.
fn resolve_reference(name: &str) -> Result<String, String> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse::<u32>().ok(),
        };
        return code
            .and_then(char::from_u32)
            .filter(|character| *character != '\0')
            .map(String::from)
            .ok_or_else(|| format!("&{name}; is not a valid character reference"));
    }
    resolve_predefined_entity(name)
        .map(str::to_string)
        .ok_or_else(|| unknown_entity_message(name))
}

fn unknown_entity_message(name: &str) -> String {
    format!(
        "uses the entity &{name};, which is not one of XML's five (&lt; &gt; &amp; &apos; &quot;); Covscope expands no other entity"
    )
}

fn describe_escape_problem(escape: &EscapeError) -> String {
    match escape {
        EscapeError::UnrecognizedEntity(_, name) => unknown_entity_message(name),
        EscapeError::UnterminatedEntity(_) => {
            "has an & that starts no entity (a lone & must be written &amp;)".to_string()
        }
        EscapeError::InvalidCharRef(error) => {
            format!("has an invalid character reference ({error})")
        }
        EscapeError::TooManyNestedEntities => "nests entities".to_string(),
    }
}

/// The text of bytes that came from a `&str` at markup boundaries, so they are UTF-8.
fn bytes_to_text(bytes: Cow<'_, [u8]>) -> Cow<'_, str> {
    match bytes {
        Cow::Borrowed(bytes) => String::from_utf8_lossy(bytes),
        Cow::Owned(bytes) => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
    }
}

fn key_text<'a>(attribute: &'a Attribute<'_>) -> Cow<'a, str> {
    String::from_utf8_lossy(attribute.key.as_ref())
}

/// A value quoted in a message, cut at 60 characters so a damaged file cannot flood it.
fn shortened(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.into_owned(),
    }
}

/// A whole number of decimal digits, surrounding blanks allowed; `None` for anything else
/// or for a value beyond `u64`.
pub(super) fn parse_whole_number(raw: &[u8]) -> Option<u64> {
    let trimmed = raw.trim_ascii();
    if trimmed.is_empty() {
        return None;
    }
    trimmed.iter().try_fold(0u64, |value, &byte| {
        if byte.is_ascii_digit() {
            value.checked_mul(10)?.checked_add(u64::from(byte - b'0'))
        } else {
            None
        }
    })
}

/// Epoch time as ISO 8601 UTC. Writers use milliseconds (coverage.py, Istanbul, JaCoCo,
/// OpenClover) or seconds (cargo-llvm-cov, tarpaulin, PHPUnit); a value below 10^11 is read
/// as seconds, since 10^11 milliseconds is 1973 and 10^11 seconds the year 5138.
pub(super) fn epoch_to_iso8601(value: u64) -> Option<String> {
    let (seconds, milliseconds) = if value < 100_000_000_000 {
        (value, None)
    } else {
        (value / 1000, Some(value % 1000))
    };
    let days = i64::try_from(seconds / 86_400).ok()?;
    let second_of_day = seconds % 86_400;
    let (year, month, day) = civil_from_days(days);
    if year > 9999 {
        return None;
    }
    let time = format!(
        "{:02}:{:02}:{:02}",
        second_of_day / 3600,
        second_of_day % 3600 / 60,
        second_of_day % 60
    );
    Some(match milliseconds {
        Some(milliseconds) => format!("{year:04}-{month:02}-{day:02}T{time}.{milliseconds:03}Z"),
        None => format!("{year:04}-{month:02}-{day:02}T{time}Z"),
    })
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// One source line as a report lists it: how often it ran (or only whether), and how many
/// of its branch outcomes were taken.
#[derive(Clone, Copy, Debug)]
pub(super) struct LineRecord {
    pub line: LineNumber,
    pub hits: u64,
    pub branches: Option<BranchCount>,
}

/// Branch outcomes of one line: how many were taken, of how many.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct BranchCount {
    pub covered: u32,
    pub total: u32,
}

/// How records of the same line are merged, by the rule of the tool each format follows.
#[derive(Clone, Copy, Debug)]
pub(super) struct LineMergeRule {
    /// Hits summed (lcov's rule for the same line listed twice) or the largest kept.
    pub sum_hits: bool,
    /// Branch counts summed (two conditions on one line) or the larger line kept.
    pub sum_branches: bool,
}

/// A file's lines, sorted and merged, as the model keeps them.
#[derive(Default)]
pub(super) struct LineLists {
    pub executed_lines: Vec<LineNumber>,
    pub executed_line_hits: Vec<u64>,
    pub missing_lines: Vec<LineNumber>,
    pub line_branches: Vec<LineBranches>,
}

impl LineLists {
    /// Sorts the records by line, merges repeated lines by `rule`, and splits them into
    /// executed and missing lines; `keep_hits` says whether the format counts hits.
    pub(super) fn from_records(
        mut records: Vec<LineRecord>,
        rule: LineMergeRule,
        keep_hits: bool,
    ) -> LineLists {
        // Records of one line merge the same in any order, so an unstable sort will do.
        records.sort_unstable_by_key(|record| record.line);
        let mut merged: Vec<LineRecord> = Vec::with_capacity(records.len());
        for record in records {
            match merged.last_mut() {
                Some(last) if last.line == record.line => {
                    last.hits = if rule.sum_hits {
                        last.hits.saturating_add(record.hits)
                    } else {
                        last.hits.max(record.hits)
                    };
                    last.branches =
                        merge_branches(last.branches, record.branches, rule.sum_branches);
                }
                _ => merged.push(record),
            }
        }
        let mut lists = LineLists::default();
        for record in merged {
            if record.hits > 0 {
                lists.executed_lines.push(record.line);
                if keep_hits {
                    lists.executed_line_hits.push(record.hits);
                }
            } else {
                lists.missing_lines.push(record.line);
            }
            if let Some(branches) = record.branches {
                lists.line_branches.push(LineBranches {
                    line: record.line,
                    covered: branches.covered,
                    total: branches.total,
                });
            }
        }
        lists
    }

    /// Lines covered of lines listed.
    pub(super) fn line_tally(&self) -> Tally {
        let executed = self.executed_lines.len() as u64;
        Tally::new(executed, executed + self.missing_lines.len() as u64)
    }

    /// Branch outcomes taken of outcomes listed, over every line.
    pub(super) fn branch_tally(&self) -> Tally {
        self.line_branches
            .iter()
            .map(|line| Tally::new(u64::from(line.covered), u64::from(line.total)))
            .sum()
    }
}

fn merge_branches(
    left: Option<BranchCount>,
    right: Option<BranchCount>,
    sum: bool,
) -> Option<BranchCount> {
    match (left, right) {
        (Some(left), Some(right)) if sum => Some(BranchCount {
            covered: left.covered.saturating_add(right.covered),
            total: left.total.saturating_add(right.total),
        }),
        // The same branch point listed twice: the fuller record is kept, and an outcome
        // taken in either counts as taken.
        (Some(left), Some(right)) => {
            let total = left.total.max(right.total);
            Some(BranchCount {
                covered: left.covered.max(right.covered).min(total),
                total,
            })
        }
        (left, right) => left.or(right),
    }
}

/// A kind of oddity seen in many places, reported once with a count and the first place.
#[derive(Default)]
pub(super) struct RepeatedOddity {
    count: usize,
    first: Option<String>,
}

impl RepeatedOddity {
    pub(super) fn note(&mut self, place: impl FnOnce() -> String) {
        if self.first.is_none() {
            self.first = Some(place());
        }
        self.count += 1;
    }

    /// One warning, `what` in N places (first: …) and `consequence`, when seen at all.
    pub(super) fn warning(&self, what: &str, consequence: &str) -> Option<Diagnostic> {
        let first = self.first.as_ref()?;
        let places = if self.count == 1 { "place" } else { "places" };
        Some(Diagnostic::warning(format!(
            "{what} in {} {places} (first: {first}); {consequence}",
            self.count
        )))
    }
}

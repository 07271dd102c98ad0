//! llvm-cov's line coverage: which lines a run of coverage segments maps and how often each
//! ran, and the segments llvm-cov builds from one function's regions.
//!
//! Refs: LLVM `llvm/lib/ProfileData/Coverage/CoverageMapping.cpp` (`LineCoverageStats`,
//! `LineCoverageIterator`, `SegmentBuilder`) as of LLVM 22. The export JSON carries each
//! file's segments but never the per-line result, and each function's regions but never its
//! segments, so both steps are done here exactly as llvm-cov does them.

use crate::core::model::LineNumber;

/// One coverage segment: from here on, until the next segment, code ran `count` times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Segment {
    pub line: LineNumber,
    pub column: u64,
    pub count: u64,
    /// False where the code was skipped (preprocessed out) or lies between functions.
    pub has_count: bool,
    /// True where a region starts here, rather than resuming after a nested one ended.
    pub is_region_entry: bool,
    /// True for the whitespace llvm-cov marks as a gap (`} else {`), whose count does not
    /// make a line run.
    pub is_gap_region: bool,
}

/// Where a line's stretch of mapped lines goes: a sink that lists them, or one that counts.
pub(super) trait MappedLines {
    /// Lines `first..=last` are mapped and each ran `count` times.
    fn mapped(&mut self, first: LineNumber, last: LineNumber, count: u64);
}

/// A line's count as the segments that end or start on it give it.
#[derive(Clone, Copy, Debug)]
struct CountAt {
    has_count: bool,
    count: u64,
}

/// What the segments read so far say about the line they are on.
#[derive(Clone, Copy, Debug)]
struct CurrentLine {
    line: LineNumber,
    /// How many non-gap regions with a count start on the line, up to two (LLVM stops
    /// counting at two).
    region_starts: u8,
    /// The line's first segment starts a skipped region.
    starts_skipped_region: bool,
    /// Some segment on the line starts a region with a count, gap or not.
    has_counted_entry: bool,
    /// The largest count of a non-gap region starting on the line.
    largest_start_count: u64,
    /// The line's last segment, which wraps onto the following lines.
    last: CountAt,
}

/// Why segments could not be walked: llvm-cov writes them sorted by line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct SegmentsOutOfOrder {
    /// 0-based position of the first segment that comes before its predecessor.
    pub index: usize,
}

/// Walks segments in order, line by line, the way `LineCoverageIterator` does, telling the
/// sink which lines are mapped and with what count.
///
/// A line with segments is mapped when it does not start with a skipped region and either
/// the segment wrapping onto it has a count or a non-gap region with a count starts on it;
/// any region entry with a count also maps it. Its count is the wrapping segment's count,
/// raised to the largest count of a non-gap region starting on the line. A line without
/// segments takes the wrapping segment's count when that has one. Lines before the first
/// segment and after the last one are not mapped. Runs of lines without segments are handed
/// to the sink whole, so a walk costs time in proportion to the segments, not the lines.
#[derive(Debug, Default)]
pub(super) struct LineWalker {
    current: Option<CurrentLine>,
    /// The last segment of the last line before `current` that had segments.
    wrapped: Option<CountAt>,
    previous_position: Option<(LineNumber, u64)>,
    segments_seen: usize,
}

impl LineWalker {
    pub fn push(
        &mut self,
        segment: Segment,
        sink: &mut dyn MappedLines,
    ) -> Result<(), SegmentsOutOfOrder> {
        let position = (segment.line, segment.column);
        if self
            .previous_position
            .is_some_and(|previous| position < previous)
        {
            return Err(SegmentsOutOfOrder {
                index: self.segments_seen,
            });
        }
        self.previous_position = Some(position);
        self.segments_seen += 1;
        let starts_region = !segment.is_gap_region && segment.has_count && segment.is_region_entry;
        let here = CountAt {
            has_count: segment.has_count,
            count: segment.count,
        };
        match &mut self.current {
            Some(current) if current.line == segment.line => {
                if starts_region {
                    current.region_starts = current.region_starts.saturating_add(1).min(2);
                    current.largest_start_count = current.largest_start_count.max(segment.count);
                }
                current.has_counted_entry |= segment.is_region_entry && segment.has_count;
                current.last = here;
            }
            _ => {
                if let Some(finished) = self.current.take() {
                    self.finish_line(finished, sink);
                    self.wrapped = Some(finished.last);
                    // The lines between the finished one and this one have no segments.
                    if let (Some(wrapped), Some(first), Some(last)) = (
                        self.wrapped,
                        finished.line.checked_add(1),
                        segment.line.checked_sub(1),
                    ) {
                        if wrapped.has_count && first <= last {
                            sink.mapped(first, last, wrapped.count);
                        }
                    }
                }
                self.current = Some(CurrentLine {
                    line: segment.line,
                    region_starts: u8::from(starts_region),
                    starts_skipped_region: !segment.has_count && segment.is_region_entry,
                    has_counted_entry: segment.is_region_entry && segment.has_count,
                    largest_start_count: if starts_region { segment.count } else { 0 },
                    last: here,
                });
            }
        }
        Ok(())
    }

    /// Ends the walk: the line of the last segment is the last line considered.
    pub fn finish(mut self, sink: &mut dyn MappedLines) {
        if let Some(finished) = self.current.take() {
            self.finish_line(finished, sink);
        }
    }

    fn finish_line(&self, line: CurrentLine, sink: &mut dyn MappedLines) {
        let wrapped_has_count = self.wrapped.is_some_and(|wrapped| wrapped.has_count);
        let mapped = (!line.starts_skipped_region && (wrapped_has_count || line.region_starts > 0))
            || line.has_counted_entry;
        if !mapped {
            return;
        }
        let mut count = self.wrapped.map_or(0, |wrapped| wrapped.count);
        if line.region_starts > 0 {
            count = count.max(line.largest_start_count);
        }
        sink.mapped(line.line, line.line, count);
    }
}

/// Counts mapped lines and those that ran, as llvm-cov's line summary does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct LineTally {
    pub mapped: u64,
    pub executed: u64,
}

impl MappedLines for LineTally {
    fn mapped(&mut self, first: LineNumber, last: LineNumber, count: u64) {
        let lines = u64::from(last.saturating_sub(first)).saturating_add(1);
        self.mapped = self.mapped.saturating_add(lines);
        if count > 0 {
            self.executed = self.executed.saturating_add(lines);
        }
    }
}

/// The kinds of region llvm-cov writes into a function's `regions`, by their number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum RegionKind {
    Code,
    Expansion,
    Skipped,
    Gap,
}

impl RegionKind {
    /// `CounterMappingRegion::RegionKind`'s numbering; branch and MC/DC kinds (4 to 6) never
    /// take part in segments, so they map to `None`.
    pub fn from_number(number: u64) -> Option<RegionKind> {
        match number {
            0 => Some(RegionKind::Code),
            1 => Some(RegionKind::Expansion),
            2 => Some(RegionKind::Skipped),
            3 => Some(RegionKind::Gap),
            _ => None,
        }
    }
}

/// One of a function's regions in one file: a stretch of code with its count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct CountedRegion {
    pub start: (LineNumber, u64),
    pub end: (LineNumber, u64),
    pub count: u64,
    pub kind: RegionKind,
}

/// Builds the segments of one function's regions in its own file, as `SegmentBuilder` does:
/// regions sorted with enclosing ones first, regions covering the same stretch combined
/// (counts added when of the same kind as the first), then a segment wherever the count in
/// force changes.
pub(super) fn build_segments(mut regions: Vec<CountedRegion>) -> Vec<Segment> {
    regions.sort_by(|left, right| {
        left.start
            .cmp(&right.start)
            .then(right.end.cmp(&left.end))
            .then(left.kind.cmp(&right.kind))
    });
    let combined = combine_regions(regions);
    let mut builder = SegmentBuilder::default();
    builder.build(&combined);
    builder.segments
}

/// Folds regions that cover exactly the same stretch into the first of them.
fn combine_regions(regions: Vec<CountedRegion>) -> Vec<CountedRegion> {
    let mut combined: Vec<CountedRegion> = Vec::with_capacity(regions.len());
    for region in regions {
        match combined.last_mut() {
            Some(active) if active.start == region.start && active.end == region.end => {
                // A macro fully expanded into another gives a code and an expansion region
                // over the same stretch: only counts of the first region's kind are added,
                // so the stretch is not counted twice.
                if active.kind == region.kind {
                    active.count = active.count.saturating_add(region.count);
                }
            }
            _ => combined.push(region),
        }
    }
    combined
}

#[derive(Default)]
struct SegmentBuilder {
    segments: Vec<Segment>,
    /// Indices into the combined regions of the regions not yet ended.
    active: Vec<usize>,
}

impl SegmentBuilder {
    fn build(&mut self, regions: &[CountedRegion]) {
        for (index, region) in regions.iter().enumerate() {
            let start = region.start;
            // Regions that end at or before this one's start are completed; the rest stay
            // active, in order, ahead of them (a stable partition, as LLVM's).
            if self
                .active
                .iter()
                .any(|&active| regions[active].end <= start)
            {
                let (still_active, completed): (Vec<usize>, Vec<usize>) = self
                    .active
                    .iter()
                    .partition(|&&active| regions[active].end > start);
                let first_completed = still_active.len();
                self.active = still_active;
                self.active.extend(completed);
                self.complete_regions_until(regions, Some(start), first_completed);
            }
            let is_gap = region.kind == RegionKind::Gap;
            let is_last = index + 1 == regions.len();
            if start == region.end {
                // A zero-length region never becomes active: it takes its predecessor's
                // count, or, when it is the last region or a skipped one, marks a skip.
                let skipped = is_last || region.kind == RegionKind::Skipped;
                let counted = match self.active.last() {
                    Some(&active) => regions[active],
                    None => *region,
                };
                self.start_segment(&counted, start, !is_gap, skipped);
                if skipped {
                    if let Some(&active) = self.active.last() {
                        self.start_segment(&regions[active], start, false, false);
                    }
                }
                continue;
            }
            if regions
                .get(index + 1)
                .is_none_or(|next| next.start != start)
            {
                self.start_segment(region, start, !is_gap, false);
            }
            self.active.push(index);
        }
        if !self.active.is_empty() {
            self.complete_regions_until(regions, None, 0);
        }
    }

    fn start_segment(
        &mut self,
        region: &CountedRegion,
        start: (LineNumber, u64),
        is_region_entry: bool,
        emit_skipped: bool,
    ) {
        let has_count = !emit_skipped && region.kind != RegionKind::Skipped;
        // A segment that would not change what is shown is left out.
        if !is_region_entry && !emit_skipped {
            if let Some(last) = self.segments.last() {
                if last.has_count == has_count
                    && last.count == region.count
                    && !last.is_region_entry
                {
                    return;
                }
            }
        }
        self.segments.push(Segment {
            line: start.0,
            column: start.1,
            count: if has_count { region.count } else { 0 },
            has_count,
            is_region_entry,
            is_gap_region: has_count && region.kind == RegionKind::Gap,
        });
    }

    /// Emits the segments where the completed regions (from `first_completed` on) end, then
    /// pops them.
    fn complete_regions_until(
        &mut self,
        regions: &[CountedRegion],
        until: Option<(LineNumber, u64)>,
        first_completed: usize,
    ) {
        // Completed regions in order of their ends (a stable sort, as LLVM's).
        self.active[first_completed..]
            .sort_by(|&left, &right| regions[left].end.cmp(&regions[right].end));
        let active_count = self.active.len();
        for position in first_completed + 1..active_count {
            let mut completed = self.active[position];
            let segment_start = regions[self.active[position - 1]].end;
            if until == Some(segment_start) {
                break;
            }
            if segment_start == regions[completed].end {
                continue;
            }
            // The count comes from the last completed region ending at the same place.
            for &later in &self.active[position + 1..] {
                if regions[later].end == regions[completed].end {
                    completed = later;
                }
            }
            let region = regions[completed];
            self.start_segment(&region, segment_start, false, false);
        }
        let Some(&last) = self.active.last() else {
            return;
        };
        let last_end = regions[last].end;
        if first_completed > 0 && until != Some(last_end) {
            // Code between the last completed region's end and the next region's start
            // has the count of the region that is still active.
            let enclosing = regions[self.active[first_completed - 1]];
            self.start_segment(&enclosing, last_end, false, false);
        } else if first_completed == 0 && until != Some(last_end) {
            // Nothing is active any more: what follows lies between functions.
            let region = regions[last];
            self.start_segment(&region, last_end, false, true);
        }
        self.active.truncate(first_completed);
    }
}

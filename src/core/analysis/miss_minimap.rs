//! The minimap of a source's misses as geometry: where each missed or partly run line's
//! tick lies in the minimap's own units, the ticks of one kind merged into runs (so the
//! page draws two shapes, not a thousand), and which line a point of the minimap stands
//! for.
use super::source_lines::LineStatus;

/// The minimap's height in its own units; the stylesheet stretches it to the source's.
pub const MINIMAP_HEIGHT: f64 = 1000.0;
/// A tick is at least this tall, so a single missed line in a long file still shows.
const SMALLEST_TICK: f64 = 3.0;

/// Where line `line` (1-based) of `line_count` lines starts in the minimap, and how tall
/// its tick is.
pub fn tick_place(line: u64, line_count: u64) -> (f64, f64) {
    let lines = line_count.max(1) as f64;
    let top = (line.saturating_sub(1) as f64 / lines) * MINIMAP_HEIGHT;
    (top, (MINIMAP_HEIGHT / lines).max(SMALLEST_TICK))
}

/// The stretches of the minimap covered by the ticks of lines with `status`, top to
/// bottom: overlapping or touching ticks make one stretch. `gaps` are in line order
/// (`LineMarks::gap_lines`).
pub fn tick_runs(
    gaps: &[(u64, LineStatus)],
    line_count: u64,
    status: LineStatus,
) -> Vec<(f64, f64)> {
    let mut runs: Vec<(f64, f64)> = Vec::new();
    for &(line, _) in gaps.iter().filter(|(_, of)| *of == status) {
        let (top, height) = tick_place(line, line_count);
        let bottom = top + height;
        match runs.last_mut() {
            Some((_, run_bottom)) if top <= *run_bottom => *run_bottom = run_bottom.max(bottom),
            _ => runs.push((top, bottom)),
        }
    }
    runs
}

/// The SVG path of stretches `runs` in a minimap `width` units wide, one rectangle each,
/// with one decimal.
pub fn runs_path(runs: &[(f64, f64)], width: u32) -> String {
    runs.iter()
        .map(|(top, bottom)| format!("M0 {top:.1}H{width}V{bottom:.1}H0Z"))
        .collect()
}

/// The missed or partly run line whose tick is at height `y` of the minimap (its units),
/// the closest one when ticks overlap there; `None` between ticks.
pub fn gap_at(gaps: &[(u64, LineStatus)], line_count: u64, y: f64) -> Option<u64> {
    gaps.iter()
        .filter_map(|&(line, _)| {
            let (top, height) = tick_place(line, line_count);
            let hit = y >= top && y <= top + height;
            hit.then(|| (line, (top + height / 2.0 - y).abs()))
        })
        .min_by(|(_, left), (_, right)| left.total_cmp(right))
        .map(|(line, _)| line)
}

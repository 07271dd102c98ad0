//! How the WebAssembly binaries' heap takes memory from the browser: in steps of a few
//! MiB, not a 64 KiB page at a time.
//!
//! talc's own memory source grows the memory by exactly what the allocation that did not
//! fit needs, so a page taking in a 200,000-file report grew its memory 952 times and its
//! parsing worker 2,473 times. Every growth gives the memory a new `ArrayBuffer`, which
//! V8 counts as that much new outside memory (at times starting a garbage collection on
//! the spot), and changes the renderer process's memory map, which waits while another
//! thread of the process changes it too (the worker allocating, a worker being stopped):
//! the page's growths took 759 ms in all, of which 19 ms on the CPU (BENCHMARKS.md,
//! "Growing the page's memory"). Growing in steps of a thirty-second of the memory, at
//! least 1 MiB and at most 4 MiB, makes a few dozen growths of that many, and leaves at
//! most one step unused at the end.

/// The size of a WebAssembly memory page.
pub const WASM_PAGE_BYTES: usize = 64 * 1024;

/// The least a growth takes: 1 MiB.
pub const LEAST_GROWTH_PAGES: usize = 16;

/// The most a growth takes beyond what the allocation needs: 4 MiB, so the memory left
/// unused after the last growth is never more than that.
pub const MOST_GROWTH_PAGES: usize = 64;

/// A growth takes this fraction of the memory's size (within the bounds above): a memory
/// that has grown large grows in larger steps, but never by more than a thirty-second of
/// itself beyond what is needed.
pub const GROWTH_FRACTION_DIVISOR: usize = 32;

/// How many pages to grow a memory of `current_pages` by when an allocation needs
/// `needed_pages` more: what it needs, or the step, whichever is more.
pub fn growth_pages(current_pages: usize, needed_pages: usize) -> usize {
    let step =
        (current_pages / GROWTH_FRACTION_DIVISOR).clamp(LEAST_GROWTH_PAGES, MOST_GROWTH_PAGES);
    needed_pages.max(step)
}

/// talc's memory source for the binaries: grows the memory in steps ([`growth_pages`])
/// and extends the one heap over what it grew (a new heap only if something else grew
/// the memory in between, which nothing does).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
pub mod source {
    use core::alloc::Layout;
    use core::arch::wasm32::{memory_grow, memory_size};
    use core::ptr::NonNull;

    use talc::base::binning::Binning;
    use talc::base::{Talc, CHUNK_UNIT};
    use talc::source::Source;

    use super::{growth_pages, WASM_PAGE_BYTES};

    /// Where the heap ends, once there is one.
    #[derive(Debug, Default)]
    pub struct GrowInSteps {
        heap_end: Option<NonNull<u8>>,
    }

    impl GrowInSteps {
        /// A source with no heap yet (`Default` is not `const`, which a static needs).
        pub const fn new() -> GrowInSteps {
            GrowInSteps { heap_end: None }
        }
    }

    /// The pages an allocation of `layout` needs in a heap of its own or at the end of
    /// one: its size and alignment, and room for talc's bookkeeping (a few chunk units;
    /// a new heap also holds talc's lists, well under a page).
    fn needed_pages(layout: Layout) -> Option<usize> {
        let bytes = layout
            .size()
            .checked_add(layout.align())?
            .checked_add(8 * CHUNK_UNIT)?
            .checked_add(WASM_PAGE_BYTES)?;
        Some(bytes.div_ceil(WASM_PAGE_BYTES))
    }

    // SAFETY: `acquire` only grows the memory and hands talc the grown part (extending the
    // heap it handed over before when the two meet); it allocates nothing itself.
    unsafe impl Source for GrowInSteps {
        fn acquire<B: Binning>(talc: &mut Talc<Self, B>, layout: Layout) -> Result<(), ()> {
            let needed = needed_pages(layout).ok_or(())?;
            let wanted = growth_pages(memory_size::<0>(), needed);
            // Near the memory's limit the step may not fit where what is needed still does.
            let (previous_pages, grown_pages) = match memory_grow::<0>(wanted) {
                usize::MAX if wanted > needed => match memory_grow::<0>(needed) {
                    usize::MAX => return Err(()),
                    previous => (previous, needed),
                },
                usize::MAX => return Err(()),
                previous => (previous, wanted),
            };
            let grown_start = (previous_pages * WASM_PAGE_BYTES) as *mut u8;
            let grown_end = grown_start.wrapping_add(grown_pages * WASM_PAGE_BYTES);
            talc.source.heap_end = match talc.source.heap_end.take() {
                // SAFETY: the grown memory starts where the heap ends and belongs to no one.
                Some(heap_end) if heap_end.as_ptr() == grown_start => {
                    Some(unsafe { talc.extend(heap_end, grown_end) })
                }
                // SAFETY: the grown memory is new and belongs to no one.
                _ => unsafe { talc.claim(grown_start, grown_pages * WASM_PAGE_BYTES) },
            };
            if talc.source.heap_end.is_some() {
                Ok(())
            } else {
                Err(())
            }
        }
    }
}
